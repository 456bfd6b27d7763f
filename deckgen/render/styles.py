"""Resolve the text style a placeholder inherits: size, margins, spacing per outline level.

PowerPoint looks a paragraph's style up along a chain: the slide's placeholder, the layout's
placeholder of the same idx, the master's placeholder of the same type, then the master's
text styles (`p:txStyles`). We walk the same chain so text is measured as it will be shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_DEFAULT_SIZE_PT = 18.0


@dataclass(frozen=True)
class LevelStyle:
    """What decides how much room a paragraph at one outline level takes."""

    size_pt: float
    margin_left: int
    line_spacing: float
    space_before_pt: float
    bold: bool


def level_styles(placeholder: object, levels: int = 3) -> list[LevelStyle]:
    """The effective style of outline levels 0…levels-1 in `placeholder` (a slide placeholder)."""
    chain = _style_chain(placeholder)
    return [_resolve(chain, level) for level in range(levels)]


def _style_chain(placeholder: object) -> list[etree._Element]:
    """lvlNpPr containers, nearest first: the shape's lstStyle, layout's, master's, txStyles."""
    element = placeholder._element  # type: ignore[attr-defined]
    chain = [element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}")]
    layout_ph = placeholder._base_placeholder  # type: ignore[attr-defined]
    master_ph = None
    if layout_ph is not None:
        chain.append(layout_ph._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"))
        master_ph = layout_ph._base_placeholder
    if master_ph is not None:
        chain.append(master_ph._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"))
    master = placeholder.part.slide_layout.slide_master  # type: ignore[attr-defined]
    styles = master._element.find(qn("p:txStyles"))
    if styles is not None:
        kind = (
            "p:titleStyle" if placeholder.placeholder_format.type in _TITLE_TYPES else "p:bodyStyle"
        )  # type: ignore[attr-defined]
        chain.append(styles.find(qn(kind)))
    return [item for item in chain if item is not None]


def _resolve(chain: list[etree._Element], level: int) -> LevelStyle:
    tag = qn(f"a:lvl{level + 1}pPr")
    size = margin = spacing = before = bold = None
    for container in chain:
        ppr = container.find(tag)
        if ppr is None:
            continue
        rpr = ppr.find(qn("a:defRPr"))
        if size is None and rpr is not None and rpr.get("sz"):
            size = int(rpr.get("sz")) / 100
        if bold is None and rpr is not None and rpr.get("b") is not None:
            bold = rpr.get("b") in ("1", "true")
        if margin is None and ppr.get("marL") is not None:
            margin = int(ppr.get("marL"))
        if spacing is None:
            spacing = _percent(ppr.find(f"{qn('a:lnSpc')}/{qn('a:spcPct')}"))
        if before is None:
            before = _spacing_pt(ppr.find(qn("a:spcBef")), size or _DEFAULT_SIZE_PT)
    return LevelStyle(
        size_pt=size or _DEFAULT_SIZE_PT,
        margin_left=margin or 0,
        line_spacing=spacing or 1.0,
        space_before_pt=before or 0.0,
        bold=bool(bold),
    )


def _percent(element: etree._Element | None) -> float | None:
    return None if element is None else int(element.get("val")) / 100000


def _spacing_pt(spc_bef: etree._Element | None, size_pt: float) -> float | None:
    if spc_bef is None:
        return None
    points = spc_bef.find(qn("a:spcPts"))
    if points is not None:
        return int(points.get("val")) / 100
    percent = _percent(spc_bef.find(qn("a:spcPct")))
    return None if percent is None else percent * size_pt * 1.2


def emu_to_pt(value: int) -> float:
    """EMU to points."""
    return Emu(value).pt


__all__ = ["LevelStyle", "Pt", "emu_to_pt", "level_styles"]
