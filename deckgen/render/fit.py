"""Set a block's paragraphs as their placeholder will show them, for the one measurer.

A block describes text in theme roles (`deckgen.text.Paragraph`); the placeholder it goes
into gives each outline level a size, indent and spacing (`deckgen.render.styles`). Resolved
together they are the set text (`deckgen.text.TextBody`) that `deckgen.measure` measures,
the same model the check reads back from the written slide.

The measurer itself is `deckgen.measure`; `FontSet` is also named here for code that
imported it from the renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from deckgen.measure import EMU_PER_PT, Face, FontSet, text_width_pt
from deckgen.render.styles import LevelStyle
from deckgen.text import ListStyle, Paragraph, TextBody, TextParagraph, TextRun


def set_paragraphs(
    paragraphs: Sequence[Paragraph],
    styles: Sequence[LevelStyle],
    theme: Any,
    insets: tuple[int, int, int, int],
    fonts: FontSet | None = None,
) -> TextBody:
    """`paragraphs` set in a placeholder whose outline levels look like `styles`, with the
    `theme`'s emphasis roles; a frame PowerPoint may shrink (`normAutofit`), at full size."""
    numbers = sum(paragraph.style is ListStyle.NUMBERED for paragraph in paragraphs)
    return TextBody(
        [_paragraph(paragraph, styles, theme, numbers, fonts) for paragraph in paragraphs],
        insets,
        wrap=True,
        autofit="normal",
        font_scale=1.0,
        line_reduction=0.0,
    )


_DIGIT_EM, _PAREN_EM, _NUMBER_GAP_EM = 0.56, 0.34, 0.45
"""The widths of a digit and of `)` in Arial, Carlito and their kin, and the gap after the
number, in multiples of the text size."""


def numbered_margin(
    style: LevelStyle, numbers: int, fonts: FontSet | None = None
) -> tuple[int, int]:
    """The left margin and the hang (EMU) of a numbered paragraph of `style` in a list of
    `numbers`: the number (`1)` … `12)`) stands in the hang, at the margin less the hang, and
    the words start at the margin, after a gap.

    A template's indent is made for its bullet, if for any: LibreOffice's Lights hangs its
    bullets 0.9 cm but writes its layouts' text with no hang at all (`indent="0"`), so the
    number stood where the words start, in PowerPoint and LibreOffice alike. The margin stays
    the template's where that leaves room for the number.

    The hang is at least the number's width in the words' own font (`fonts`), in any face,
    and the gap: Verdana's and Tahoma's bold digits are a quarter wider than Arial's, and
    `10)` stood on the words' first letter (PowerPoint pushed the words on to a tab stop,
    a line the measurer did not count)."""
    digits = len(str(max(numbers, 1)))
    ems = _DIGIT_EM * digits + _PAREN_EM
    if fonts is not None:
        family = fonts.of(style.typeface)
        ems = max(
            ems, *(_number_ems(face, digits) * family.width for face in family.files.values())
        )
    hang = round(style.size_pt * (ems + _NUMBER_GAP_EM) * EMU_PER_PT)
    return max(style.margin_left, hang), hang


def _number_ems(face: Face, digits: int) -> float:
    """The width of the widest number of `digits` digits and its `)` in `face`, in ems."""
    widest = max(text_width_pt(digit, face, 1.0) for digit in "0123456789")
    return widest * digits + text_width_pt(")", face, 1.0)


def _paragraph(
    paragraph: Paragraph,
    styles: Sequence[LevelStyle],
    theme: Any,
    numbers: int,
    fonts: FontSet | None,
) -> TextParagraph:
    style = styles[min(paragraph.level, len(styles) - 1)]
    runs = []
    for run in paragraph.runs:
        look = theme.style(run.emphasis.value)
        runs.append(
            TextRun(
                text=run.text.upper() if style.caps else run.text,
                size_pt=look.size or style.size_pt,
                bold=style.bold or bool(look.bold),
                italic=bool(look.italic),
                color=None,
                typeface=style.typeface,
                lang=None,
                link=run.link is not None,
            )
        )
    before = paragraph.space_before_pt
    return TextParagraph(
        runs=runs,
        level=paragraph.level,
        # Plain paragraphs (lead, conclusion, source) are drawn with no indent.
        margin_left=0
        if paragraph.style is ListStyle.PLAIN
        else numbered_margin(style, numbers, fonts)[0]
        if paragraph.style is ListStyle.NUMBERED
        else style.margin_left,
        line_spacing=style.line_spacing,
        space_before_pt=style.space_before_pt if before is None else before,
        space_after_pt=style.space_after_pt,
        end_size_pt=style.size_pt,
    )


__all__ = ["FontSet", "numbered_margin", "set_paragraphs"]
