"""Numbered principles, each with an optional second line, and where they come from."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from msgspec import Meta

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.record import Record
from deckgen.text import Emphasis, ListStyle, Paragraph, Run, plain


class Principle(Record, kw_only=True):
    """One principle: a first line in bold and an optional explaining line."""

    text: Text
    """The principle itself."""
    detail: OptionalText = ""
    """A second line that explains it."""


class Principles(BlockBase, tag="principles", kw_only=True):
    """Numbered list of principles with an attribution under it."""

    example: ClassVar[dict[str, Any]] = {
        "title": "T",
        "items": [{"text": "A", "detail": "B"}],
        "attribution": "X",
    }
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The slide's title; a line break (`\\n`) may split it."""
    items: Annotated[list[Principle], Meta(min_length=1)]
    """The principles, numbered 1), 2), … in this order."""
    attribution: OptionalText = ""
    """Where the principles come from, e.g. a book."""

    layout_role: ClassVar[str] = "content"

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        body = [self._paragraph(item) for item in self.items]
        if self.attribution:
            body.append(plain(self.attribution, Emphasis.SOURCE, space_before_pt=12))
        canvas.fill("body", body)

    @staticmethod
    def _paragraph(item: Principle) -> Paragraph:
        runs = [Run(item.text, Emphasis.STRONG)]
        if item.detail:
            runs.append(Run("\n" + item.detail))
        return Paragraph(tuple(runs), ListStyle.NUMBERED)
