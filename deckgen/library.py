"""The block library: every block in a folder of YAML files, found by id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from deckgen.blocks import BlockBase
from deckgen.errors import DeckgenError, InvalidInput, Location, ProblemCollector
from deckgen.models import BlockFile
from deckgen.source import PathKey, YamlDoc, read_yaml
from deckgen.validation import close_match, problems_from


@dataclass(frozen=True)
class LibraryBlock:
    """A block as the library holds it: validated, with the raw fields and where it stands."""

    block: BlockBase
    raw: dict[str, Any]
    doc: YamlDoc
    path: PathKey

    @property
    def location(self) -> Location:
        return self.doc.locate(self.path)


class BlockLibrary:
    """All blocks of a library folder, by id."""

    def __init__(self, folder: Path, entries: dict[str, LibraryBlock]) -> None:
        self.folder = folder
        self._entries = entries

    def __iter__(self) -> Iterator[LibraryBlock]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, block_id: str) -> LibraryBlock | None:
        """The block with `block_id`, or None."""
        return self._entries.get(block_id)

    def unknown_id_hint(self, block_id: str) -> str:
        """What to tell a user who named a block the library lacks."""
        return close_match(block_id, self._entries) or "`deckgen blocks` lists the library"


def block_files(folder: Path) -> list[Path]:
    """The YAML files of a library folder, in a stable order."""
    return sorted([*folder.rglob("*.yaml"), *folder.rglob("*.yml")])


def load_library(folder: Path) -> BlockLibrary:
    """Read and validate every block file in `folder`; raise with all problems at once."""
    if not folder.is_dir():
        raise DeckgenError(
            "block library folder not found",
            Location(folder),
            "set `deck.library` to the folder that holds the block files",
        )
    collector = ProblemCollector()
    entries: dict[str, LibraryBlock] = {}
    for path in block_files(folder):
        try:
            blocks = read_block_file(path)
        except DeckgenError as exc:
            collector.extend(getattr(exc, "problems", [exc.problem]))
            continue
        for entry in blocks:
            first = entries.get(entry.block.id)
            if first is not None:
                collector.add(
                    entry.location,
                    f"block id {entry.block.id!r} is already used at {first.location}",
                    "give each block its own id",
                )
                continue
            entries[entry.block.id] = entry
    collector.raise_if_any()
    return BlockLibrary(folder, entries)


def read_block_file(path: Path) -> list[LibraryBlock]:
    """The blocks of one block file, validated."""
    doc = read_yaml(path)
    if not isinstance(doc.data, dict):
        raise DeckgenError(
            "a block file must be a mapping with a `blocks:` list",
            Location(path, 1, 1),
            "start the file with `blocks:`",
        )
    try:
        parsed = BlockFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidInput(problems_from(exc, doc, model=BlockFile)) from None
    return [
        LibraryBlock(block, doc.data["blocks"][i], doc, ("blocks", i))
        for i, block in enumerate(parsed.blocks)
    ]
