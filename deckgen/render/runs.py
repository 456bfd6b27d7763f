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
from pptx.oxml.ns import nsdecls, qn

DANISH = "da-DK"
_RUN = parse_xml(f"<a:r {nsdecls('a')}><a:rPr/><a:t/></a:r>")
_END = qn("a:endParaRPr")
_SOLID_FILL, _RGB, _LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")


def add_run(
    p: Any,
    text: str,
    attributes: Sequence[tuple[str, str]] = (("lang", DANISH),),
    *,
    color: str | None = None,
    typeface: str | None = None,
) -> Any:
    """Add a run saying `text` to the end of the paragraph element `p`; return its `a:r`.

    Its `a:rPr` gets `attributes` in the order given, and, if given, a solid fill of the hex
    colour `color` and the Latin typeface `typeface`.
    """
    r = copy.deepcopy(_RUN)
    properties = r[0]
    for name, value in attributes:
        properties.set(name, value)
    if color is not None:
        etree.SubElement(etree.SubElement(properties, _SOLID_FILL), _RGB).set("val", color)
    if typeface is not None:
        etree.SubElement(properties, _LATIN).set("typeface", typeface)
    r.text = text  # python-pptx's element class: escapes control characters as it does
    end = p.find(_END)
    if end is None:
        p.append(r)
    else:
        end.addprevious(r)
    return r
