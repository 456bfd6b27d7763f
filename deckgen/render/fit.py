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
_JOIN_SLACK = _MEASURE_SIZE / 10
"""How far (in measuring pixels) joining two pieces of text with a space may move their
widths' sum: kerning against the space. Text fonts kern a space by far less than a tenth of
an em, if at all (Carlito not at all)."""


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


_PIECE_CHARS = 4096
"""Longer text is measured in pieces of this many characters and the widths added up:
FreeType adds widths in 32-bit fixed point, which wraps to a negative width past some
300,000 characters, and Pillow refuses a text of over a million."""


@lru_cache(maxsize=1 << 15)
def _length(text: str, font_file: Path) -> float:
    # Cached: fitting measures the same words again at every size it tries, and a tour
    # measures the same blocks in every deck. Bounded, so a long tour stays flat in memory.
    font = _font(font_file)
    if len(text) <= _PIECE_CHARS:
        return font.getlength(text)
    return sum(
        font.getlength(text[start : start + _PIECE_CHARS])
        for start in range(0, len(text), _PIECE_CHARS)
    )


def line_height_pt(font_file: Path, size_pt: float) -> float:
    """Distance between baselines at single spacing: ascent, descent and line gap, as
    PowerPoint spaces lines (FreeType's `height`; for Calibri/Carlito 1.22 em)."""
    return _font(font_file).font.height * size_pt / _MEASURE_SIZE


@lru_cache(maxsize=1 << 13)
def wrapped_lines(text: str, width_pt: float, font_file: Path, size_pt: float) -> int:
    """How many lines `text` takes when wrapped at word boundaries into `width_pt`."""
    # Wrapping asks, word by word, whether the line so far and the next word still fit.
    # Measuring that line in full costs time in proportion to its length, for every word.
    # The sum of the words' and spaces' widths (each word measured once) gives the same
    # answer unless it comes within the kerning slack of the edge; only then is the line
    # itself measured. Widths here are in measuring pixels until compared.
    space = _length(" ", font_file)
    lines = 0
    for hard_line in text.split("\n"):
        lines += 1
        if not text_width_pt(hard_line, font_file, size_pt) > width_pt:
            continue  # the whole line fits, so every part of it does
        current = ""
        width = slack = 0.0  # the width of `current` is `width`, give or take `slack`
        for word in hard_line.split(" "):
            word_width = _length(word, font_file)
            if current:
                guess, guess_slack = width + space + word_width, slack + _JOIN_SLACK
                if _to_pt(guess + guess_slack, size_pt) < width_pt:
                    current, width, slack = f"{current} {word}", guess, guess_slack
                    continue  # it fits, so it is no word wider than the box
                if _to_pt(guess - guess_slack, size_pt) <= width_pt:
                    candidate = f"{current} {word}"
                    if not text_width_pt(candidate, font_file, size_pt) > width_pt:
                        current, width, slack = candidate, _length(candidate, font_file), 0.0
                        continue
                lines += 1
            current, width, slack = word, word_width, 0.0
            # A single word wider than the box breaks mid-word.
            overflow = text_width_pt(current, font_file, size_pt) / max(width_pt, 1.0)
            if overflow > 1:
                lines += int(overflow)
                current, width = "", 0.0
    return lines


def _to_pt(pixels: float, size_pt: float) -> float:
    return pixels * size_pt / _MEASURE_SIZE


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
