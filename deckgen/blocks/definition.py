"""A definition of a term, its elements as bullets, and the source it comes from."""

from __future__ import annotations

from typing import Any, ClassVar

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import Text
from deckgen.text import Emphasis, bullet, plain


class Definition(BlockBase, tag="definition", kw_only=True):
    """Titled definition with its elements as bullets and a `Kilde:` line."""

    example: ClassVar[dict[str, Any]] = {
        "title": "T",
        "definition": "D",
        "items": ["A"],
        "source": "K",
    }
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The slide's title, e.g. `Beskrivelse af aktørskab`."""
    definition: Text
    """The defining sentence."""
    items: list[Text] = []
    """What the definition spells out, one bullet each."""
    source: Text
    """Where the definition comes from; shown after `Kilde:`."""

    layout_role: ClassVar[str] = "content"

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        body = [plain(self.definition), *(bullet(item) for item in self.items)]
        body.append(plain(f"Kilde: {self.source}", Emphasis.SOURCE, space_before_pt=12))
        canvas.fill("body", body)
