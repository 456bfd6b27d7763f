"""A section divider: a heading that opens a part of the meeting."""

from __future__ import annotations

from typing import Any, ClassVar

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.text import plain


class Section(BlockBase, tag="section", kw_only=True):
    """Section header slide with an optional line under the heading."""

    example: ClassVar[dict[str, Any]] = {"title": "T", "subtitle": "S"}
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The section's heading."""
    subtitle: OptionalText = ""
    """A line under the heading."""

    layout_role: ClassVar[str] = "section"

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        canvas.fill("body", [plain(line) for line in self.subtitle.splitlines() if line])
