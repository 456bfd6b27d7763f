"""The last slide: thanks, and who to contact."""

from __future__ import annotations

from typing import Any, ClassVar

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.text import plain


class Closing(BlockBase, tag="closing", kw_only=True):
    """Closing slide with a title such as `Tak for i dag` and a few lines under it."""

    example: ClassVar[dict[str, Any]] = {"title": "T", "lines": ["A"]}
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The closing words."""
    lines: list[OptionalText] = []
    """Lines under the title, e.g. a contact name and e-mail."""

    layout_role: ClassVar[str] = "closing"

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        canvas.fill("body", [plain(line) for line in self.lines if line])
