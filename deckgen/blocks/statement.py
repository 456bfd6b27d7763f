"""A statement: one sentence in large type that the room reads at a glance."""

from __future__ import annotations

from typing import Any, ClassVar

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.text import plain


class Statement(BlockBase, tag="statement", kw_only=True):
    """A single sentence shown large, with an optional smaller line below."""

    example: ClassVar[dict[str, Any]] = {"text": "T"}
    """A small valid block of this kind (its YAML values), for the property tests."""

    text: Text
    """The sentence, e.g. `Fællesskab og sammenhængskraft`."""
    subtitle: OptionalText = ""
    """A smaller line below the sentence."""

    layout_role: ClassVar[str] = "statement"

    @property
    def heading(self) -> str:
        return self.text

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.text)])
        canvas.fill("body", [plain(line) for line in self.subtitle.splitlines() if line])
