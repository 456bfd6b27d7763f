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
from deckgen.ooxml.ns import nsdecls, qn

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
