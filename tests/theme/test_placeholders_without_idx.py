"""A LibreOffice-made template, whose title, subtitle and body placeholders have no idx: each
text lands in its own placeholder, and filling the title never counts as filling the body."""

from __future__ import annotations

from templates import (  # noqa: F401  (fixtures)
    LIBREOFFICE_LAYOUTS,
    foreign_templates,
    libreoffice_template,
    placeholder_texts,
    theme_for,
)


def test_each_text_lands_in_its_own_placeholder_without_idx(project, libreoffice_template):  # noqa: F811
    theme = theme_for(libreoffice_template, LIBREOFFICE_LAYOUTS, project.root)
    project.blocks(
        """
        blocks:
          - id: forside
            kind: title
            title: Dialogmøde
            subtitle: Styrket aktørskab
          - id: punkter
            kind: bullets
            title: Vejen videre
            items: [Første punkt, Andet punkt]
          - id: afsnit
            kind: section
            title: Del 2
            subtitle: Om dialog
          - id: slut
            kind: closing
            title: Tak
            lines: [Spørgsmål?]
        """
    )
    project.deck("- forside\n- punkter\n- afsnit\n- slut\n", theme=theme)
    slides = project.build().slides
    assert placeholder_texts(slides[0]) == {"title": "Dialogmøde", "subTitle": "Styrket aktørskab"}
    assert placeholder_texts(slides[1]) == {
        "title": "Vejen videre",
        "obj": "Første punkt\nAndet punkt",
    }
    assert placeholder_texts(slides[2]) == {"title": "Del 2", "subTitle": "Om dialog"}
    assert placeholder_texts(slides[3]) == {"title": "Tak", "obj": "Spørgsmål?"}
    # Nothing of the template's own sample slide is left.
    assert len(slides) == 4


def test_body_text_is_measured_in_the_body_not_the_title(project, libreoffice_template):  # noqa: F811
    from deckgen import api

    theme = theme_for(libreoffice_template, LIBREOFFICE_LAYOUTS, project.root)
    project.blocks(
        """
        blocks:
          - id: punkter
            kind: bullets
            title: Fire punkter
            items: [Et, To, Tre, Fire]
        """
    )
    project.deck("- punkter\n", theme=theme)
    # Four lines fit the 9.1 cm body; measured in the 2.6 cm title they would be shrunk
    # and still warned about.
    result = api.build_deck(project.deck_path, project.output)
    assert result.warnings == []
    slide = project.build().slides[0]
    body = next(s for s in slide.placeholders if s.text_frame.text.startswith("Et"))
    assert "fontScale" not in body._element.xml
