"""Files blocks refer to: paths stay in the project; pictures come out upright, clean, 8-bit."""

import io
import os

import pytest
from pictures import (
    BLUE,
    RED,
    SVG,
    photo_like,
    png_header_only,
    save_png,
    save_sideways_jpeg_with_gps,
    truncated_png,
    two_tone,
    webp,
)
from PIL import Image

from deckgen import assets
from deckgen.assets import AssetError, prepare_image, resolve_asset


@pytest.fixture
def root(tmp_path):
    (tmp_path / "decks" / "blocks").mkdir(parents=True)
    return tmp_path


def _resolve(root, written):
    return resolve_asset(written, root / "decks" / "blocks", root)


def _reopen(prepared):
    return Image.open(io.BytesIO(prepared.data))


# Paths


def test_relative_path_inside_the_project_resolves(root):
    picture = save_png(root / "assets" / "a.png", two_tone(10, 10))
    assert _resolve(root, "../../assets/a.png") == picture.resolve()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("../../../elsewhere.png", "leads outside the project"),
        ("/etc/passwd", "is an absolute path"),
        ("C:/Users/x/a.png", "is an absolute path"),
        ("..\\..\\assets\\a.png", "backslashes"),
        ("../../assets/none.png", "not found"),
        ("../../assets", "is a folder"),
    ],
)
def test_paths_that_leave_the_project_or_lead_nowhere_are_refused(root, written, expected):
    (root / "assets").mkdir()
    with pytest.raises(AssetError, match=expected):
        _resolve(root, written)


def test_symlink_out_of_the_project_is_refused(root, tmp_path_factory):
    outside = save_png(tmp_path_factory.mktemp("outside") / "secret.png", two_tone(10, 10))
    (root / "assets").mkdir()
    (root / "assets" / "link.png").symlink_to(outside)
    with pytest.raises(AssetError, match="leads outside the project"):
        _resolve(root, "../../assets/link.png")


# Pictures


def test_exif_orientation_is_applied_and_all_metadata_dropped(tmp_path):
    prepared = prepare_image(save_sideways_jpeg_with_gps(tmp_path / "photo.jpg"))
    assert (prepared.width, prepared.height) == (400, 200)
    image = _reopen(prepared)
    assert image.size == (400, 200)
    assert _near(image.getpixel((200, 20)), RED)
    assert _near(image.getpixel((200, 180)), BLUE)
    assert not image.getexif()
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in prepared.data and b"TestKamera" not in prepared.data


def test_photo_becomes_jpeg_drawing_stays_png(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo_like(600, 400).save(photo, format="JPEG", quality=95)
    drawing = save_png(tmp_path / "drawing.png", two_tone(600, 400))
    assert prepare_image(photo).format == "JPEG"
    assert prepare_image(drawing).format == "PNG"
    assert _reopen(prepare_image(drawing)).format == "PNG"


def test_large_pictures_are_scaled_to_2000_pixels_on_the_long_side(tmp_path):
    big = save_png(tmp_path / "big.png", two_tone(3000, 1500))
    prepared = prepare_image(big)
    assert (prepared.width, prepared.height) == (2000, 1000)
    assert _reopen(prepared).size == (2000, 1000)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("CMYK", "RGB"), ("I;16", "RGB"), ("P", "RGB"), ("LA", "RGBA"), ("1", "RGB")],
)
def test_unusual_modes_become_8_bit_rgb_or_rgba(tmp_path, mode, expected):
    source = photo_like(64, 48).convert("L" if mode in ("I;16", "LA", "1") else "RGB")
    if mode == "I;16":
        source = source.point(lambda v: v * 256, "I").convert("I;16")
    elif mode == "LA":
        source = Image.merge("LA", (source, source.point(lambda v: v // 2)))  # see-through
    else:
        source = source.convert(mode)
    path = tmp_path / ("p.tif" if mode == "CMYK" else "p.png")
    source.save(path)
    assert _reopen(prepare_image(path)).mode == expected


def test_sixteen_bit_greyscale_keeps_its_contrast(tmp_path):
    source = Image.new("I;16", (20, 10), 0)
    source.paste(65535, (0, 0, 10, 10))
    path = tmp_path / "deep.png"
    source.save(path)
    image = _reopen(prepare_image(path)).convert("L")
    assert image.getpixel((2, 5)) > 250 and image.getpixel((15, 5)) < 5


def test_same_picture_gives_the_same_bytes(tmp_path):
    first = save_sideways_jpeg_with_gps(tmp_path / "a.jpg")
    second = save_sideways_jpeg_with_gps(tmp_path / "b.jpg")
    assert prepare_image(first).data == prepare_image(second).data


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("dette er tekst", encoding="utf-8"), "is not a picture"),
        (lambda p: p.write_text(SVG, encoding="utf-8"), "is an SVG drawing"),
        (webp, "WEBP picture|WebP picture"),
        (truncated_png, "damaged or cut short"),
        (lambda p: png_header_only(p, 9000, 8000), "72 megapixels"),
        (lambda p: png_header_only(p, 40000, 40000), "decompression bomb"),
    ],
    ids=["text-named-png", "svg", "webp", "truncated", "too-many-pixels", "bomb"],
)
def test_bad_pictures_are_refused_with_a_reason(tmp_path, make, expected):
    path = tmp_path / "bad.png"
    make(path)
    with pytest.raises(AssetError, match=expected):
        prepare_image(path)


def test_a_file_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = save_png(tmp_path / "a.png", photo_like(200, 200))
    monkeypatch.setattr(assets, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(AssetError, match="MB; pictures may be at most"):
        prepare_image(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path):
    path = save_png(tmp_path / "locked.png", two_tone(10, 10))
    path.chmod(0)
    try:
        with pytest.raises(AssetError, match="cannot read"):
            prepare_image(path)
    finally:
        path.chmod(0o644)


def _near(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))
