"""Resolve the text style a placeholder inherits: size, margins, spacing per outline level.

PowerPoint looks a paragraph's style up along a chain: the slide's placeholder, the layout's
placeholder of the same idx, the master's placeholder of the same type, then the master's
text styles (`p:txStyles`). We walk the same chain so text is measured as it will be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from deckgen.render.layouts import LIST_STYLE_PATH, LayoutInfo, ph_element, placeholder_key

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


def level_styles(
    placeholder: object, levels: int = 3, layout: LayoutInfo | None = None
) -> list[LevelStyle]:
    """The effective style of outline levels 0…levels-1 in `placeholder` (a slide placeholder).

    `layout` is the slide's layout already read, if the caller has it.
    """
    element = placeholder._element  # type: ignore[attr-defined]
    if layout is None:
        layout = LayoutInfo(placeholder.part.slide_layout)  # type: ignore[attr-defined]
    ph = ph_element(element)
    assert ph is not None, "level_styles reads a placeholder"
    own = element.find(LIST_STYLE_PATH)
    kind = "p:titleStyle" if ph.type in _TITLE_TYPES else "p:bodyStyle"
    if own is not None and len(own):
        return list(_resolve_levels([own, *_inherited(layout, ph, kind)], levels))
    # Without a list style of its own, a placeholder is styled as every other one with
    # its idx (or type) and kind on the layout: resolve that once per layout.
    key = (placeholder_key(ph), kind, levels)
    found = layout.level_styles.get(key)
    if found is None:
        found = layout.level_styles[key] = _resolve_levels(_inherited(layout, ph, kind), levels)
    return list(found)


def _inherited(layout: LayoutInfo, ph: Any, kind: str) -> list[etree._Element]:
    """lvlNpPr containers a slide placeholder with the `p:ph` `ph` inherits, nearest first: the
    layout's lstStyle, the master's, and the master's text styles of `kind`."""
    chain: list[etree._Element] = []
    base = layout.base_for(ph)
    if base is not None:
        chain.extend(base.list_styles)
    if layout.text_styles is not None:
        found = layout.text_styles.find(qn(kind))
        if found is not None:
            chain.append(found)
    return chain


def _resolve_levels(chain: list[etree._Element], levels: int) -> tuple[LevelStyle, ...]:
    return tuple(_resolve(chain, level) for level in range(levels))


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
