"""Text panels: a plain shape in the template's own colour under a layout's title or text
placeholders, where the template puts them on a picture, gradient or pattern that no one
colour of text reads on (the theme's `text_panels`, drafted by `deckgen theme init`).

The panel is an ordinary rectangle just below the placeholder in the slide's order, so it is
edited, moved or deleted as any shape is, and `deckgen check` measures the text on it as it
measures text on any shape: its colour over what lies beneath it.
"""

from __future__ import annotations

from typing import Any

from deckgen.geometry import Box
from deckgen.ooxml import internals
from deckgen.ooxml.ns import qn
from deckgen.render.layouts import LayoutInfo, LayoutPlaceholder, placeholder_shapes
from deckgen.render.shapes import next_shape_id, panel_element

_TITLE_TYPES = ("title", "ctrTitle")
_NOT_TEXT = ("dt", "ftr", "sldNum", "pic", "chart", "tbl", "dgm", "media", "clipArt", "sldImg")


def add_text_panels(slide: Any, layout: LayoutInfo, panels: dict[str, tuple[str, int]]) -> None:
    """Draw under each title (`title`) or other text placeholder (`body`) of `slide` (on
    `layout`) that holds text the panel of its kind in `panels`: (colour, hex or
    `scheme:bg1`; opacity in per cent)."""
    if not panels:
        return
    tree = internals.shape_tree(slide.shapes)
    next_id = next_shape_id(tree)
    for shape, ph in placeholder_shapes(tree):
        name = ph.get("type", "obj")
        text = "".join(t.text or "" for t in shape.iter(qn("a:t")))
        if name in _NOT_TEXT or not text.strip():
            continue
        panel = panels.get("title" if name in _TITLE_TYPES else "body")
        box = _box(shape, layout.base_for(ph))
        if panel is None or box is None:
            continue
        shape.addprevious(panel_element(next_id, Box(*box), *panel))
        next_id += 1


def _box(shape: Any, base: LayoutPlaceholder | None) -> tuple[int, int, int, int] | None:
    """The placeholder's own position and size, else the layout placeholder's it inherits
    (matched as PowerPoint matches it: by idx, or by type where it has none)."""
    xfrm = shape.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
    if xfrm is not None:
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None and ext is not None:
            return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    if base is None or None in (base.left, base.top, base.width, base.height):
        return None
    return (base.left or 0, base.top or 0, base.width or 0, base.height or 0)
