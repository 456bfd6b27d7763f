"""What every block kind shares: common fields, and the canvas a block renders onto."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field

from deckgen.blocks.fields import BlockId, OptionalText, Tag
from deckgen.text import Paragraph

if TYPE_CHECKING:
    from deckgen.theme import Theme


class Canvas(Protocol):
    """The slide a block draws on: placeholders by slot, plus the theme for look-ups."""

    theme: Theme

    def fill(self, slot: str, paragraphs: Sequence[Paragraph]) -> None:
        """Put `paragraphs` into the layout's placeholder for `slot` (title, body, caption…)."""
        ...


class BlockBase(BaseModel):
    """Fields every block has; each kind adds its own and a `render`."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    id: BlockId
    """Unique id that decks use to pick the block, e.g. `vejen-videre`."""
    notes: OptionalText = ""
    """Speaker notes: what the director says on this slide."""
    tags: list[Tag] = Field(default_factory=list)
    """Words to find the block by, e.g. `[aktørskab, dialog]`."""

    layout_role: ClassVar[str] = "content"
    """Which of the theme's layouts this kind uses."""

    @property
    def heading(self) -> str:
        """The line that names this block in listings; by default its title."""
        return str(getattr(self, "title", "") or self.id)

    def render(self, canvas: Canvas) -> None:
        """Draw this block onto `canvas`."""
        raise NotImplementedError
