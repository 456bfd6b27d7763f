"""Real templates' quirks that made a deck fail the gate for reasons no one could fix (issue 21):
a master that turns text wrapping off, a footer style naming the template's own East-Asian
font, a picture frame bleeding past the slide, a slide number in a narrow box, a theme's
background texture recoloured in two colours, a line under the titles taken for the logo, and
a diagram layout on a photo crossed by a band. Each made afresh from python-pptx's default."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.util import Emu
from templates import PYTHON_PPTX_LAYOUTS, python_pptx_default, theme_for

from deckgen.check import check_file
from deckgen.ooxml.ns import NS, A, P, R


def _template(folder: Path, edit) -> Path:
    """python-pptx's default template, changed by `edit(presentation)`."""
    prs = Presentation(str(python_pptx_default(folder)))
    edit(prs)
    path = folder / "skabelon.pptx"
    prs.save(str(path))
    return path


def _findings(path: Path, family: str) -> list[str]:
    return [f.message for f in check_file(path).findings if f.check.startswith(family)]


def _png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_text_wraps_where_the_master_turns_wrapping_off(project, tmp_path):
    def no_wrap(prs):
        for body in prs.slide_masters[0].element.iter(f"{{{A}}}bodyPr"):
            body.set("wrap", "none")  # as OpenOffice writes its masters

    template = _template(tmp_path, no_wrap)
    project.blocks(
        "blocks:\n  - id: lang\n    kind: bullets\n    title: Vejen videre\n    items:\n"
        "      - Et langt punkt om organisationens arbejde med fællesskab og sammenhængskraft"
        " i hele kommunen\n"
    )
    project.deck("- lang\n", theme=theme_for(template, PYTHON_PPTX_LAYOUTS, project.root))
    slide = project.build().slides[0]
    body = next(s for s in slide.placeholders if s.text_frame.text.startswith("Et langt"))
    # PowerPoint would show the point on one line running off the slide; it wraps.
    assert body.text_frame._txBody.bodyPr.get("wrap") == "square"
    assert _findings(project.output, "fit") == []


def test_a_font_the_template_names_in_its_own_styles_is_the_brands(project, tmp_path):
    def east_asian_footer(prs):
        master = prs.slide_masters[0].element
        for ph in master.iterfind(".//p:ph[@type='ftr']", NS):
            shape = ph.getparent().getparent().getparent()
            style = shape.find("p:txBody/a:lstStyle", NS)
            level = etree.SubElement(style, f"{{{A}}}lvl1pPr")
            props = etree.SubElement(level, f"{{{A}}}defRPr")
            etree.SubElement(props, f"{{{A}}}ea", typeface="Meiryo UI")

    template = _template(tmp_path, east_asian_footer)
    theme = theme_for(template, PYTHON_PPTX_LAYOUTS, project.root)
    theme.write_text(
        theme.read_text().replace("fonts:", "footer: {text: 'OMU · marts'}\nfonts:"),
        encoding="utf-8",
    )
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et, To]}\n")
    project.deck("- en\n", theme=theme)
    project.build()
    assert "Meiryo UI" in _slide_xml(project.output, 1)  # copied with the footer's style
    assert _findings(project.output, "brand.fonts") == []


def _slide_xml(path: Path, number: int) -> str:
    prs = Presentation(str(path))
    return etree.tostring(prs.slides[number - 1].element, encoding="unicode")


def test_a_picture_frame_bleeding_off_the_slide_gets_the_picture_on_the_slide(project, tmp_path):
    def bleed(prs):
        layout = next(item for item in prs.slide_layouts if item.name == "Picture with Caption")
        frame = next(ph for ph in layout.placeholders if ph.placeholder_format.type == 18)
        frame.left, frame.top = Emu(4_000_000), Emu(-20_000)
        frame.width, frame.height = Emu(5_200_000), Emu(prs.slide_height + 40_000)

    template = _template(tmp_path, bleed)
    (project.root / "foto.png").write_bytes(_png((90, 120, 150), (300, 200)))
    project.blocks(
        "blocks:\n  - id: foto\n    kind: image\n    title: Workshop\n    file: ../../foto.png\n"
        "    alt_text: Et billede\n    caption: Fra workshoppen\n    mode: fill\n"
    )
    project.deck("- foto\n", theme=theme_for(template, PYTHON_PPTX_LAYOUTS, project.root))
    slide = project.build().slides[0]
    picture = next(s for s in slide.shapes if s.name == "Billede")
    assert picture.top == 0 and picture.left == 4_000_000
    assert picture.top + picture.height == Presentation(str(template)).slide_height
    assert _findings(project.output, "fit.on_slide") == []


def test_a_slide_number_is_measured_as_the_number_it_shows(project, tmp_path):
    def narrow_number(prs):
        for layout in prs.slide_layouts:
            for ph in layout.placeholders:
                if ph.placeholder_format.type == 13:  # slide number, at the bottom right
                    # Room for "1", not for the layout's '‹#›'.
                    ph.left, ph.top = Emu(8_386_800), Emu(6_356_350)
                    ph.width, ph.height = Emu(300_000), Emu(365_125)

    template = _template(tmp_path, narrow_number)
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et, To]}\n")
    project.deck("- en\n", theme=theme_for(template, PYTHON_PPTX_LAYOUTS, project.root))
    project.build()
    assert "‹#›" in _slide_xml(project.output, 1)  # PowerPoint shows the number there
    assert _findings(project.output, "fit.text") == []


def test_text_on_a_theme_texture_in_two_colours_is_measured(project, tmp_path):
    def texture(prs):
        master = prs.slide_masters[0]
        theme_part = next(
            rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme")
        )
        image = theme_part.package.get_or_add_image_part(io.BytesIO(_png((128, 128, 128))))
        rid = theme_part.relate_to(image, f"{R.rsplit('/', 1)[0]}/relationships/image")
        root = etree.fromstring(theme_part.blob)
        styles = root.find(".//a:bgFillStyleLst", NS)
        fill = etree.SubElement(styles, f"{{{A}}}blipFill")
        blip = etree.SubElement(fill, f"{{{A}}}blip", {f"{{{R}}}embed": rid})
        duotone = etree.SubElement(blip, f"{{{A}}}duotone")
        etree.SubElement(duotone, f"{{{A}}}srgbClr", val="101010")
        etree.SubElement(duotone, f"{{{A}}}srgbClr", val="303030")
        etree.SubElement(fill, f"{{{A}}}stretch")
        theme_part._blob = etree.tostring(root)
        background = master.element.find("p:cSld", NS)
        bg = etree.Element(f"{{{P}}}bg")
        ref = etree.SubElement(bg, f"{{{P}}}bgRef", idx=str(1000 + len(styles)))
        etree.SubElement(ref, f"{{{A}}}schemeClr", val="bg2")
        background.insert(0, bg)

    template = _template(tmp_path, texture)
    theme = theme_for(template, PYTHON_PPTX_LAYOUTS, project.root)
    theme.write_text(theme.read_text().replace("1F2A30", "FFFFFF"), encoding="utf-8")
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et, To]}\n")
    project.deck("- en\n", theme=theme)
    project.build()
    # Not "on a picture or a pattern: not measured": the grey texture drawn from #101010 to
    # #303030 is measured as the #202020 it shows, where the template's black text is unread.
    contrast = _findings(project.output, "accessibility.contrast")
    assert [message.split(": ", 1)[0] for message in contrast] == [
        "the title",
        "the body placeholder",
    ]
    assert all("#000000 on #202020" in message for message in contrast)


def _picture(owner, data: bytes, box: tuple[int, int, int, int]) -> None:
    """A picture drawn on a master or layout (python-pptx adds none there) at `box`."""
    _part, rid = owner.part.get_or_add_image_part(io.BytesIO(data))
    left, top, width, height = box
    tree = owner.element.find("p:cSld/p:spTree", NS)
    number = 100 + len(tree)
    tree.append(
        etree.fromstring(
            f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
            f'<p:cNvPr id="{number}" name="Picture {number}"/><p:cNvPicPr/><p:nvPr/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{left}" y="{top}"/>'
            f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect">'
            "<a:avLst/></a:prstGeom></p:spPr></p:pic>"
        )
    )


def _two_tone(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> bytes:
    """A picture whose upper half is `top` and lower half `bottom` (a photo crossed by a band)."""
    image = Image.new("RGB", (64, 48), top)
    image.paste(bottom, (0, 24, 64, 48))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_the_logo_drafted_is_the_small_picture_not_the_line_under_the_titles(tmp_path):
    from deckgen import api

    logo = _png((0, 59, 92), (120, 40))

    def band_and_logo(prs):
        master = prs.slide_masters[0]
        # A thin line across the slide under the titles, first, then the logo in a corner.
        _picture(master, _png((0, 32, 96), (400, 8)), (0, 1_300_000, prs.slide_width, 60_000))
        _picture(master, logo, (7_600_000, 6_200_000, 1_200_000, 400_000))

    template = _template(tmp_path, band_and_logo)
    draft = api.draft_theme(template, tmp_path / "tema" / "vores.yaml")
    assert draft.logo is not None and draft.logo[1] == logo


def test_diagrams_go_on_a_layout_where_one_text_colour_reads_under_the_title(tmp_path):
    from deckgen import api

    def band_under_title(prs):
        layout = next(item for item in prs.slide_layouts if item.name == "Title Only")
        # Navy above, orange below: white does not read on the orange, black not on the navy.
        _part, rid = layout.part.get_or_add_image_part(
            io.BytesIO(_two_tone((4, 18, 53), (247, 148, 59)))
        )
        background = etree.fromstring(
            f'<p:bg xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:bgPr><a:blipFill>'
            f'<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
            "<a:effectLst/></p:bgPr></p:bg>"
        )
        layout.element.find("p:cSld", NS).insert(0, background)

    template = _template(tmp_path, band_under_title)
    draft = api.draft_theme(template, tmp_path / "vores.yaml")
    chosen = draft.layouts["title_only"]
    assert chosen.layout.name != "Title Only"
    assert "one colour of text reads" in chosen.note
