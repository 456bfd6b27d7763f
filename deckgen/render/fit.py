"""Measure whether text fits its box, with the real font's metrics (FreeType via Pillow).

Text is wrapped word by word the way PowerPoint does, at the size and indent its placeholder
inherits, and the lines are stacked with the font's own line height and the paragraph spacing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont
from pptx.util import Emu

from deckgen.render.styles import LevelStyle
from deckgen.text import Emphasis, ListStyle, Paragraph

_MEASURE_SIZE = 200
"""Fonts are measured at this pixel size and scaled, to keep rounding error small."""


@dataclass(frozen=True)
class FontSet:
    """Files of one font family, for measuring."""

    regular: Path
    bold: Path


@cache
def _font(path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), _MEASURE_SIZE)


def text_width_pt(text: str, font_file: Path, size_pt: float) -> float:
    """Width of `text` on one line at `size_pt`."""
    return _length(text, font_file) * size_pt / _MEASURE_SIZE


@lru_cache(maxsize=1 << 15)
def _length(text: str, font_file: Path) -> float:
    # Cached: fitting measures the same words again at every size it tries, and a tour
    # measures the same blocks in every deck. Bounded, so a long tour stays flat in memory.
    return _font(font_file).getlength(text)


def line_height_pt(font_file: Path, size_pt: float) -> float:
    """Distance between baselines at single spacing: ascent, descent and line gap, as
    PowerPoint spaces lines (FreeType's `height`; for Calibri/Carlito 1.22 em)."""
    return _font(font_file).font.height * size_pt / _MEASURE_SIZE


@lru_cache(maxsize=1 << 13)
def wrapped_lines(text: str, width_pt: float, font_file: Path, size_pt: float) -> int:
    """How many lines `text` takes when wrapped at word boundaries into `width_pt`."""
    lines = 0
    for hard_line in text.split("\n"):
        lines += 1
        current = ""
        for word in hard_line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width_pt(candidate, font_file, size_pt) > width_pt:
                lines += 1
                current = word
            else:
                current = candidate
            # A single word wider than the box breaks mid-word.
            overflow = text_width_pt(current, font_file, size_pt) / max(width_pt, 1.0)
            if overflow > 1:
                lines += int(overflow)
                current = ""
    return lines


def text_height_pt(
    paragraphs: Sequence[Paragraph],
    width_pt: float,
    styles: Sequence[LevelStyle],
    fonts: FontSet,
    size_override: dict[int, float] | None = None,
) -> float:
    """Height the paragraphs take in a box `width_pt` wide."""
    total = 0.0
    for index, paragraph in enumerate(paragraphs):
        style = styles[min(paragraph.level, len(styles) - 1)]
        size = (size_override or {}).get(index, style.size_pt)
        strong = any(run.emphasis is Emphasis.STRONG for run in paragraph.runs)
        font = fonts.bold if style.bold or strong else fonts.regular
        # Plain paragraphs (lead, conclusion, source) are drawn with no indent.
        indent = 0 if paragraph.style is ListStyle.PLAIN else style.margin_left
        usable = width_pt - Emu(indent).pt
        lines = wrapped_lines(paragraph.text, usable, font, size)
        if index:
            before = paragraph.space_before_pt
            total += style.space_before_pt if before is None else before
        total += lines * line_height_pt(font, size) * style.line_spacing
    return total
