"""Runs of text written straight into a paragraph's XML.

python-pptx adds a run by parsing a snippet of XML, and then finds or makes its `a:rPr`, and
each child of that, with a search in the schema's order of children for every property set.
A deck writes hundreds of runs that differ only in text, size and colour, so `add_run` copies
a run made once and sets the properties on the copy. The XML is what python-pptx writes for
the same calls, in the same order.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from lxml import etree
from pptx.oxml import parse_xml

from deckgen.fields import SCHEME_PREFIX
from deckgen.ooxml.ns import HYPERLINK_COLOR, nsdecls, qn
from deckgen.render.layouts import placeholder_shapes

DANISH = "da-DK"
_RUN = parse_xml(f"<a:r {nsdecls('a')}><a:rPr/><a:t/></a:r>")
_END = qn("a:endParaRPr")
_SOLID_FILL, _RGB, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")
_SCHEME = qn("a:schemeClr")
_ON_SLIDES = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}
"""Scheme colours as slides refer to them (through the master's colour map), as PowerPoint
writes them."""


def scheme_name(color: str) -> str | None:
    """The slide's name (`accent1`, `tx2`) for a `scheme:` colour; None for a hex colour."""
    if not color.startswith(SCHEME_PREFIX):
        return None
    name = color.removeprefix(SCHEME_PREFIX)
    return _ON_SLIDES.get(name, name)


def color_element(parent: Any, color: str) -> Any:
    """Append `color` to `parent` (an `a:solidFill`): `a:srgbClr` for hex, `a:schemeClr`, a
    live reference to the template's theme, for `scheme:accent1`."""
    name = scheme_name(color)
    if name is None:
        element = etree.SubElement(parent, _RGB)
        element.set("val", color)
    else:
        element = etree.SubElement(parent, _SCHEME)
        element.set("val", name)
    return element


def add_run(
    p: Any,
    text: str,
    attributes: Sequence[tuple[str, str]] = (("lang", DANISH),),
    *,
    color: str | None = None,
    typeface: str | None = None,
) -> Any:
    """Add a run saying `text` to the end of the paragraph element `p`; return its `a:r`.

    Its `a:rPr` gets `attributes` in the order given, and, if given, a solid fill of
    `color` (hex, or `scheme:accent1`) and the Latin typeface `typeface`.
    """
    r = copy.deepcopy(_RUN)
    properties = r[0]
    for name, value in attributes:
        properties.set(name, value)
    if color is not None:
        color_element(etree.SubElement(properties, _SOLID_FILL), color)
    if typeface is not None:
        etree.SubElement(properties, _LATIN).set("typeface", typeface)
    r.text = text  # python-pptx's element class: escapes control characters as it does
    end = p.find(_END)
    if end is None:
        p.append(r)
    else:
        end.addprevious(r)
    return r


_LINK_COLOUR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
_HYPERLINK_COLOUR = HYPERLINK_COLOR


def link_in_text_colour(run: Any) -> None:
    """Have the hyperlink of `run` (an `a:r`) drawn in the run's own colour, as PowerPoint
    2019 and later write it ('hlinkClr tx'), not in the theme's link colour, which a
    template chooses for its own background and may not read on a coloured one."""
    click = run.find(f"{qn('a:rPr')}/{qn('a:hlinkClick')}")
    if click is None or click.find(qn("a:extLst")) is not None:
        return
    extensions = etree.SubElement(click, qn("a:extLst"))
    extension = etree.SubElement(extensions, qn("a:ext"), uri=_LINK_COLOUR_EXT)
    colour = etree.SubElement(
        extension, f"{{{_HYPERLINK_COLOUR}}}hlinkClr", nsmap={"ahyp": _HYPERLINK_COLOUR}
    )
    colour.set("val", "tx")


_FILLS = frozenset(
    qn(f"a:{kind}")
    for kind in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
)
_TITLE_TYPES = ("title", "ctrTitle")
_NOT_TEXT = ("dt", "ftr", "sldNum", "pic", "chart", "tbl", "dgm", "media", "clipArt", "sldImg")


def color_placeholder_text(tree: Any, colors: dict[str, str]) -> None:
    """Give the text of the slide's placeholders in the shape tree `tree` the colour for its
    kind in `colors` (`title`, `body`: hex or `scheme:accent1`), where a run has none of its
    own: the theme's colour in place of a template's own that does not read on what the text
    stands on. Footers and slide numbers have their own (`footer.color`)."""
    for shape, ph in placeholder_shapes(tree):
        kind = ph.get("type", "obj")
        if kind in _NOT_TEXT:
            continue
        color = colors.get("title" if kind in _TITLE_TYPES else "body")
        if not color:
            continue
        for properties in shape.iter(qn("a:rPr"), _END):
            if any(child.tag in _FILLS for child in properties):
                continue
            fill = properties.makeelement(_SOLID_FILL, {})
            color_element(fill, color)
            line = properties.find(qn("a:ln"))
            if line is None:
                properties.insert(0, fill)
            else:
                line.addnext(fill)
