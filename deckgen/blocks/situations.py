"""Everyday situations that start a dialogue, ending in a question to the room."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from msgspec import Meta

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.text import Emphasis, bullet, plain


class Situations(BlockBase, tag="situations", kw_only=True):
    """Titled list of situations as prompts, a local example, and a closing question."""

    example: ClassVar[dict[str, Any]] = {"title": "T", "items": ["A"], "question": "Q"}
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The slide's title."""
    items: Annotated[list[Text], Meta(min_length=1)]
    """The situations, one bullet each."""
    local_example: OptionalText = ""
    """An example from this committee's own workplace, added as the last situation."""
    question: OptionalText = ""
    """The question that closes the slide."""

    layout_role: ClassVar[str] = "content"

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        body = [bullet(item) for item in self.items]
        if self.local_example:
            body.append(bullet(self.local_example))
        if self.question:
            body.append(plain(self.question, Emphasis.STRONG, space_before_pt=12))
        canvas.fill("body", body)
