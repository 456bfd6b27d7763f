"""A question for the room to talk about, with its source and the time set aside."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from msgspec import Meta

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.text import Emphasis, plain


class Dialogue(BlockBase, tag="dialogue", kw_only=True):
    """A dialogue question shown large, e.g. `Dialog: Hvad giver mening?`."""

    example: ClassVar[dict[str, Any]] = {"question": "Q", "source": "K", "minutes": "10"}
    """A small valid block of this kind (its YAML values), for the property tests."""

    question: Text
    """The question the room discusses."""
    label: OptionalText = "Dialog"
    """The word before the question; empty for none."""
    source: OptionalText = ""
    """Where the question comes from; shown after `Kilde:`."""
    minutes: Annotated[int, Meta(ge=1, le=240)] | None = None
    """Minutes set aside for the dialogue, shown on the slide."""

    layout_role: ClassVar[str] = "statement"

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.question}" if self.label else self.question

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.heading)])
        lines = []
        if self.minutes:
            lines.append(plain(f"Ca. {self.minutes} minutter"))
        if self.source:
            lines.append(plain(f"Kilde: {self.source}", Emphasis.SOURCE))
        canvas.fill("body", lines)
