"""Numbered principles with second lines and an attribution."""

from pptx.oxml.ns import qn


def test_principles_are_numbered_with_bold_first_line_and_attribution(project):
    slide = project.render_one(
        """
        - id: principper
          kind: principles
          title: "Principper for\\nMEGET MERE LEDELSE"
          items:
            - text: Ledelse er en opgave, alle er med til at løse.
              detail: Ikke en bestemt rolle eller særlige evner.
            - text: Følelser er handlekraft.
          attribution: Fra “Meget Mere Ledelse” af Anders Trillingsgaard
        """
    )
    paragraphs = slide.placeholders[1].text_frame.paragraphs
    assert [p.text for p in paragraphs] == [
        "Ledelse er en opgave, alle er med til at løse.\vIkke en bestemt rolle eller særlige evner.",
        "Følelser er handlekraft.",
        "Fra “Meget Mere Ledelse” af Anders Trillingsgaard",
    ]
    numbering = [p._p.pPr.find(qn("a:buAutoNum")) for p in paragraphs]
    assert [n.get("type") if n is not None else None for n in numbering] == [
        "arabicParenR",
        "arabicParenR",
        None,
    ]
    first, detail = paragraphs[0].runs
    assert first.font.bold is True and detail.font.bold is not True
    attribution = paragraphs[2].runs[0].font
    assert attribution.italic is True
    assert str(attribution.color.rgb) == "4A6373"
