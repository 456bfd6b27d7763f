"""Fit: text that will not fit its placeholder or shape, measured with the real font's metrics.

Each text frame is measured as PowerPoint lays it out: the shape's text rectangle (less the
rounded corners of a rounded rectangle, or the inscribed square of an ellipse, as the preset
geometry defines it), less the insets, and measured by `deckgen.measure`, the measurer the
renderer fits text with, using the theme's metric-compatible font files. Autofit is
honoured: `normAutofit fontScale` shrinks the sizes, `spAutoFit` lets the shape grow (then
the shape must stay on the slide), and text without autofit must fit the box as it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.check.findings import Check, Finding, Severity, finding
from deckgen.check.opening import CheckedDeck
from deckgen.check.slides import Shape
from deckgen.geometry import ELLIPSE_TEXT_SHARE, ROUND_RECT_TEXT_LOSS
from deckgen.i18n import N_, _
from deckgen.measure import EMU_PER_PT, TOLERANCE_PT, FontSet, Measure
from deckgen.measure import measure as measure_text
from deckgen.theme.names import placeholder_name
from deckgen.wording import shown

OVERFLOW = Severity.WARNING
"""Text that runs off its box is a warning, as `deckgen build` warns about it: build and gate
give it one verdict (`deckgen.measure`) and one severity; `--strict` makes it fail either."""

_ROUND_RECT_DEFAULT = 0.16667


def measure(shape: Shape, fonts: FontSet) -> Measure:
    """Measure the text of `shape` (which must have a text body) in its box."""
    body = shape.text
    assert body is not None
    width_emu, height_emu = text_rectangle(shape)
    left, top, right, bottom = body.insets
    width = (width_emu - left - right) / EMU_PER_PT
    height = (height_emu - top - bottom) / EMU_PER_PT
    return measure_text(body, width, height, fonts)


def text_rectangle(shape: Shape) -> tuple[int, int]:
    """Width and height (EMU) of the area the preset geometry gives the text."""
    width, height = shape.box.width, shape.box.height
    if shape.geometry == "roundRect":
        adjust = shape.adjust if shape.adjust is not None else _ROUND_RECT_DEFAULT
        inset = min(width, height) * adjust * ROUND_RECT_TEXT_LOSS
        return round(width - 2 * inset), round(height - 2 * inset)
    if shape.geometry == "ellipse":
        return round(width * ELLIPSE_TEXT_SHARE), round(height * ELLIPSE_TEXT_SHARE)
    return width, height


def _describe(shape: Shape) -> str:
    if shape.placeholder:
        return placeholder_name(shape.placeholder)
    return _("the shape {name}").format(name=repr(shape.name))


def text_fits(deck: CheckedDeck) -> Iterator[Finding]:
    """Text runs off its placeholder or shape, or a word is wider than its line."""
    if deck.prs is None:
        return  # nothing to measure in a file python-pptx cannot open
    fonts = FontSet.of_theme(deck.theme)
    slide_height = deck.prs.slide_height
    for view in deck.slides:
        for shape in view.all_shapes():
            body = shape.text
            if body is None or not body.text.strip() or shape.hidden:
                continue
            fit = measure(shape, fonts)
            what = _describe(shape)
            if body.autofit == "shape":
                grown = shape.box.top + (fit.needed * EMU_PER_PT) + sum(body.insets[1::2])
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
            elif fit.overflows:
                shrink = _(" even shrunk as far as allowed") if body.font_scale < 1 else ""
                yield finding(
                    deck,
                    view.number,
                    OVERFLOW,
                    "fit.text",
                    _("the text runs off {what}{shrink} ({shortfall})").format(
                        what=what, shrink=shrink, shortfall=fit.shortfall
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
                    ).format(too_wide=shown(fit.too_wide), what=what),
                    _("use a shorter word, or a hyphen where it may break"),
                )


def on_slide(deck: CheckedDeck) -> Iterator[Finding]:
    """A shape that sticks out of the slide is cut off when shown (titles may hide off-slide)."""
    if deck.prs is None:
        return
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
    Check("fit.text", text_fits, N_("text fits its placeholder or shape (real font metrics)")),
    Check("fit.on_slide", on_slide, N_("shapes stay inside the slide")),
)
