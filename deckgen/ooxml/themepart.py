"""What a theme part (`ppt/theme/theme1.xml`) says of colours and fonts: the one reader of a
template's colour scheme and theme fonts, for `deckgen theme show`/`init` and for the check.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from deckgen.ooxml.ns import NS, qn

_SRGB, _SYSTEM = qn("a:srgbClr"), qn("a:sysClr")
_HEX = re.compile(r"[0-9A-F]{6}")


def scheme_colours(theme: Any) -> dict[str, str]:
    """The colours of the theme part `theme` (its root element) by slot (`dk1`, `accent1`, …),
    as RRGGBB in capitals, in the order the part writes them; "" for a slot whose colour is
    neither an RGB value nor a system colour with its last value."""
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    colours = {}
    for slot in scheme if scheme is not None else ():
        value = slot[0] if len(slot) else None
        if value is not None:
            colours[etree.QName(slot).localname] = colour_value(value)
    return colours


def colour_value(element: Any) -> str:
    """An `a:srgbClr`'s value or an `a:sysClr`'s last value, in capitals; "" for any other,
    and for a value that is not six hex digits (`GGGGGG`, `1f4`), which a damaged or hostile
    template may hold and every contrast deckgen works out would fail on."""
    if element.tag == _SRGB:
        value = (element.get("val") or "").upper()
    elif element.tag == _SYSTEM:
        value = (element.get("lastClr") or "").upper()
    else:
        return ""
    return value if _HEX.fullmatch(value) else ""


def theme_fonts(theme: Any) -> tuple[str, str]:
    """The theme part's heading (major) and body (minor) Latin typefaces; "" where none."""
    fonts = theme.find("a:themeElements/a:fontScheme", NS)
    return typeface(fonts, "a:majorFont"), typeface(fonts, "a:minorFont")


def typeface(fonts: Any | None, which: str) -> str:
    """The Latin typeface of `which` (`a:majorFont`, `a:minorFont`) in an `a:fontScheme`."""
    latin = None if fonts is None else fonts.find(f"{which}/a:latin", NS)
    return "" if latin is None else latin.get("typeface", "")
