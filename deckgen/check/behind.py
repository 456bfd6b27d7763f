"""The colours of a picture behind text: a template's photo or texture under a title, a
picture bar under a footer.

WCAG measures text against what is behind it; on a picture that is many colours. The picture
is decoded (once, small), the part under the text's box is cut out as the picture is
stretched over its frame, and the colours at the 10th and 90th percentile of lightness stand
for it: text that reads on both reads on the four fifths of the picture between them. A
picture deckgen cannot decode (a metafile), or one mostly transparent there, gives None.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from deckgen.geometry import Box

_THUMB = 256
"""Pictures are sampled at most this many pixels a side: enough for a text box's share."""
_SAMPLE = 48


@dataclass(frozen=True)
class Picture:
    """A picture as drawn: its bytes, the box it is stretched over, and the shares cut off
    each side (`a:srcRect`: left, top, right, bottom)."""

    data: bytes
    frame: Box
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    tiled: bool = False
    duotone: tuple[str, str] | None = None
    """The picture shown in two colours (`a:duotone`): its black as the first, its white as
    the second, each lightness between them a mix of the two."""

    @property
    def key(self) -> bytes:
        return hashlib.sha256(self.data).digest()


def colours_under(picture: Picture, box: Box) -> list[str] | None:
    """Hex colours standing for the part of `picture` under `box`; None when it cannot be
    read there, `[]` when it is transparent there (what lies beneath shows)."""
    image = _thumbnail(picture.key, picture.data)
    if image is None:
        return None
    width, height = image.size
    # A texture (tiled) lies all of it under any box.
    region = (0, 0, width, height) if picture.tiled else _region(picture, box, width, height)
    if region is None:
        return []
    cut = image.crop(region)
    cut.thumbnail((_SAMPLE, _SAMPLE))
    raw = cut.tobytes()
    pixels = [tuple(raw[i : i + 4]) for i in range(0, len(raw), 4) if raw[i + 3] >= 128]
    if len(pixels) * 2 < cut.size[0] * cut.size[1]:
        return []
    pixels.sort(key=_lightness)
    picked = {pixels[len(pixels) // 10], pixels[(len(pixels) * 9) // 10]}
    ordered = sorted(picked, key=_lightness)
    if picture.duotone is not None:
        dark, light = picture.duotone
        return list(dict.fromkeys(_mix(dark, light, _lightness(p) / 255) for p in ordered))
    return [f"{r:02X}{g:02X}{b:02X}" for r, g, b, _a in ordered]


def _mix(dark: str, light: str, share: float) -> str:
    """The colour `share` (0–1) of the way from `dark` to `light`."""
    ends = [(int(dark[i : i + 2], 16), int(light[i : i + 2], 16)) for i in (0, 2, 4)]
    return "".join(f"{round(a + (b - a) * share):02X}" for a, b in ends)


def _region(
    picture: Picture, box: Box, width: int, height: int
) -> tuple[int, int, int, int] | None:
    """`box`'s part of the frame, in the pixels of the (cropped) picture; None if outside."""
    frame = picture.frame
    if frame.width <= 0 or frame.height <= 0:
        return None
    left = max(box.left, frame.left)
    top = max(box.top, frame.top)
    right = min(box.right, frame.right)
    bottom = min(box.bottom, frame.bottom)
    if right <= left or bottom <= top:
        return None
    c_left, c_top, c_right, c_bottom = picture.crop
    shown_w = width * max(1 - c_left - c_right, 0.01)
    shown_h = height * max(1 - c_top - c_bottom, 0.01)

    def x(emu: int) -> int:
        share = (emu - frame.left) / frame.width
        return min(max(round(width * c_left + share * shown_w), 0), width)

    def y(emu: int) -> int:
        share = (emu - frame.top) / frame.height
        return min(max(round(height * c_top + share * shown_h), 0), height)

    region = (x(left), y(top), x(right), y(bottom))
    if region[2] <= region[0] or region[3] <= region[1]:
        return None
    return region


@functools.lru_cache(maxsize=64)
def _thumbnail(key: bytes, data: bytes) -> Any | None:
    """The picture decoded and made small, in RGBA; None if Pillow cannot read it."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (_THUMB, _THUMB))  # a JPEG decodes straight to a small size
            small = image.convert("RGBA")
            small.thumbnail((_THUMB, _THUMB))
            return small
    except Exception:  # an untrusted picture: any way Pillow fails means "cannot measure"
        return None


def _lightness(pixel: tuple[int, ...]) -> float:
    r, g, b = pixel[:3]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
