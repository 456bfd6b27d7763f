"""The cover: the meeting's title, its theme, and who, where and when."""

from __future__ import annotations

from typing import Any, ClassVar

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.text import plain


class Title(BlockBase, tag="title", kw_only=True):
    """Cover slide with a title, a subtitle and detail lines such as committee and date."""

    example: ClassVar[dict[str, Any]] = {"title": "T", "subtitle": "S", "details": ["D"]}
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The deck's main title, e.g. `Dialogmøde med {{ omu }}`."""
    subtitle: OptionalText = ""
    """The line under the title, e.g. the meeting's theme."""
    details: list[OptionalText] = []
    """Further lines under the subtitle, e.g. `{{ dato }} · {{ direktør }}`."""

    layout_role: ClassVar[str] = "title"
    slots: ClassVar[tuple[str, ...]] = ("title", "subtitle")

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        lines = [line for line in (self.subtitle, *self.details) if line]
        canvas.fill("subtitle", [plain(line) for line in lines])
