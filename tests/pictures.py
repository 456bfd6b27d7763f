"""Picture files for the tests, good and bad, made on the spot with Pillow (or by hand)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

RED, BLUE, GREEN = (220, 30, 30), (30, 30, 220), (30, 180, 60)
EXIF_ORIENTATION = 0x0112
GPS_IFD = 0x8825
CAMERA_MAKE = 0x010F


def two_tone(width: int, height: int, top=RED, bottom=BLUE) -> Image.Image:
    """A picture whose top half is `top` and bottom half `bottom`, to tell up from down."""
    image = Image.new("RGB", (width, height), bottom)
    image.paste(top, (0, 0, width, height // 2))
    return image


def photo_like(width: int, height: int) -> Image.Image:
    """A picture with thousands of colours (a smooth gradient), as a photo has."""
    x = Image.linear_gradient("L").resize((width, height))
    y = Image.linear_gradient("L").rotate(90).resize((width, height))
    return Image.merge("RGB", (x, y, Image.new("L", (width, height), 128)))


def save_png(path: Path, image: Image.Image) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path


def save_sideways_jpeg_with_gps(path: Path) -> Path:
    """A 400 × 200 photo (red top, blue bottom) stored turned 90° left, with EXIF
    orientation 6 (turn clockwise to view), a camera make and a GPS position."""
    upright = two_tone(400, 200)
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = 6
    exif[CAMERA_MAKE] = "TestKamera"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (56.0, 9.0, 0.0), 3: "E", 4: (10.0, 7.0, 0.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    upright.transpose(Image.Transpose.ROTATE_90).save(path, format="JPEG", exif=exif.tobytes())
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A tiny PNG file whose header claims `width` × `height` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    data += chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def truncated_png(path: Path) -> Path:
    """A real PNG cut off after half its bytes."""
    raw = io.BytesIO()
    photo_like(300, 200).save(raw, format="PNG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw.getvalue()[: len(raw.getvalue()) // 2])
    return path


def webp(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    two_tone(40, 40).save(path, format="WEBP")
    return path


SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n'
