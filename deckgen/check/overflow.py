"""Fit: text that will not fit its placeholder or shape, measured with the real font's metrics.

Each text frame is measured as PowerPoint lays it out: the shape's text rectangle (less the
rounded corners of a rounded rectangle, or the inscribed square of an ellipse, as the preset
geometry defines it), less the insets; each paragraph wrapped word by word at its left margin,
every run in its own size, weight and slant, with the theme's metric-compatible font files
(`deckgen.render.fit`: FreeType through Pillow); lines stacked at the font's line height
times the paragraph's line spacing, plus the space before and after paragraphs. Autofit is
honoured: `normAutofit fontScale` shrinks the sizes, `spAutoFit` lets the shape grow (then
the shape must stay on the slide), and text without autofit must fit the box as it is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from deckgen.check import Check, CheckedDeck, Finding, Severity, finding
from deckgen.check.slides import Shape
from deckgen.check.text import TextParagraph
from deckgen.i18n import _
from deckgen.render.fit import line_height_pt, text_width_pt
from deckgen.theme import Theme

EMU_PER_PT = 12700
EMU_PER_CM = 360000
TOLERANCE_PT = 2.0
"""Text may overrun its box by this much before it counts (as when building)."""
_ROUND_RECT_DEFAULT = 0.16667
_ROUND_RECT_TEXT = 0.29289
"""A rounded rectangle's text rectangle is inset by this share of the corner radius."""
_ELLIPSE_TEXT = 0.14645
"""An ellipse's text rectangle (the inscribed rectangle at 45°) is inset by this share."""
_TOKENS = re.compile(r"(\n| )")


@dataclass(frozen=True)
class Measure:
    """How much room a text frame has and how much its text needs, in points."""

    needed: float
    available: float
    width: float
    too_wide: str
    """A word wider than its line (PowerPoint breaks it mid-word), or empty."""


class FontFiles:
    """The theme's metric-compatible font files, by weight and slant."""

    def __init__(self, theme: Theme) -> None:
        self.files = {
            (False, False): theme.font_file("regular"),
            (True, False): theme.font_file("bold"),
            (False, True): theme.font_file("italic"),
            (True, True): theme.font_file("bold_italic"),
        }

    def get(self, bold: bool, italic: bool) -> Path:
        return self.files[(bold, italic)]


def measure(shape: Shape, fonts: FontFiles) -> Measure:
    """Measure the text of `shape` (which must have a text body) in its box."""
    body = shape.text
    assert body is not None
    width_emu, height_emu = text_rectangle(shape)
    left, top, right, bottom = body.insets
    width = (width_emu - left - right) / EMU_PER_PT
    height = (height_emu - top - bottom) / EMU_PER_PT
    scale = body.font_scale if body.autofit == "normal" else 1.0
    needed, too_wide = 0.0, ""
    for index, paragraph in enumerate(body.paragraphs):
        usable = width - paragraph.margin_left / EMU_PER_PT
        lines, widest = _line_count(paragraph, usable, scale, fonts, body.wrap)
        too_wide = too_wide or widest
        needed += lines * _line_height(paragraph, scale, body.line_reduction, fonts)
        if index:
            needed += paragraph.space_before_pt
        if index < len(body.paragraphs) - 1:
            needed += paragraph.space_after_pt
    return Measure(needed, height, width, too_wide)


def text_rectangle(shape: Shape) -> tuple[int, int]:
    """Width and height (EMU) of the area the preset geometry gives the text."""
    width, height = shape.box.width, shape.box.height
    if shape.geometry == "roundRect":
        adjust = shape.adjust if shape.adjust is not None else _ROUND_RECT_DEFAULT
        inset = min(width, height) * adjust * _ROUND_RECT_TEXT
        return round(width - 2 * inset), round(height - 2 * inset)
    if shape.geometry == "ellipse":
        return round(width * (1 - 2 * _ELLIPSE_TEXT)), round(height * (1 - 2 * _ELLIPSE_TEXT))
    return width, height


def _line_height(
    paragraph: TextParagraph, scale: float, reduction: float, fonts: FontFiles
) -> float:
    kind, value = paragraph.line_spacing
    if kind == "pts":
        return value
    runs = [run for run in paragraph.runs if run.text != "\n"] or paragraph.runs
    if runs:
        tallest = max(runs, key=lambda run: run.size_pt)
        font, size = fonts.get(tallest.bold, tallest.italic), tallest.size_pt
    else:
        font, size = fonts.get(False, False), paragraph.end_size_pt
    return line_height_pt(font, size * scale) * max(value - reduction, 0.0)


def _line_count(
    paragraph: TextParagraph, width: float, scale: float, fonts: FontFiles, wrap: bool
) -> tuple[int, str]:
    """Lines the paragraph takes wrapped into `width` points, and any word wider than that."""
    lines, x, space, too_wide = 1, 0.0, 0.0, ""
    for kind, text, advance in _tokens(paragraph, scale, fonts):
        if kind == "break":
            lines, x, space = lines + 1, 0.0, 0.0
        elif kind == "space":
            space += advance
        elif not wrap:
            x += space + advance
            space = 0.0
            if x > width + TOLERANCE_PT:
                too_wide = too_wide or text
        else:
            if x and x + space + advance > width:
                lines, x = lines + 1, 0.0
            elif x:
                x += space
            space = 0.0
            if advance > width:
                too_wide = too_wide or text
                extra = math.ceil(advance / max(width, 1.0)) - 1
                lines += extra
                x = advance - extra * width
            else:
                x += advance
    return lines, too_wide


def _tokens(
    paragraph: TextParagraph, scale: float, fonts: FontFiles
) -> Iterator[tuple[str, str, float]]:
    """Words (joined across runs), spaces and breaks, each with its width in points."""
    word, word_width = "", 0.0
    for run in paragraph.runs:
        font, size = fonts.get(run.bold, run.italic), run.size_pt * scale
        for piece in _TOKENS.split(run.text):
            if not piece:
                continue
            if piece in (" ", "\n"):
                if word:
                    yield "word", word, word_width
                    word, word_width = "", 0.0
                yield (
                    ("space", " ", text_width_pt(" ", font, size))
                    if piece == " "
                    else ("break", "", 0.0)
                )
            else:
                word += piece
                word_width += text_width_pt(piece, font, size)
    if word:
        yield "word", word, word_width


def _describe(shape: Shape) -> str:
    if shape.placeholder:
        kind = {"ctrTitle": "title", "subTitle": "subtitle", "obj": "body"}.get(
            shape.placeholder, shape.placeholder
        )
        return f"the {kind} placeholder"
    return f"the shape {shape.name!r}"


def _cm(points: float) -> str:
    return f"{points * EMU_PER_PT / EMU_PER_CM:.1f} cm"


def text_fits(deck: CheckedDeck) -> Iterator[Finding]:
    """Text runs off its placeholder or shape, or a word is wider than its line."""
    fonts = FontFiles(deck.theme)
    slide_height = deck.prs.slide_height
    for view in deck.slides:
        for shape in view.all_shapes():
            if not shape.has_text or shape.hidden:
                continue
            fit = measure(shape, fonts)
            what = _describe(shape)
            if shape.body.autofit == "shape":
                grown = shape.box.top + (fit.needed * EMU_PER_PT) + sum(shape.body.insets[1::2])
                if grown > slide_height + TOLERANCE_PT * EMU_PER_PT:
                    yield finding(
                        deck,
                        view.number,
                        Severity.ERROR,
                        "fit.text",
                        _("{what} grows with its text and runs off the bottom of the slide").format(
                            what=what
                        ),
                        _("shorten the text or split it over two blocks"),
                    )
            elif fit.needed > fit.available + TOLERANCE_PT:
                shrink = _(" even shrunk as far as allowed") if shape.body.font_scale < 1 else ""
                yield finding(
                    deck,
                    view.number,
                    Severity.ERROR,
                    "fit.text",
                    _("the text runs off {what}{shrink} (needs {cm} of {cm2})").format(
                        what=what, shrink=shrink, cm=_cm(fit.needed), cm2=_cm(fit.available)
                    ),
                    _("shorten the text or split it over two blocks"),
                )
            if fit.too_wide:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "fit.text",
                    _(
                        "the word {too_wide} is wider than {what} and is broken in the middle"
                    ).format(too_wide=repr(fit.too_wide), what=what),
                    _("use a shorter word, or a hyphen where it may break"),
                )


def on_slide(deck: CheckedDeck) -> Iterator[Finding]:
    """A shape that sticks out of the slide is cut off when shown (titles may hide off-slide)."""
    width, height = deck.prs.slide_width, deck.prs.slide_height
    for view in deck.slides:
        for shape in view.shapes:
            box = shape.box
            if shape.is_title or shape.hidden or not (box.width and box.height):
                continue
            if box.left < 0 or box.top < 0 or box.right > width or box.bottom > height:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "fit.on_slide",
                    _("{describe} sticks out of the slide and is cut off when shown").format(
                        describe=_describe(shape)
                    ),
                    _("move or shrink it inside the slide"),
                )


CHECKS = (
    Check("fit.text", text_fits, "text fits its placeholder or shape (real font metrics)"),
    Check("fit.on_slide", on_slide, "shapes stay inside the slide"),
)
