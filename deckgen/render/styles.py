"""Resolve the text style a paragraph inherits: the one OOXML style resolver of deckgen.

PowerPoint looks a paragraph's style up along a chain: the paragraph's own `a:pPr`, the
shape's list style, the layout's placeholder of the same idx, the master's placeholder of
the same type (`master_type`), then the master's text styles (`p:txStyles`, `text_style`) or,
for a shape that is no placeholder, the presentation's default text style. In each list
style the outline level's `a:lvlNpPr` comes before the style's `a:defPPr`.

The renderer walks the chain to measure text before it writes it (`level_styles`); the
check walks it to read text as it is shown (`deckgen.check.text`). Both resolve each level
with `resolve_level`. Only lxml is needed here.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from deckgen.ooxml.ns import A, P
from deckgen.ooxml.placeholders import FOOTER_TYPES, TITLE_TYPES

_A, _P = f"{{{A}}}", f"{{{P}}}"
_PH_PATH = f"{_P}nvPr/{_P}ph"
_LIST_STYLE_PATH = f"{_P}txBody/{_A}lstStyle"
DEFAULT_SIZE_PT = 18.0
"""The size of text when no style in the chain gives one."""
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
"""PowerPoint's insets when no frame in the chain names them: 0.1 in left and right, 0.05 in
top and bottom (EMU)."""
_INSETS = ("lIns", "tIns", "rIns", "bIns")


def text_style(ph_type: str) -> str:
    """Which of the master's text styles a placeholder of `ph_type` falls back on."""
    if ph_type in TITLE_TYPES:
        return "titleStyle"
    return "otherStyle" if ph_type in FOOTER_TYPES else "bodyStyle"


def frame_insets(body_prs: Sequence[etree._Element]) -> tuple[int, int, int, int]:
    """Left, top, right and bottom insets (EMU) that the `a:bodyPr` elements `body_prs`
    (the shape's, then those it inherits, nearest first) give its text."""
    left, top, right, bottom = (
        next((int(b.get(name)) for b in body_prs if b.get(name) is not None), default)
        for name, default in zip(_INSETS, DEFAULT_INSETS, strict=True)
    )
    return left, top, right, bottom


@dataclass(frozen=True)
class LevelStyle:
    """A paragraph's style as the chain resolves it: what decides how much room it takes."""

    size_pt: float
    """The size of its runs unless they say otherwise."""
    margin_left: int
    """EMU: the paragraph's left margin, and a first line's further indent on top of it,
    measured as if every line had it (see `resolve_level`)."""
    line_spacing: tuple[str, float]
    """(`pct`, 1.0) for a multiple of single spacing, or (`pts`, 24.0) for exact spacing."""
    space_before_pt: float
    space_after_pt: float
    bold: bool
    caps: bool = False
    """Drawn in capitals (`cap="all"`), and so measured in them."""
    typeface: str = ""
    """The Latin typeface the chain names (`+mj-lt`, the theme's heading font, for titles),
    or empty: the body font."""


def paragraph_levels(lists: Sequence[etree._Element], level: int) -> list[etree._Element]:
    """The paragraph-property elements outline `level` (from 0) inherits from the list
    styles `lists`, nearest first: each one's `a:lvlNpPr`, then its `a:defPPr`."""
    found = []
    tags = (f"{_A}lvl{level + 1}pPr", f"{_A}defPPr")
    for style in lists:
        for tag in tags:
            element = style.find(tag)
            if element is not None:
                found.append(element)
    return found


def run_defaults(levels: Sequence[etree._Element]) -> list[etree._Element]:
    """The run defaults (`a:defRPr`) of paragraph-property elements, nearest first."""
    return [d for d in (level.find(f"{_A}defRPr") for level in levels) if d is not None]


def resolve_level(levels: Sequence[etree._Element]) -> LevelStyle:
    """The style that paragraph-property elements `levels` (nearest first) give."""
    rprs = run_defaults(levels)
    size = next((int(r.get("sz")) / 100 for r in rprs if r.get("sz")), DEFAULT_SIZE_PT)
    bold = next((r.get("b") in ("1", "true") for r in rprs if r.get("b") is not None), False)
    margin = next((int(x.get("marL")) for x in levels if x.get("marL") is not None), 0)
    # A first line indented further (`indent` above 0) is narrower than the others: taken off
    # every line, as the measurer wraps all at one width, which may only add a line. A hanging
    # indent (below 0) moves a bullet left of the margin, not the words.
    indent = next((int(x.get("indent")) for x in levels if x.get("indent") is not None), 0)
    margin += max(indent, 0)
    caps = next((r.get("cap") for r in rprs if r.get("cap") is not None), "none") == "all"
    latin = (r.find(f"{_A}latin") for r in rprs)
    typeface = next((found.get("typeface", "") for found in latin if found is not None), "")
    return LevelStyle(
        size_pt=size,
        margin_left=margin,
        line_spacing=_spacing(levels, "lnSpc") or ("pct", 1.0),
        space_before_pt=_points(_spacing(levels, "spcBef"), size),
        space_after_pt=_points(_spacing(levels, "spcAft"), size),
        bold=bold,
        caps=caps,
        typeface=typeface,
    )


def _spacing(levels: Sequence[etree._Element], tag: str) -> tuple[str, float] | None:
    for level in levels:
        element = level.find(f"{_A}{tag}")
        if element is None:
            continue
        points = element.find(f"{_A}spcPts")
        if points is not None:
            return "pts", int(points.get("val")) / 100
        percent = element.find(f"{_A}spcPct")
        if percent is not None:
            return "pct", int(percent.get("val")) / 100000
    return None


def _points(spacing: tuple[str, float] | None, size: float) -> float:
    """Space before/after in points; a percentage is of the line (1.2 × the font size)."""
    if spacing is None:
        return 0.0
    kind, value = spacing
    return value if kind == "pts" else value * size * 1.2


def level_styles(placeholder: Any, layout: Any, levels: int = 3) -> list[LevelStyle]:
    """The effective style of outline levels 0…levels-1 in `placeholder` (a slide placeholder)
    on `layout`, its slide's layout as `deckgen.render.layouts.LayoutInfo` read it."""
    element = placeholder.element
    ph = element.find("*").find(_PH_PATH)  # p:nvSpPr/p:nvPr/p:ph: it is a placeholder
    kind = text_style(ph.get("type", "obj"))
    own = element.find(_LIST_STYLE_PATH)
    if own is not None and len(own):
        return list(_resolve_levels([own, *_inherited(layout, ph, kind)], levels))
    # Without a list style of its own, a placeholder is styled as every other one with
    # its idx (or type) and kind on the layout: resolve that once per layout.
    key = (placeholder_key(ph), kind, levels)
    found = layout.level_styles.get(key)
    if found is None:
        found = layout.level_styles[key] = _resolve_levels(_inherited(layout, ph, kind), levels)
    return list(found)


def placeholder_key(ph: etree._Element) -> tuple[str, int | str]:
    """What a placeholder (its `p:ph`) is matched to the one it inherits from by.

    Its idx when it has one. Without one (LibreOffice writes none for title, subtitle and body)
    OOXML's default idx 0 belongs to the title alone: the others are matched by type, as
    PowerPoint and LibreOffice match them, so filling the title never counts as filling the body.
    """
    idx, kind = ph.get("idx"), ph.get("type", "obj")
    if kind in TITLE_TYPES:
        return ("type", "title") if idx in (None, "0") else ("idx", int(idx))
    return ("type", kind) if idx is None else ("idx", int(idx))


def _inherited(layout: Any, ph: etree._Element, kind: str) -> list[etree._Element]:
    """List styles a slide placeholder with the `p:ph` `ph` inherits, nearest first: the
    layout's placeholder's, the master's placeholder's, and the master's text style `kind`."""
    chain: list[etree._Element] = []
    base = layout.base_for(ph)
    if base is not None:
        chain.extend(base.list_styles)
    if layout.text_styles is not None:
        found = layout.text_styles.find(f"{_P}{kind}")
        if found is not None:
            chain.append(found)
    return chain


def _resolve_levels(chain: list[etree._Element], levels: int) -> tuple[LevelStyle, ...]:
    return tuple(resolve_level(paragraph_levels(chain, level)) for level in range(levels))


_SAMPLE_FILLS = tuple(f"{_A}{kind}" for kind in ("solidFill", "gradFill", "noFill", "pattFill"))


def sample_style(
    master_sp: etree._Element, master: etree._Element | None = None
) -> etree._Element | None:
    """A list style read from the sample paragraphs of the master placeholder `master_sp`
    ("Click to edit the outline text format", one paragraph per outline level), for a master
    without text styles (`p:txStyles`).

    LibreOffice writes a master's sizes, fonts and colours only there, and draws by its sizes
    and fonts (32 pt body text, not PowerPoint's default 18 pt), so deckgen measures and checks
    by them too; not by its colours, which neither LibreOffice nor PowerPoint draws by.
    A layout's placeholder (`master_sp` on a layout, with its `master`'s root element) has such
    a sample too, its empty paragraph's run properties, which LibreOffice draws by before the
    master's: Growing Liberty's body text is black on its layouts, white on its master.
    A deck deckgen builds carries the master's samples as text styles
    (`deckgen.render.package.write_text_styles`), so this reads decks made elsewhere.
    """
    root = master if master is not None else master_sp.getroottree().getroot()
    if root.find(f"{_P}txStyles") is not None:
        return None
    body = master_sp.find(f"{_P}txBody")
    if body is None:
        return None
    levels: dict[int, etree._Element] = {}
    for paragraph in body.iterfind(f"{_A}p"):
        own = paragraph.find(f"{_A}pPr")
        written = own.get("lvl", "0") if own is not None else "0"
        # A level the schema forbids (`abc`, `12`, `²`: a digit to Python, not to `int`)
        # says nothing of any level's look.
        level = int(written) if written.isascii() and written.isdigit() else -1
        if level in levels or not 0 <= level < 9:
            continue
        element = copy.deepcopy(own) if own is not None else etree.Element(f"{_A}pPr")
        element.tag = f"{_A}lvl{level + 1}pPr"
        element.attrib.pop("lvl", None)
        run = paragraph.find(f"{_A}r/{_A}rPr")
        if run is None:
            run = paragraph.find(f"{_A}endParaRPr")
        if run is not None and element.find(f"{_A}defRPr") is None:
            defaults = copy.deepcopy(run)
            defaults.tag = f"{_A}defRPr"
            # Not its colour: LibreOffice and PowerPoint draw such text in the default text
            # colour (Lights' titles, white in the sample, are drawn black on navy).
            for fill in [child for child in defaults if child.tag in _SAMPLE_FILLS]:
                defaults.remove(fill)
            element.append(defaults)
        levels[level] = element
        if len(levels) == 9:
            break  # every level read: the thousands of paragraphs after change nothing
    # In level order, as the schema wants (`lvl1pPr` … `lvl9pPr`), whatever order the
    # samples come in: a deck whose master has them otherwise is not a valid file.
    style = etree.Element(f"{_A}lstStyle")
    style.extend(levels[level] for level in sorted(levels))
    return style if len(style) else None


def emu_to_pt(value: int) -> float:
    """EMU to points."""
    return value / 12700


__all__ = [
    "DEFAULT_INSETS",
    "DEFAULT_SIZE_PT",
    "LevelStyle",
    "emu_to_pt",
    "frame_insets",
    "level_styles",
    "paragraph_levels",
    "placeholder_key",
    "resolve_level",
    "run_defaults",
    "sample_style",
    "text_style",
]
