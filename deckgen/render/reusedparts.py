"""What a reused slide brings besides its own XML: its charts (their XML fixed up for the deck
they go into, their workbook left behind where it cannot come along) and its tables' styles.
`deckgen.render.reuse` copies the parts; these edit the copies."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import unquote

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.i18n import _
from deckgen.ooxml import internals
from deckgen.ooxml.hazards import shown
from deckgen.ooxml.ns import qn

_LABEL_FLAGS = (
    "showLegendKey",
    "showVal",
    "showCatName",
    "showSerName",
    "showPercent",
    "showBubbleSize",
)
"""What a chart's data labels show, in the order the schema has them."""
_BEFORE_FLAGS = ("c:idx", "c:dLbl", "c:layout", "c:tx", "c:numFmt", "c:spPr", "c:txPr", "c:dLblPos")
"""What comes before those flags in a chart's labels, in the schema's order."""


def unsigned_axis_ids(element: etree._Element) -> None:
    """Write a chart's axis ids as the numbers from 0 to 2³¹ − 1 the validators ask for: python-pptx
    writes some as negative numbers, which PowerPoint reads alike but validators refuse."""
    for node in element.iter(qn("c:axId"), qn("c:crossAx")):
        value = node.get("val") or ""
        if value.startswith("-") and value[1:].isdigit():
            node.set("val", str(int(value) % 2**31))


def drop_data_link(chart: etree._Element, kept: set[str]) -> None:
    """Remove a chart's reference to a workbook it no longer has: it keeps the values it
    shows (its cache), as PowerPoint shows a chart whose linked workbook is gone."""
    for node in list(chart.iter(qn("c:externalData"))):
        if node.get(qn("r:id")) not in kept:
            node.getparent().remove(node)


def chart_data_left(rel: Any) -> tuple[str, str]:
    """What to tell about a chart whose workbook is left behind."""
    if rel.is_external:
        where = _("linked to the workbook {file}").format(file=shown(unquote(rel.target_ref)))
    else:
        where = _("kept in an old Excel workbook (.xls), which can carry macros")
    return (
        _(
            "a chart's data was {where}; the chart keeps the values it shows, but its data "
            "can no longer be edited in PowerPoint"
        ).format(where=where),
        _(
            "to edit the numbers, paste them into a new chart in PowerPoint (Insert → Chart), "
            "whose data the presentation keeps"
        ),
    )


def explicit_labels(chart: etree._Element) -> None:
    """Write out what each set of data labels does not show, as PowerPoint 2007 left it
    unsaid: it meant "no", which readers of later files take as "yes" (LibreOffice then
    labels every bar with its series and category)."""
    ahead = {qn(name) for name in _BEFORE_FLAGS}
    for labels in chart.iter(qn("c:dLbls"), qn("c:dLbl")):
        if labels.find(qn("c:delete")) is not None:
            continue
        before = [child for child in labels if child.tag in ahead]
        previous = before[-1] if before else None
        for flag in _LABEL_FLAGS:
            node = labels.find(qn(f"c:{flag}"))
            if node is None:
                node = etree.Element(qn(f"c:{flag}"), val="0")
                if previous is None:
                    labels.insert(0, node)
                else:
                    previous.addnext(node)
            previous = node


def bring_table_styles(element: etree._Element, source: Any, deck: Any) -> None:
    """Add the styles the slide's tables name (by id) to the deck's table styles, from
    its presentation's: without them a table shows unstyled (LibreOffice) or in another
    style."""
    wanted = {node.text for node in element.iter(qn("a:tableStyleId")) if node.text}
    theirs, mine = _table_styles(source.part), _table_styles(deck.part)
    if not wanted or theirs is None or mine is None:
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(mine.blob, parser)
    have = {style.get("styleId") for style in root}
    added = [
        copy.deepcopy(style)
        for style in etree.fromstring(theirs.blob, parser).iter(qn("a:tblStyle"))
        if style.get("styleId") in wanted - have
    ]
    if added:
        root.extend(added)
        # python-pptx keeps this part as bytes: they are replaced, as it would on load.
        internals.set_blob(
            mine, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        )


def _table_styles(presentation_part: Any) -> Any | None:
    """A presentation's table styles part, if it has one."""
    try:
        return presentation_part.part_related_by(RT.TABLE_STYLES)
    except KeyError:
        return None
