"""The registry of block kinds: the one place that lists them, in the order the JSON Schema
and messages show them.

To add a kind, write `deckgen/blocks/<kind>.py` with a `BlockBase` subclass declared with
`tag="<kind>"` and an `example`, and add the class to `BLOCK_KINDS`; then
`tests/blocks/test_<kind>.py`. The YAML `kind:` value, the module name and the class name
agree (`kind: call_to_action` → `call_to_action.py` → `CallToAction`). A kind module left out
of `BLOCK_KINDS` fails `tests/test_layers.py`; the property tests take every kind from here.
"""

from __future__ import annotations

from typing import Union

from deckgen.blocks.arena_model import ArenaModel
from deckgen.blocks.base import BlockBase
from deckgen.blocks.bullets import Bullets
from deckgen.blocks.call_to_action import CallToAction
from deckgen.blocks.closing import Closing
from deckgen.blocks.definition import Definition
from deckgen.blocks.dialogue import Dialogue
from deckgen.blocks.image import Image
from deckgen.blocks.principles import Principles
from deckgen.blocks.section import Section
from deckgen.blocks.situations import Situations
from deckgen.blocks.slide import Slide
from deckgen.blocks.statement import Statement
from deckgen.blocks.title import Title
from deckgen.blocks.vision import Vision
from deckgen.record import convert

BLOCK_KINDS: tuple[type[BlockBase], ...] = (
    Title,
    Section,
    Statement,
    Bullets,
    Principles,
    Definition,
    Dialogue,
    Situations,
    Closing,
    Vision,
    ArenaModel,
    Image,
    CallToAction,
    Slide,
)

Block = Union[BLOCK_KINDS]  # type: ignore[valid-type]  # noqa: UP007
"""Any block, told apart by its `kind`."""


def read_block(raw: object) -> BlockBase:
    """One block of any kind from its YAML values; raises `deckgen.record.Invalid`."""
    block: BlockBase = convert(raw, Block)
    return block


def kind_name(block_type: type[BlockBase]) -> str:
    """The YAML `kind:` value of `block_type`."""
    return str(block_type.__struct_config__.tag)


KIND_NAMES: tuple[str, ...] = tuple(kind_name(kind) for kind in BLOCK_KINDS)
