"""Block kinds: one module per kind, with its schema and how it lays out and draws.

What every kind shares is in `base`; the registry of kinds (`BLOCK_KINDS`, `read_block`) in
`registry`. The registry's names load on first use, so that reading a theme or a field type
(`deckgen.fields`) does not load every kind and Pillow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckgen.blocks.base import BlockBase, Canvas

if TYPE_CHECKING:
    from deckgen.blocks.registry import BLOCK_KINDS, KIND_NAMES, Block, kind_name, read_block

_REGISTRY = frozenset({"BLOCK_KINDS", "KIND_NAMES", "Block", "kind_name", "read_block"})


def __getattr__(name: str) -> Any:
    if name in _REGISTRY:
        from deckgen.blocks import registry  # start-up time: load the kinds only when asked

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BLOCK_KINDS",
    "KIND_NAMES",
    "Block",
    "BlockBase",
    "Canvas",
    "kind_name",
    "read_block",
]
