"""Statement slides: one sentence, large."""

from conftest import placeholder_text


def test_statement_puts_sentence_in_title_of_statement_layout(project):
    slide = project.render_one(
        """
        - id: faellesskab
          kind: statement
          text: Fællesskab og sammenhængskraft
        """
    )
    assert slide.slide_layout.name == "Udsagn"
    assert slide.shapes.title.text_frame.text == "Fællesskab og sammenhængskraft"
    assert 1 not in [ph.placeholder_format.idx for ph in slide.placeholders]


def test_statement_subtitle_goes_below(project):
    slide = project.render_one(
        """
        - id: krav
          kind: statement
          text: Vi forbereder os på fremtidens krav og muligheder
          subtitle: – og vi gør det sammen
        """
    )
    assert placeholder_text(slide, 1) == "– og vi gør det sammen"
