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

from deckgen.measure import FontSet
from deckgen.render.styles import LevelStyle
from deckgen.text import ListStyle, Paragraph, TextBody, TextParagraph, TextRun


def set_paragraphs(
    paragraphs: Sequence[Paragraph],
    styles: Sequence[LevelStyle],
    theme: Any,
    insets: tuple[int, int, int, int],
) -> TextBody:
    """`paragraphs` set in a placeholder whose outline levels look like `styles`, with the
    `theme`'s emphasis roles; a frame PowerPoint may shrink (`normAutofit`), at full size."""
    return TextBody(
        [_paragraph(paragraph, styles, theme) for paragraph in paragraphs],
        insets,
        wrap=True,
        autofit="normal",
        font_scale=1.0,
        line_reduction=0.0,
    )


def _paragraph(paragraph: Paragraph, styles: Sequence[LevelStyle], theme: Any) -> TextParagraph:
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
        margin_left=0 if paragraph.style is ListStyle.PLAIN else style.margin_left,
        line_spacing=style.line_spacing,
        space_before_pt=style.space_before_pt if before is None else before,
        space_after_pt=style.space_after_pt,
        end_size_pt=style.size_pt,
    )


__all__ = ["FontSet", "set_paragraphs"]
