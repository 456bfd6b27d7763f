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


def _verdana_project(project, count: int):
    """A deck of `count` principles in the default template with its fonts set to Verdana
    (its theme part and the theme file alike)."""
    import re
    import shutil
    import zipfile

    from deckgen.project import DEFAULT_THEME

    template = project.root / "verdana.pptx"
    source = DEFAULT_THEME.parent / "kommune.pptx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(template, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("ppt/theme/theme"):
                text = re.sub(r'(<a:latin typeface=")[^"]*"', r'\1Verdana"', data.decode())
                data = text.encode()
            new.writestr(item, data)
    shutil.copy(DEFAULT_THEME.parent / "logo.png", project.root / "logo.png")
    text = DEFAULT_THEME.read_text(encoding="utf-8").replace("kommune.pptx", "verdana.pptx")
    head, rest = text.split("fonts:\n", 1)
    theme = project.root / "verdana.yaml"
    theme.write_text(
        head
        + "fonts:\n  heading: Verdana\n  body: Verdana\nemphasis:"
        + rest.split("emphasis:")[1],
        encoding="utf-8",
    )
    items = "".join(f"      - text: Princip {n} om ledelse\n" for n in range(1, count + 1))
    project.blocks(
        f"blocks:\n  - id: p\n    kind: principles\n    title: Principper\n    items:\n{items}"
    )
    project.deck("- p\n", theme=theme)
    return project.build()


def test_ten_principles_in_verdana_bold_hang_their_numbers_clear_of_their_words(project):
    """The hang was made for Arial's digits (0.56 em): Verdana's bold digits are 0.71 em, so
    `10)` in a template set in Verdana was wider than its hang and stood on the words' first
    letter (PowerPoint pushed the words on to a tab stop, a line the check did not count)."""
    from deckgen.check.slides import read_slides
    from deckgen.measure import text_width_pt
    from deckgen.theme.fontfiles import measured

    prs = _verdana_project(project, 10)
    body = next(s for s in read_slides(prs)[0].shapes if s.has_text and not s.is_title)
    bold = measured("Verdana").files["bold"]
    elements = prs.slides[0].placeholders[1].text_frame.paragraphs
    assert len(elements) == 10
    for element, paragraph in zip(elements, body.body.paragraphs, strict=True):
        ppr = element._p.pPr
        margin, hang = int(ppr.get("marL")), -int(ppr.get("indent"))
        size = paragraph.runs[0].size_pt * body.body.font_scale
        number = text_width_pt("10)", bold, size) * 12700
        assert hang >= number + 0.4 * size * 12700  # the number, and a gap before the words
        assert margin >= hang and paragraph.margin_left == margin
