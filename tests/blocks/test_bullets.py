"""Bullet slides with a lead line, sub-points and a closing paragraph."""

from conftest import notes
from pptx.oxml.ns import qn

from deckgen.render.layouts import LayoutInfo
from deckgen.render.styles import level_styles


def _paragraphs(slide):
    return slide.placeholders[1].text_frame.paragraphs


def test_bullets_lead_items_and_conclusion_in_order(project):
    slide = project.render_one(
        """
        - id: lykkes
          kind: bullets
          title: Når vi lykkes med aktørskab
          lead: Opsamling fra workshops med hovedudvalget
          items:
            - Mindre detailstyring – mere initiativ
            - text: Bedre borgeroplevelser
              items: [Hurtigere svar]
          conclusion: Der er konsensus omkring mere handlekraft i fællesskab.
          notes: Hovedudvalget har samlet op.
        """
    )
    assert slide.slide_layout.name == "Titel og indhold"
    assert slide.shapes.title.text == "Når vi lykkes med aktørskab"
    paragraphs = _paragraphs(slide)
    assert [p.text for p in paragraphs] == [
        "Opsamling fra workshops med hovedudvalget",
        "Mindre detailstyring – mere initiativ",
        "Bedre borgeroplevelser",
        "Hurtigere svar",
        "Der er konsensus omkring mere handlekraft i fællesskab.",
    ]
    assert [p.level for p in paragraphs] == [0, 0, 0, 1, 0]
    # The lead and the conclusion carry no bullet; the points use the template's.
    has_no_bullet = [
        p._p.pPr is not None and p._p.pPr.find(qn("a:buNone")) is not None for p in paragraphs
    ]
    assert has_no_bullet == [True, False, False, False, True]
    assert paragraphs[0].runs[0].font.bold is True
    assert notes(slide) == "Hovedudvalget har samlet op."


def test_runs_are_tagged_danish(project):
    slide = project.render_one(
        """
        - id: punkter
          kind: bullets
          title: Punkter
          items: [Ærlig snak på tværs]
        """
    )
    run = _paragraphs(slide)[0].runs[0]
    assert run._r.rPr.get("lang") == "da-DK"


def test_overlong_list_is_shrunk_to_fit_but_not_below_18pt(project):
    slide = project.render_one(
        """
        - id: lang
          kind: bullets
          title: Lang liste
          items:
            - Punkt nummer et på en linje for sig
            - Punkt nummer to på en linje for sig
            - Punkt nummer tre på en linje for sig
            - Punkt nummer fire på en linje for sig
            - Punkt nummer fem på en linje for sig
            - Punkt nummer seks på en linje for sig
            - Punkt nummer syv på en linje for sig
            - Punkt nummer otte på en linje for sig
            - Punkt nummer ni på en linje for sig
            - Punkt nummer ti på en linje for sig
        """
    )
    autofit = slide.placeholders[1].text_frame._txBody.bodyPr.find(qn("a:normAutofit"))
    scale = int(autofit.get("fontScale")) / 100000
    layout = LayoutInfo(slide.slide_layout)
    body_size_pt = level_styles(slide.placeholders[1], layout)[0].size_pt
    assert body_size_pt == 24
    assert scale < 1.0
    assert body_size_pt * scale >= 18
