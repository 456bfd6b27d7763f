"""The deck's zip writer writes what zipfile writes, byte for byte, from members packed once."""

from __future__ import annotations

import io
import zipfile

from deckgen.render.zipwrite import FIXED_TIME, method_for, pack, zip_bytes

MEMBERS = [
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>' * 40),
    ("ppt/media/image1.png", bytes(range(256)) * 8),
    ("ppt/fonts/font1.fntdata", b"\x00\x01font" * 500),
    ("ppt/slides/slide1.xml", b""),
    ("ppt/notesSlides/børn.xml", "æøå ÆØÅ".encode() * 30),
]


def _with_zipfile(members: list[tuple[str, bytes]]) -> bytes:
    """How deckgen wrote its packages with zipfile before."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = method_for(name)
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, data)
    return out.getvalue()


def test_the_zip_is_byte_for_byte_what_zipfile_writes() -> None:
    written = zip_bytes([(name, pack(data, method_for(name))) for name, data in MEMBERS])
    assert written == _with_zipfile(MEMBERS)
    with zipfile.ZipFile(io.BytesIO(written)) as package:
        assert package.testzip() is None
        assert [(i.filename, package.read(i)) for i in package.infolist()] == MEMBERS
        assert package.getinfo("ppt/media/image1.png").compress_type == zipfile.ZIP_STORED


def test_bytes_that_come_again_are_deflated_once_and_a_change_is_packed_anew() -> None:
    data = b"<p:sldLayout/>" * 100
    pack(data, method_for("ppt/slideLayouts/slideLayout1.xml"))
    first = pack(data, method_for("ppt/slideLayouts/slideLayout1.xml"))
    assert pack(bytes(data), zipfile.ZIP_DEFLATED) is first
    changed = pack(data + b" ", zipfile.ZIP_DEFLATED)
    assert changed is not first
    assert zip_bytes([("a.xml", changed)]) == _with_zipfile([("a.xml", data + b" ")])
