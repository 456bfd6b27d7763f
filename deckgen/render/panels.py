"""Text panels: a plain shape in the template's own colour under a layout's title or text
placeholders, where the template puts them on a picture, gradient or pattern that no one
colour of text reads on (the theme's `text_panels`, drafted by `deckgen theme init`).

The panel is an ordinary rectangle just below the placeholder in the slide's order, so it is
edited, moved or deleted as any shape is, and `deckgen check` measures the text on it as it
measures text on any shape: its colour over what lies beneath it.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from deckgen.ooxml import internals
from deckgen.ooxml.ns import nsdecls, qn
from deckgen.render.runs import color_element
from deckgen.render.shapes import mark_decorative

_TITLE_TYPES = ("title", "ctrTitle")
_NOT_TEXT = ("dt", "ftr", "sldNum", "pic", "chart", "tbl", "dgm", "media", "clipArt", "sldImg")


def add_text_panels(slide: Any, panels: dict[str, tuple[str, int]]) -> None:
    """Draw under each title (`title`) or other text placeholder (`body`) of `slide` that
    holds text the panel of its kind in `panels`: (colour, hex or `scheme:bg1`; opacity in
    per cent)."""
    if not panels:
        return
    tree = internals.shape_tree(slide.shapes)
    next_id = 1 + max((int(e.get("id", "0")) for e in tree.iter(qn("p:cNvPr"))), default=0)
    for shape in list(slide.placeholders):
        kind = shape.placeholder_format.type
        name = kind.xml_value if kind is not None else "obj"
        if name in _NOT_TEXT or not shape.has_text_frame or not shape.text_frame.text.strip():
            continue
        panel = panels.get("title" if name in _TITLE_TYPES else "body")
        if panel is None or None in (shape.left, shape.top, shape.width, shape.height):
            continue
        color, opacity = panel
        element = etree.fromstring(
            f"<p:sp {nsdecls('p', 'a')}>"
            f'<p:nvSpPr><p:cNvPr id="{next_id}" name="Tekstpanel {next_id}"/>'
            "<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr><a:xfrm><a:off x="{shape.left}" y="{shape.top}"/>'
            f'<a:ext cx="{shape.width}" cy="{shape.height}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill/>'
            "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
        )
        fill = element.find(f"{qn('p:spPr')}/{qn('a:solidFill')}")
        value = color_element(fill, color)
        if opacity < 100:
            etree.SubElement(value, qn("a:alpha")).set("val", str(opacity * 1000))
        shape.element.addprevious(element)
        mark_decorative(_Wrapped(element))
        next_id += 1


class _Wrapped:
    """The little of a python-pptx shape `mark_decorative` uses: its element."""

    def __init__(self, element: Any) -> None:
        self.element = element
