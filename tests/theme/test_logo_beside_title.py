"""Text never runs into the layout's logo (issue 21): a title spanning the slide's width under a
logo in its corner (poi-bug60715, a bank's template) is narrowed on the slide to end before the
logo, and the text is fitted in that box; where narrowing would leave the text too little room
the box is left, and `deckgen check` warns of text whose box reaches into the logo."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from real_templates import Template, corpus_file, measure
from templates import PYTHON_PPTX_LAYOUTS, python_pptx_default, theme_for

from deckgen.check import check_file
from deckgen.geometry import Box, logo_sized
from deckgen.ooxml.ns import NS, A, P, R
from deckgen.ooxml.positions import shape_box

LONG = "Lederworkshop om fælles ledelsesfagligt grundlag for hele kommunens organisation"


def _template(folder: Path, logo: tuple[int, int, int, int]) -> Path:
    """python-pptx's default template with a logo picture at `logo` (left, top, width, height)
    on its master."""
    prs = Presentation(str(python_pptx_default(folder)))
    buffer = io.BytesIO()
    Image.new("RGB", (140, 60), (0, 59, 92)).save(buffer, "PNG")
    master = prs.slide_masters[0]
    _part, rid = master.part.get_or_add_image_part(io.BytesIO(buffer.getvalue()))
    left, top, width, height = logo
    # python-pptx draws no picture on a master: written as PowerPoint writes one.
    master.element.find("p:cSld/p:spTree", NS).append(
        etree.fromstring(
            f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
            '<p:cNvPr id="90" name="Logo"/><p:cNvPicPr/><p:nvPr/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{left}" y="{top}"/>'
            f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect">'
            "<a:avLst/></a:prstGeom></p:spPr></p:pic>"
        )
    )
    path = folder / "skabelon.pptx"
    prs.save(str(path))
    return path


def _title_box(slide) -> Box:
    """Where the slide's title stands: its own box, or its layout's."""
    title = slide.shapes.title
    return Box(title.left, title.top, title.width, title.height)


def _logo_messages(path: Path) -> list[tuple[str, str]]:
    return [(f.message, f.hint) for f in check_file(path).findings if f.check == "brand.logo"]


def _build(project, template: Path, title: str):
    project.blocks(f"blocks:\n  - {{id: en, kind: bullets, title: {title!r}, items: [Et, To]}}\n")
    project.deck("- en\n", theme=theme_for(template, PYTHON_PPTX_LAYOUTS, project.root))
    return project.build().slides[0]


# python-pptx's title spans 457200 … 8686800 of a 9144000-wide slide, 274638 … 1417638 high.
CORNER = (7_300_000, 350_000, 1_500_000, 600_000)


def test_a_long_title_ends_before_the_logo_in_its_corner(project, tmp_path):
    template = _template(tmp_path, CORNER)
    slide = _build(project, template, LONG)
    logo = Box(*CORNER)
    title = _title_box(slide)
    assert title.left == 457_200  # where the layout starts it
    assert title.right < logo.left  # ends before the logo, with a gap
    assert title.right > logo.left - 200_000
    assert slide.shapes.title.text_frame.text == LONG  # all of it, fitted in the narrower box
    assert _logo_messages(project.output) == []
    fit = [f.message for f in check_file(project.output).findings if f.check.startswith("fit")]
    assert fit == []


def test_a_logo_at_the_left_moves_the_titles_start_past_it(project, tmp_path):
    template = _template(tmp_path, (300_000, 350_000, 1_200_000, 600_000))
    title = _title_box(_build(project, template, LONG))
    assert title.left > 1_500_000
    assert title.right == 8_686_800
    assert _logo_messages(project.output) == []


def test_a_title_the_logo_would_halve_is_left_and_checked(project, tmp_path):
    # A logo from the slide's middle on: ending the title before it leaves less than half.
    wide = (3_800_000, 350_000, 4_400_000, 700_000)
    template = _template(tmp_path, wide)
    title = _title_box(_build(project, template, LONG))
    assert title.left == 457_200 and title.right == 8_686_800  # as the layout has it
    assert _logo_messages(project.output) == [
        (
            "the text of 'Title 1' may run into the logo",
            "shorten the text, or move the logo in the slide master",
        )
    ]


def test_a_title_beside_the_logo_on_a_deck_not_built_by_deckgen_is_a_warning(project, tmp_path):
    template = _template(tmp_path, CORNER)
    _build(project, template, LONG)
    # As a deck made by hand has it: the title where the layout puts it, over the logo.
    prs = Presentation(str(project.output))
    xfrm = prs.slides[0].shapes.title._element.find("p:spPr/a:xfrm", NS)
    xfrm.getparent().remove(xfrm)
    by_hand = tmp_path / "haandlavet.pptx"
    prs.save(str(by_hand))
    assert [message for message, _hint in _logo_messages(by_hand)] == [
        "the text of 'Title 1' may run into the logo"
    ]


def test_bug60715s_titles_end_before_the_banks_logo(tmp_path):
    path = corpus_file("poi-bug60715.pptx")
    outcome = measure(Template(path.name, path, "pass"), tmp_path)
    assert outcome.steps == {"init": True, "build": True, "check": True}, outcome.checked
    prs = Presentation(outcome.deck)
    size = (prs.slide_width, prs.slide_height)
    master = prs.slide_masters[0].element
    logos = [
        box
        for pic in master.iterfind("p:cSld/p:spTree/p:pic", NS)
        if (box := shape_box(pic)) is not None and logo_sized(box, *size)
    ]
    assert logos  # the bank's logo, top right
    crossing = []
    for number, slide in enumerate(prs.slides, 1):
        if slide.element.get("showMasterSp") == "0" or slide.slide_layout.element.get(
            "showMasterSp"
        ) in ("0", "false"):
            continue
        for shape in slide.placeholders:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            box = Box(shape.left, shape.top, shape.width, shape.height)
            if any(box.overlaps(logo) for logo in logos):
                crossing.append((number, shape.text_frame.text))
    assert crossing == []


def test_a_slide_number_the_layout_sets_on_the_logo_is_the_designers(project, tmp_path):
    # python-pptx's slide number stands at 6553200 … 8686800, 6356350 … 6721475.
    template = _template(tmp_path, (8_000_000, 6_250_000, 800_000, 450_000))
    slide = _build(project, template, "Vejen videre")
    numbers = [s for s in slide.placeholders if s.placeholder_format.type.name == "SLIDE_NUMBER"]
    assert numbers and numbers[0].text_frame.text  # on the logo, as the template has it
    assert _logo_messages(project.output) == []
