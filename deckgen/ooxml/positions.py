"""Where a shape stands, read from its XML: the one reader of shape positions.

A shape writes its position and size in an `a:xfrm` (`a:off` x, y and `a:ext` cx, cy, in EMU),
at a place that depends on its kind: `p:spPr/a:xfrm` for a shape, picture or connector,
`p:xfrm` for a graphic frame (table, chart, SmartArt), `p:grpSpPr/a:xfrm` for a group. A
placeholder that writes none inherits its layout's or master's (the callers follow that chain).
"""

from __future__ import annotations

from typing import Any

from deckgen.geometry import Box
from deckgen.ooxml.ns import qn

_XFRM_PATHS = {
    qn("p:graphicFrame"): qn("p:xfrm"),
    qn("p:grpSp"): f"{qn('p:grpSpPr')}/{qn('a:xfrm')}",
}
_SHAPE_XFRM = f"{qn('p:spPr')}/{qn('a:xfrm')}"
_OFF, _EXT = qn("a:off"), qn("a:ext")


def xfrm(shape: Any) -> Any | None:
    """The `a:xfrm` (or a graphic frame's `p:xfrm`) of a shape element, or None."""
    return shape.find(_XFRM_PATHS.get(shape.tag, _SHAPE_XFRM))


def position(shape: Any) -> tuple[int | None, int | None, int | None, int | None]:
    """Left, top, width and height that a shape element gives itself, in EMU; each None when
    it does not (so that each can be inherited on its own)."""
    found = xfrm(shape)
    off = None if found is None else found.find(_OFF)
    ext = None if found is None else found.find(_EXT)
    left, top = (None, None) if off is None else (int(off.get("x", 0)), int(off.get("y", 0)))
    width, height = (None, None) if ext is None else (int(ext.get("cx", 0)), int(ext.get("cy", 0)))
    return left, top, width, height


def shape_box(shape: Any) -> Box | None:
    """The box a shape element gives itself, or None when it gives no offset and size."""
    left, top, width, height = position(shape)
    if left is None or top is None or width is None or height is None:
        return None
    return Box(left, top, width, height)
