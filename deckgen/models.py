"""The two file kinds a user writes: block files (the library) and deck files (a visit's deck)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from msgspec import Meta

from deckgen.blocks import Block, BlockBase, read_block
from deckgen.fields import BlockId, OptionalText, Text
from deckgen.record import FieldError, Invalid, Record, convert

MAX_SLIDES = 500
"""The most slides a deck may list: far more than a meeting shows, and a bound on the memory
and time one deck can take (a 1 MB deck file could otherwise list 250,000)."""
VARIABLE_PATTERN = r"^[a-zA-ZæøåÆØÅ_][a-zA-ZæøåÆØÅ0-9_]*$"
VariableName = Annotated[str, Meta(pattern=VARIABLE_PATTERN)]


class BlockFile(Record, kw_only=True):
    """A file in the block library (`decks/blocks/*.yaml`): one or more blocks."""

    blocks: Annotated[list[Block], Meta(min_length=1)]
    """The blocks in this file, each with a unique `id` and a `kind`."""


class SlideUse(Record, kw_only=True):
    """A library block placed in a deck, with any of its fields overridden for this deck."""

    use: BlockId
    """The id of the library block to show."""
    overrides: dict[str, Any] = {}
    """The block's fields this deck writes differently (every key beside `use:`)."""


SlideEntry = BlockId | SlideUse | BlockBase
"""A slide: a block id, `{use: id, …overrides}`, or a whole block written in place."""


def read_slide(raw: Any) -> SlideEntry:
    """One entry of a deck's `slides:`, told apart by its form; raises `Invalid`."""
    if isinstance(raw, str):
        entry: str = convert(raw, BlockId)
        return entry
    if isinstance(raw, dict) and "use" in raw:
        try:
            use: str = convert(raw["use"], BlockId)
        except Invalid as exc:
            raise Invalid([replace(e, loc=("use", *e.loc)) for e in exc.errors]) from None
        return SlideUse(use=use, overrides={k: v for k, v in raw.items() if k != "use"})
    if isinstance(raw, dict):
        return read_block(raw)
    raise Invalid([FieldError("model_type", (), "", raw)])


class DeckMeta(Record, kw_only=True):
    """What the deck is: its title and document properties, and the look it uses."""

    title: Text
    """The deck's title (document property), e.g. `Dialogmøde med {{ omu }}`."""
    subject: OptionalText = ""
    """The subject (document property)."""
    author: OptionalText = ""
    """The author (document property), e.g. `{{ direktør }}`."""
    keywords: list[OptionalText] = []
    """Keywords (document property)."""
    theme: OptionalText = ""
    """Path to a theme YAML file, relative to the deck file; empty for the default theme."""
    library: OptionalText = "blocks"
    """Folder of block files, relative to the deck file."""
    footer: str | None = None
    """Footer text on each slide; overrides the theme's footer. Empty for none."""


class DeckFile(Record, kw_only=True):
    """A deck file (`decks/*.yaml`): which blocks, in which order, with which variables."""

    deck: DeckMeta
    """The deck's title, document properties, theme and library."""
    variables: dict[VariableName, OptionalText | None] = {}
    """Values for `{{ name }}` in any text; leave a value empty to require `--set name=…`."""
    slides: Annotated[list[Any], Meta(min_length=1, max_length=MAX_SLIDES)]
    """The slides in order: a block id, `{use: id, …overrides}`, or a block written in place."""
