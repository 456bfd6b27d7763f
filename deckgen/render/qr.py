"""QR codes as PNG pictures, made with segno, in theme colours only when they scan well.

Made pictures are kept in deckgen's on-disk cache (see `deckgen.cache`), so a deck built
again gets its code without loading segno or drawing it.
"""

from __future__ import annotations

import importlib.util
import io
import os
import zlib
from functools import lru_cache

from deckgen import cache
from deckgen.colors import contrast_ratio, relative_luminance
from deckgen.geometry import QR_MODULE_PIXELS, QR_QUIET_ZONE

MIN_CONTRAST = 7.0
"""Below this contrast between its colours a QR code is drawn black on white instead."""
_BLACK, _WHITE = "000000", "FFFFFF"
_FORMAT = "qr-png-1"
"""Bump when `qr_png` changes what it draws: it keys the cache."""


def qr_png(data: str, dark: str, light: str) -> bytes:
    """A regular QR code (never Micro QR, which phones do not read) of `data` as PNG bytes.

    `dark` and `light` are hex colours for the modules and the background.
    """
    if (
        relative_luminance(dark) > relative_luminance(light)
        or contrast_ratio(dark, light) < MIN_CONTRAST
    ):
        dark, light = _BLACK, _WHITE
    return _drawn(data, dark, light)


@lru_cache(maxsize=16)
def _drawn(data: str, dark: str, light: str) -> bytes:
    # Cached in memory too: a tour draws the same code for every deck.
    sizes = f"{QR_MODULE_PIXELS} {QR_QUIET_ZONE}"
    # segno compresses its PNG with Python's zlib, whose version decides the bytes too.
    key = cache.key(_FORMAT, _segno_stamp(), zlib.ZLIB_RUNTIME_VERSION, sizes, data, dark, light)
    png = cache.load("qr", key)
    if png is None:
        png = _draw(data, dark, light)
        cache.store("qr", key, png)
    return png


def _segno_stamp() -> str:
    """Which segno is installed, without importing it (another version may draw other
    bytes): where its files are, and their size and time."""
    spec = importlib.util.find_spec("segno")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return ""
    try:
        stat = os.stat(origin)
    except OSError:
        return origin
    return f"{origin} {stat.st_size} {stat.st_mtime_ns}"


def _draw(data: str, dark: str, light: str) -> bytes:
    import segno  # only when the cache does not have the code

    code = segno.make(data, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="png",
        scale=QR_MODULE_PIXELS,
        border=QR_QUIET_ZONE,
        dark=f"#{dark}",
        light=f"#{light}",
    )
    return out.getvalue()
