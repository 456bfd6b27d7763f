"""What a presentation from elsewhere carries besides its slides (issue 24): pictures under
other names, slides that share a title or are hidden, a template's customXml and comment
authors, modern comments, SmartArt. A deck carries only what it needs, and what is shown is
judged by its bytes."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from source_decks import make_source
from test_packages import TEMPLATE, _package, _png, _themed_project

from deckgen import api
from deckgen.cli import main
from deckgen.errors import DeckgenError

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SLIDE_RELS = "ppt/slides/_rels/slide1.xml.rels"
RELS_END = b"</Relationships>"


def _rel(r_id: str, kind: str, target: str) -> bytes:
    return f'<Relationship Id="{r_id}" Type="{kind}" Target="{target}"/>'.encode()


def _run(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


def _slide_project(project, source: Path, slide: str = "Organisationen"):  # type: ignore[no-untyped-def]
    (project.root / "assets").mkdir(exist_ok=True)
    target = project.root / "assets" / "kilde.pptx"
    target.write_bytes(source.read_bytes())
    project.blocks(
        "blocks:\n  - id: org\n    kind: slide\n    file: ../../assets/kilde.pptx\n"
        f"    slide: {slide}\n"
    )
    project.deck("- org\n", variables="direktør: Lars Kjærgaard\n")
    return project


def _refused(project) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output)
    assert not project.output.exists()
    return str(caught.value).replace(f"{project.root}/", "")


# --- pictures, judged by their bytes ---------------------------------------------------------


def _tiff_with_its_header_at_the_end(width: int, height: int) -> bytes:
    """A TIFF whose directory (and so its size) lies after 1.1 MB of pixels."""
    import os

    pixels = os.urandom(1_100_000)
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1),
               (262, 3, 1, 1), (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, height),
               (279, 4, 1, len(pixels))]  # fmt: skip
    directory = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        directory += struct.pack("<HHII", tag, kind, count, value)
    directory += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8 + len(pixels)) + pixels + directory


@pytest.mark.parametrize(
    ("member", "data", "declared"),
    [
        ("ppt/media/image9.dat", _png(30000, 30000), b'<Default Extension="dat" ContentType="image/png"/>'),
        ("ppt/media/image9.bin", _png(30000, 30000), b""),
        ("ppt/media/image9.tif", _tiff_with_its_header_at_the_end(30000, 30000), b""),
    ],
    ids=["png-as-dat", "png-as-bin-no-type", "tiff-header-at-end"],
)  # fmt: skip
def test_a_picture_too_large_to_decode_is_found_by_its_bytes_whatever_its_name(
    project, tmp_path: Path, member: str, data: bytes, declared: bytes
) -> None:
    source = _package(
        tmp_path / "modtaget.pptx", make_source(tmp_path / "god.pptx"), extra={member: data},
        types=declared,
    )  # fmt: skip
    checked = _run("check", "--all", source)
    assert checked.exit_code == 1
    assert f"[package.too_large] {member}: a picture of " in checked.output
    message = _refused(_slide_project(project, source))
    assert "the slide cannot be reused" in message and member in message
    rendered = _run("render", source, "-o", tmp_path / "billeder")
    assert rendered.exit_code == 1 and member in rendered.output
    assert not (tmp_path / "billeder").exists()


@pytest.mark.parametrize(
    ("logo", "said"),
    [
        (b"%PDF-1.7 not a logo", "logo.png is a PDF document"),
        (_png(30000, 30000), "logo.png claims to be enormous"),
        (b"plain text", "logo.png is not a picture deckgen can read"),
    ],
)
def test_the_themes_logo_is_judged_as_a_picture_by_its_bytes(
    project, logo: bytes, said: str
) -> None:
    theme = _themed_project(project, _package(project.root / "kommune.pptx", TEMPLATE))
    (theme.parent / "logo.png").write_bytes(logo)
    theme.write_text(theme.read_text("utf-8") + "logo: logo.png\n", encoding="utf-8")
    result = _run("validate", project.deck_path)
    assert result.exit_code == 1 and said in result.output
    assert "1 file checked: 1 error" in result.output
    assert f"theme.yaml:{len(theme.read_text('utf-8').splitlines())}:" in result.output


# --- which slide ------------------------------------------------------------------------------


def test_a_title_several_slides_have_is_a_problem_listing_them(project, tmp_path: Path) -> None:
    good = make_source(tmp_path / "god.pptx")
    twice = _package(
        tmp_path / "to.pptx", good, edits={"ppt/slides/slide3.xml": (b"Ekstra", b"Organisationen")}
    )
    message = _refused(_slide_project(project, twice, "organisationen"))
    assert message.startswith("decks/blocks/blocks.yaml:5:5: ")
    assert "2 slides titled 'Organisationen': slides 1, 3" in message
    assert "choose one by its number (slide: 1)" in message
    assert _slide_project(project, twice, "3").build().slides[0].shapes.title.text == (
        "Organisationen"
    )


def test_a_slide_hidden_in_its_presentation_is_shown_and_check_reports_hidden_slides(
    project, tmp_path: Path
) -> None:
    good = make_source(tmp_path / "god.pptx")
    hidden = _package(
        tmp_path / "skjult.pptx", good, edits={"ppt/slides/slide1.xml": (b"<p:sld ", b'<p:sld show="0" ')}
    )  # fmt: skip
    prs = _slide_project(project, hidden).build()
    assert prs.slides[0]._element.get("show") is None
    checked = _run("check", "--all", hidden)
    assert "slide 1: [package.hidden] the slide is hidden: it is skipped when the deck is" in (
        checked.output
    )
    assert "[package.hidden]" not in _run("check", project.output).output


# --- what a deck carries ------------------------------------------------------------------


CUSTOM_XML = (
    b'<?xml version="1.0"?><p:properties xmlns:p="http://schemas.microsoft.com/office/2006/'
    b'metadata/properties"><documentManagement><Owner>jens.hansen@kommune.example</Owner>'
    b"<_dlc_DocId>KOMM-123-456</_dlc_DocId></documentManagement></p:properties>"
)
AUTHORS = (
    b'<?xml version="1.0"?><p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/'
    b'presentationml/2006/main"><p:cmAuthor id="0" name="Jens Hansen (designer)" '
    b'initials="JH" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
)


def test_a_templates_custom_xml_and_comment_authors_stay_out_of_every_deck(project) -> None:
    presentation_rels = "ppt/_rels/presentation.xml.rels"
    template = _package(
        project.root / "skabelon.pptx",
        TEMPLATE,
        edits={
            presentation_rels: (
                RELS_END,
                _rel("rId90", f"{R}/customXml", "../customXml/item1.xml")
                + _rel("rId91", f"{R}/commentAuthors", "commentAuthors.xml")
                + RELS_END,
            ),
            "_rels/.rels": (
                RELS_END, _rel("rId90", f"{R}/customXml", "customXml/item2.xml") + RELS_END
            ),
        },
        extra={
            "customXml/item1.xml": CUSTOM_XML,
            "customXml/item2.xml": CUSTOM_XML,
            "ppt/commentAuthors.xml": AUTHORS,
        },
        types=b'<Override PartName="/ppt/commentAuthors.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"/>',
    )  # fmt: skip
    _themed_project(project, template)
    api.build_deck(project.deck_path, project.output)
    with zipfile.ZipFile(project.output) as deck:
        names = deck.namelist()
        everything = b"".join(deck.read(name) for name in names)
    assert not [n for n in names if n.startswith("customXml/") or "commentAuthors" in n]
    assert b"kommune.example" not in everything and b"Jens Hansen" not in everything
    assert b"customXml" not in everything and b"commentAuthors" not in everything
    assert len(Presentation(str(project.output)).slides) == 1


MODERN = "http://schemas.microsoft.com/office/2018/10/relationships"


def test_a_reused_slides_comments_legacy_or_modern_stay_behind(project, tmp_path: Path) -> None:
    good = make_source(tmp_path / "god.pptx")
    comment = (
        b'<?xml version="1.0"?><p188:cmLst xmlns:p188="http://schemas.microsoft.com/office/'
        b'powerpoint/2018/8/main"><p188:cm id="{1}" authorId="{2}"><p188:txBody><a:bodyPr '
        b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/></p188:txBody>'
        b"<p188:pos x='1' y='1'/></p188:cm></p188:cmLst>"
    )
    commented = _package(
        tmp_path / "kommenteret.pptx",
        good,
        edits={
            SLIDE_RELS: (
                RELS_END,
                _rel("rId90", f"{MODERN}/comments", "../comments/modernComment_1.xml")
                + _rel("rId91", f"{R}/comments", "../comments/comment1.xml")
                + RELS_END,
            ),
            "ppt/_rels/presentation.xml.rels": (
                RELS_END, _rel("rId90", f"{MODERN}/authors", "authors.xml") + RELS_END
            ),
        },
        extra={
            "ppt/comments/modernComment_1.xml": comment,
            "ppt/comments/comment1.xml": b'<?xml version="1.0"?><p:cmLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
            "ppt/authors.xml": AUTHORS,
        },
        types=b'<Override PartName="/ppt/comments/modernComment_1.xml" ContentType="application/'
        b'vnd.ms-powerpoint.comments+xml"/>',
    )  # fmt: skip
    _slide_project(project, commented).build()
    with zipfile.ZipFile(project.output) as deck:
        names = deck.namelist()
        rels = b"".join(deck.read(n) for n in names if n.endswith(".rels"))
    assert not [n for n in names if "comment" in n.lower() or "authors" in n]
    assert b"comments" not in rels and b"authors" not in rels


# --- SmartArt ---------------------------------------------------------------------------------

DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
_DIAGRAM_PARTS = {
    "ppt/diagrams/data1.xml": (
        f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main"><dgm:ptLst><dgm:pt modelId="{0}" type="doc"/></dgm:ptLst>'
        '<dgm:cxnLst/><dgm:bg/><dgm:whole/><dgm:extLst><a:ext uri="http://schemas.microsoft'
        f'.com/office/drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="{DSP}" '
        f'relId="rId95" minVer="{DGM}"/></a:ext></dgm:extLst></dgm:dataModel>'
    ),
    "ppt/diagrams/layout1.xml": f'<dgm:layoutDef xmlns:dgm="{DGM}"/>',
    "ppt/diagrams/quickStyle1.xml": f'<dgm:styleDef xmlns:dgm="{DGM}"/>',
    "ppt/diagrams/colors1.xml": f'<dgm:colorsDef xmlns:dgm="{DGM}"/>',
    "ppt/diagrams/drawing1.xml": (
        f'<dsp:drawing xmlns:dsp="{DSP}"><dsp:spTree><dsp:nvGrpSpPr><dsp:cNvPr id="0" '
        'name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/></dsp:spTree></dsp:drawing>'
    ),
}
_DIAGRAM_TYPES = {
    "data1": ("diagramData", f"{R}/diagramData"),
    "layout1": ("diagramLayout", f"{R}/diagramLayout"),
    "quickStyle1": ("diagramStyle", f"{R}/diagramQuickStyle"),
    "colors1": ("diagramColors", f"{R}/diagramColors"),
}


def _smartart_source(tmp_path: Path) -> Path:
    good = make_source(tmp_path / "god.pptx")
    frame = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="99" name="SmartArt"/>'
        '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="914400" cy="914400"/></p:xfrm><a:graphic><a:graphicData uri="'
        f'{DGM}"><dgm:relIds xmlns:dgm="{DGM}" r:dm="rId91" r:lo="rId92" r:qs="rId93" '
        'r:cs="rId94"/></a:graphicData></a:graphic></p:graphicFrame></p:spTree>'
    ).encode()
    rels = b"".join(
        _rel(f"rId{91 + n}", kind, f"../diagrams/{name}.xml")
        for n, (name, (_t, kind)) in enumerate(_DIAGRAM_TYPES.items())
    ) + _rel("rId95", "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing",
             "../diagrams/drawing1.xml")  # fmt: skip
    types = b"".join(
        f'<Override PartName="/ppt/diagrams/{name}.xml" ContentType="application/vnd.openxml'
        f'formats-officedocument.drawingml.{kind}+xml"/>'.encode()
        for name, (kind, _r) in _DIAGRAM_TYPES.items()
    ) + (b'<Override PartName="/ppt/diagrams/drawing1.xml" ContentType="application/'
         b'vnd.ms-office.drawingml.diagramDrawing+xml"/>')  # fmt: skip
    return _package(
        tmp_path / "smartart.pptx",
        good,
        edits={
            "ppt/slides/slide1.xml": (b"</p:spTree>", frame),
            SLIDE_RELS: (RELS_END, rels + RELS_END),
        },
        extra={name: text.encode() for name, text in _DIAGRAM_PARTS.items()},
        types=types,
    )


def test_a_reused_smartart_keeps_its_drawing_reference_pointing_at_its_drawing(
    project, tmp_path: Path
) -> None:
    prs = _slide_project(project, _smartart_source(tmp_path)).build()
    slide_part = prs.slides[0].part
    by_id = {r_id: rel for r_id, rel in slide_part.rels.items()}
    frame = next(s for s in prs.slides[0].shapes if s.name == "SmartArt")
    data_id = next(frame._element.iter(f"{{{DGM}}}relIds")).get(f"{{{R}}}dm")
    data = by_id[data_id].target_part
    from lxml import etree

    (drawing_id,) = etree.fromstring(data.blob).xpath(
        "//dsp:dataModelExt/@relId", namespaces={"dsp": DSP}
    )
    drawing = by_id[drawing_id]
    assert drawing.reltype.endswith("/diagramDrawing")
    assert b"dsp:drawing" in drawing.target_part.blob
