"""The block library: every block in a folder of YAML files, found by id."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.blocks import BlockBase, read_block
from deckgen.errors import DeckgenError, Location, Problem, ProblemCollector, display_path
from deckgen.i18n import _
from deckgen.record import Invalid
from deckgen.source import PathKey, YamlDoc, read_yaml
from deckgen.wording import close_match, problems_from


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
    """All blocks of a library folder, by id, and the problems found reading it."""

    def __init__(
        self,
        folder: Path,
        entries: dict[str, LibraryBlock],
        problems: list[Problem] | None = None,
        broken_ids: frozenset[str] = frozenset(),
        unreadable: tuple[Path, ...] = (),
    ) -> None:
        self.folder = folder
        self._entries = entries
        self.problems = problems or []
        self.broken_ids = broken_ids
        """Ids of blocks that exist but failed validation (already in `problems`)."""
        self.unreadable = unreadable
        """Block files that could not be read at all (already in `problems`): any id may be
        in them, so a missing id is not worth reporting until they are fixed."""

    def __iter__(self) -> Iterator[LibraryBlock]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def may_hold(self, block_id: str) -> bool:
        """Whether `block_id` may exist in a block file that failed: not worth reporting."""
        return block_id in self.broken_ids or bool(self.unreadable)

    def get(self, block_id: str) -> LibraryBlock | None:
        """The block with `block_id`, or None."""
        return self._entries.get(block_id)

    def unknown_id_hint(self, block_id: str) -> str:
        """What to tell a user who named a block the library lacks."""
        listing = _("`deckgen blocks --library {folder}` lists the library").format(
            folder=display_path(self.folder)
        )
        return close_match(block_id, self._entries) or listing


MAX_LIBRARY_ENTRIES = 20_000
"""The most files and folders deckgen walks through looking for block files: a library is a
few dozen files, and `--library /` would otherwise walk the whole machine."""


def block_files(folder: Path) -> list[Path]:
    """The YAML files of a library folder, in a stable order (links to folders not followed)."""
    found: list[Path] = []
    seen = 0
    for root, folders, names in os.walk(folder):
        seen += len(folders) + len(names)
        if seen > MAX_LIBRARY_ENTRIES:
            raise DeckgenError(
                _(
                    "the folder holds more than {limit:,} files and folders: it is not a block "
                    "library"
                ).format(limit=MAX_LIBRARY_ENTRIES),
                Location(folder),
                _("name the folder that holds the block files, e.g. decks/blocks"),
            )
        found += [Path(root) / name for name in names if name.endswith((".yaml", ".yml"))]
    return sorted(found)


def load_library(folder: Path, *, strict: bool = True) -> BlockLibrary:
    """Read and validate every block file in `folder`.

    With `strict`, any problem raises (all of them at once); without, the valid blocks are
    kept and the problems travel in `library.problems`, so a caller can report more.
    """
    if not folder.is_dir():
        raise DeckgenError(
            _("block library folder not found"),
            Location(folder),
            _("set `deck.library` to the folder that holds the block files"),
        )
    collector = ProblemCollector()
    entries: dict[str, LibraryBlock] = {}
    broken: set[str] = set()
    unreadable: list[Path] = []
    for path in block_files(folder):
        try:
            blocks, problems, broken_here = read_block_file(path)
        except DeckgenError as exc:
            collector.extend(getattr(exc, "problems", [exc.problem]))
            unreadable.append(path)
            continue
        collector.extend(problems)
        broken |= broken_here
        for entry in blocks:
            first = entries.get(entry.block.id)
            if first is not None:
                collector.add(
                    entry.location,
                    _("block id {id} is already used at {location}").format(
                        id=repr(entry.block.id), location=first.location
                    ),
                    _("give each block its own id"),
                )
                continue
            entries[entry.block.id] = entry
    if strict:
        collector.raise_if_any()
    return BlockLibrary(folder, entries, collector.problems, frozenset(broken), tuple(unreadable))


def read_block_file(
    path: Path, doc: YamlDoc | None = None
) -> tuple[list[LibraryBlock], list[Problem], set[str]]:
    """The valid blocks of one block file (or of `doc`, the file already read), the problems
    of the others, and their ids."""
    doc = doc if doc is not None else read_yaml(path)
    data = doc.mapping(
        _("a block file must be a mapping with a `blocks:` list"),
        _("start the file with `blocks:` and list the blocks under it"),
        list_key="blocks",
    )
    problems = [
        Problem(
            doc.locate((key,)),
            _("unknown field {key}").format(key=repr(key)),
            _("a block file holds only `blocks:`"),
        )
        for key in data
        if key != "blocks"
    ]
    blocks: list[LibraryBlock] = []
    broken: set[str] = set()
    for index, raw in enumerate(data["blocks"]):
        try:
            block = read_block(raw)
        except Invalid as exc:
            problems.extend(problems_from(exc.errors, doc, ("blocks", index)))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                broken.add(raw["id"].strip())
            continue
        blocks.append(LibraryBlock(block, raw, doc, ("blocks", index)))
    return blocks, problems, broken
