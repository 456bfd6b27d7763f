"""Picture slides: fitted or cropped without distortion, upright, clean, described, and every
kind of bad picture or path refused at its line in the YAML with nothing written."""

import io

import pytest
from conftest import placeholder_text
from pictures import (
    BLUE,
    RED,
    SVG,
    png_header_only,
    save_png,
    save_sideways_jpeg_with_gps,
    truncated_png,
    two_tone,
    webp,
)
from PIL import Image
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError

DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _block(image, *fields):
    """An image block; `fields` are further `key: value` lines (an alt text by default)."""
    lines = "\n".join(f"    {field}" for field in fields or ["alt_text: To farver, rød over blå."])
    return (
        "- id: billede\n"
        "  kind: image\n"
        "  title: Fra Anders Trillingsgaard ”Meget mere ledelse”\n"
        f"  file: {image}\n"
        f"{lines}\n"
    ).replace("\n    ", "\n  ")


def _picture(slide):
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    return pictures[0]


def _frame(slide):
    layout_picture = next(
        ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type.name == "PICTURE"
    )
    return layout_picture.left, layout_picture.top, layout_picture.width, layout_picture.height


def test_fit_shows_the_whole_picture_undistorted_and_centred(project):
    save_png(project.root / "assets" / "bred.png", two_tone(800, 400))
    slide = project.render_one(
        _block(
            "../../assets/bred.png",
            "alt_text: Rød over blå.",
            "credit: 'Illustration: Møllerup Kommune'",
        )
    )
    assert slide.slide_layout.name == "Billede med billedtekst"
    assert slide.shapes.title.text == "Fra Anders Trillingsgaard ”Meget mere ledelse”"
    picture = _picture(slide)
    left, top, width, height = _frame(slide)
    assert picture.width / picture.height == pytest.approx(2.0, rel=0.002)
    assert picture.height == height and picture.top == top
    assert abs((picture.left - left) - (left + width - picture.left - picture.width)) <= 2
    assert (picture.crop_left, picture.crop_right, picture.crop_top, picture.crop_bottom) == (
        0,
        0,
        0,
        0,
    )
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Rød over blå."
    assert placeholder_text(slide, 2) == "Illustration: Møllerup Kommune"
    # The empty picture placeholder is gone; no "click to add picture" prompt is left.
    assert [ph.placeholder_format.type.name for ph in slide.placeholders][:2] == ["TITLE", "BODY"]


def test_fill_covers_the_frame_cropping_evenly_without_distortion(project):
    save_png(project.root / "assets" / "kvadrat.png", two_tone(600, 600))
    slide = project.render_one(
        _block("../../assets/kvadrat.png", "mode: fill", "alt_text: Et kvadrat.")
    )
    picture = _picture(slide)
    assert (picture.left, picture.top, picture.width, picture.height) == _frame(slide)
    assert picture.crop_left == picture.crop_right == 0
    assert picture.crop_top == pytest.approx(picture.crop_bottom) and picture.crop_top > 0.2
    shown_aspect = 600 * 1 / (600 * (1 - picture.crop_top - picture.crop_bottom))
    assert shown_aspect == pytest.approx(picture.width / picture.height, rel=0.002)


def test_exif_orientation_is_honoured_and_gps_stripped(project):
    save_sideways_jpeg_with_gps(project.root / "assets" / "foto.jpg")
    slide = project.render_one(_block("../../assets/foto.jpg"))
    blob = _picture(slide).image.blob
    image = Image.open(io.BytesIO(blob))
    assert image.size == (400, 200)
    assert _near(image.getpixel((200, 10)), RED) and _near(image.getpixel((200, 190)), BLUE)
    assert image.mode in ("RGB", "RGBA") and image.format in ("PNG", "JPEG")
    assert not image.getexif() and b"Exif" not in blob and b"TestKamera" not in blob


def test_caption_and_credit_share_the_caption_line(project):
    save_png(project.root / "assets" / "a.png", two_tone(400, 300))
    slide = project.render_one(
        _block(
            "../../assets/a.png",
            "alt_text: Et billede.",
            "caption: KKC og aktørskab",
            "credit: 'Foto: Møllerup Kommune'",
        )
    )
    paragraph = slide.placeholders[2].text_frame.paragraphs[0]
    assert paragraph.text == "KKC og aktørskab · Foto: Møllerup Kommune"
    assert paragraph.runs[-1].font.italic is True


def test_decorative_picture_is_marked_for_screen_readers_to_skip(project):
    save_png(project.root / "assets" / "a.png", two_tone(400, 300))
    slide = project.render_one(_block("../../assets/a.png", "decorative: true"))
    c_nv_pr = _picture(slide)._element.nvPicPr.cNvPr
    assert c_nv_pr.get("descr") == ""
    assert c_nv_pr.find(f"{qn('a:extLst')}/{qn('a:ext')}/{DECORATIVE}").get("val") == "1"


def test_same_picture_gives_byte_identical_decks(project):
    save_sideways_jpeg_with_gps(project.root / "assets" / "foto.jpg")
    project.render_one(_block("../../assets/foto.jpg"))
    first = project.output.read_bytes()
    project.output.unlink()
    project.build()
    assert project.output.read_bytes() == first


def test_alt_text_is_required_unless_decorative(project):
    save_png(project.root / "assets" / "a.png", two_tone(40, 30))
    message = _error(project, _block("../../assets/a.png", "credit: Foto"))
    assert f"blocks.yaml:{_line_of(project, 'id: billede')}:" in message
    assert "`alt_text` is required" in message


def _bad_text(path):
    path.write_text("ikke et billede", encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "make", "expected"),
    [
        ("../../assets/findes-ikke.png", None, "not found"),
        ("../../assets/tekst.png", _bad_text, "is not a picture"),
        ("../../assets/tegning.svg", lambda p: p.write_text(SVG, encoding="utf-8"), "SVG"),
        ("../../assets/foto.webp", webp, "WEBP"),
        ("../../assets/halv.png", truncated_png, "damaged or cut short"),
        ("../../assets/bombe.png", lambda p: png_header_only(p, 40000, 40000), "bomb"),
        ("../../assets", None, "is a folder"),
        ("../../../udenfor.png", None, "leads outside the project"),
        ("/etc/hostname", None, "absolute path"),
    ],
    ids=["missing", "text", "svg", "webp", "truncated", "bomb", "folder", "outside", "absolute"],
)
def test_bad_picture_or_path_is_an_error_at_its_line_and_nothing_is_written(
    project, written, make, expected
):
    (project.root / "assets").mkdir(exist_ok=True)
    if make is not None:
        make(project.root / written.removeprefix("../../"))
    message = _error(project, _block(written))
    assert f"blocks.yaml:{_line_of(project, 'file:')}:" in message
    assert expected in message


def test_symlink_out_of_the_project_is_an_error(project, tmp_path_factory):
    outside = save_png(tmp_path_factory.mktemp("udenfor") / "hemmelig.png", two_tone(10, 10))
    (project.root / "assets").mkdir()
    (project.root / "assets" / "genvej.png").symlink_to(outside)
    message = _error(project, _block("../../assets/genvej.png"))
    assert f"blocks.yaml:{_line_of(project, 'file:')}:" in message
    assert "leads outside the project" in message


def _error(project, block_yaml):
    with pytest.raises(DeckgenError) as caught:
        project.render_one(block_yaml)
    assert not project.output.exists()
    return str(caught.value)


def _line_of(project, text):
    lines = (project.root / "decks" / "blocks" / "blocks.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _near(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))
