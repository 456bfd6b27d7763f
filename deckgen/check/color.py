"""Colours as PowerPoint shows them: DrawingML colour elements resolved to RGB, and WCAG contrast.

A colour in a slide is either literal (`a:srgbClr`) or a slot of the theme's colour scheme
(`a:schemeClr val="tx1"`), seen through the master's colour map (`tx1` → `dk1`) and any
override on the layout or slide, and changed by transforms (`lumMod`, `lumOff`, `tint`,
`shade`, `alpha`). `Palette` does that resolution exactly for the transforms PowerPoint's own
colour picker writes; a colour it cannot resolve comes back as None, never as a guess.
`Color` and the WCAG formulas live in `deckgen.colors`, which the renderer uses too.
"""

from __future__ import annotations

import colorsys
import copy
import re
from collections.abc import Mapping

from lxml import etree

from deckgen.colors import Color, contrast_ratio, relative_luminance, rgb, to_linear, to_srgb
from deckgen.ooxml.ns import A

_COLOR_TAGS = frozenset(
    f"{{{A}}}{name}" for name in ("srgbClr", "schemeClr", "sysClr", "scrgbClr", "hslClr", "prstClr")
)
_HEX = re.compile(r"[0-9A-F]{6}")
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "blue": "0000FF"}
_DEFAULT_MAP = {
    "bg1": "lt1",
    "tx1": "dk1",
    "bg2": "lt2",
    "tx2": "dk2",
    **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
    "hlink": "hlink",
    "folHlink": "folHlink",
}


class Palette:
    """Resolves colour elements against a theme's colour scheme and a colour map."""

    def __init__(self, scheme: Mapping[str, str], color_map: Mapping[str, str] | None = None):
        self.scheme = dict(scheme)
        self.color_map = {**_DEFAULT_MAP, **(color_map or {})}

    def with_map(self, overrides: Mapping[str, str]) -> Palette:
        """This palette with some colour-map entries replaced (a layout's or slide's override)."""
        return Palette(self.scheme, {**self.color_map, **overrides})

    def color_of(
        self, parent: etree._Element | None, placeholder: Color | None = None
    ) -> Color | None:
        """The colour that `parent` (e.g. an `a:solidFill`) holds; None if it holds none or
        one that cannot be resolved. `placeholder` stands for `phClr` in style references."""
        if parent is None:
            return None
        element = next((child for child in parent if child.tag in _COLOR_TAGS), None)
        if element is None:
            return None
        try:
            base = self._base(element, placeholder)
            if base is None or not _HEX.fullmatch(base.hex):
                return None
            return _transform(base, element)
        except (ValueError, TypeError, OverflowError):
            # A value no application writes (`val="ZZZ"`, `lumMod="x"`, a tint past white):
            # a damaged or hostile template's colour is one that cannot be resolved.
            return None

    def colors_in(
        self, parent: etree._Element, placeholder: Color | None = None
    ) -> list[Color | None]:
        """Each colour `parent` holds (a `duotone`'s two), resolved as `color_of` resolves
        one."""
        found: list[Color | None] = []
        for child in parent:
            if child.tag in _COLOR_TAGS:
                holder = etree.Element("holder")
                holder.append(copy.deepcopy(child))
                found.append(self.color_of(holder, placeholder))
        return found

    def scheme_hex(self, name: str) -> str | None:
        """The RRGGBB of scheme colour `name` (`tx1`, `accent2`, `dk1`, …) through the map."""
        return self.scheme.get(self.color_map.get(name, name))

    def _base(self, element: etree._Element, placeholder: Color | None) -> Color | None:
        tag = etree.QName(element).localname
        val = element.get("val", "")
        if tag == "srgbClr":
            return Color(val.upper())
        if tag == "schemeClr":
            if val == "phClr":
                return placeholder
            found = self.scheme_hex(val)
            return Color(found) if found else None
        if tag == "sysClr":
            last = element.get("lastClr")
            return Color(last.upper()) if last else None
        if tag == "prstClr":
            return Color(_PRESET[val]) if val in _PRESET else None
        if tag == "scrgbClr":
            linear = [int(element.get(c, "0")) / 100000 for c in ("r", "g", "b")]
            return Color("".join(f"{round(to_srgb(v) * 255):02X}" for v in linear))
        return None  # hslClr: not written by PowerPoint's picker nor by deckgen


def _transform(color: Color, element: etree._Element) -> Color:
    r, g, b = (c / 255 for c in rgb(color.hex))
    alpha = color.alpha
    for step in element:
        name = etree.QName(step).localname
        value = int(step.get("val", "0")) / 100000
        if name in ("lumMod", "lumOff"):
            hue, light, sat = colorsys.rgb_to_hls(r, g, b)
            light = light * value if name == "lumMod" else light + value
            r, g, b = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
        elif name == "tint":  # towards white, in linear light as the standard says
            r, g, b = (to_srgb(1 - (1 - to_linear(c)) * value) for c in (r, g, b))
        elif name == "shade":  # towards black, in linear light
            r, g, b = (to_srgb(to_linear(c) * value) for c in (r, g, b))
        elif name == "alpha":
            alpha = value
    hex_value = "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))
    return Color(hex_value, alpha)


__all__ = ["A", "Color", "Palette", "contrast_ratio", "relative_luminance"]
