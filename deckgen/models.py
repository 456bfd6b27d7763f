"""The two file kinds a user writes: block files (the library) and deck files (a visit's deck)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from deckgen.blocks import Block
from deckgen.blocks.fields import BlockId, OptionalText, Text

VariableName = Annotated[str, Field(pattern=r"^[a-zA-ZæøåÆØÅ_][a-zA-ZæøåÆØÅ0-9_]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BlockFile(_Strict):
    """A file in the block library (`decks/blocks/*.yaml`): one or more blocks."""

    blocks: list[Block] = Field(min_length=1)
    """The blocks in this file, each with a unique `id` and a `kind`."""


class SlideUse(BaseModel):
    """A library block placed in a deck, with any of its fields overridden for this deck."""

    model_config = ConfigDict(extra="allow", frozen=True)

    use: BlockId
    """The id of the library block to show."""


def _slide_form(value: Any) -> str:
    if isinstance(value, str):
        return "id"
    if isinstance(value, dict) and "use" in value:
        return "use"
    return "inline"


SlideEntry = Annotated[
    Annotated[BlockId, Tag("id")]
    | Annotated[SlideUse, Tag("use")]
    | Annotated[Block, Tag("inline")],
    Discriminator(_slide_form),
]
"""A slide: a block id, `{use: id, …overrides}`, or a whole block written in place."""


class DeckMeta(_Strict):
    """What the deck is: its title and document properties, and the look it uses."""

    title: Text
    """The deck's title (document property), e.g. `Dialogmøde med {{ omu }}`."""
    subject: OptionalText = ""
    """The subject (document property)."""
    author: OptionalText = ""
    """The author (document property), e.g. `{{ direktør }}`."""
    keywords: list[OptionalText] = Field(default_factory=list)
    """Keywords (document property)."""
    theme: OptionalText = ""
    """Path to a theme YAML file, relative to the deck file; empty for the default theme."""
    library: OptionalText = "blocks"
    """Folder of block files, relative to the deck file."""
    footer: str | None = None
    """Footer text on each slide; overrides the theme's footer. Empty for none."""


class DeckFile(_Strict):
    """A deck file (`decks/*.yaml`): which blocks, in which order, with which variables."""

    deck: DeckMeta
    """The deck's title, document properties, theme and library."""
    variables: dict[VariableName, OptionalText | None] = Field(default_factory=dict)
    """Values for `{{ name }}` in any text; leave a value empty to require `--set name=…`."""
    slides: list[SlideEntry] = Field(min_length=1)
    """The slides in order."""
