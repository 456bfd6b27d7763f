"""The block library: every block in a folder of YAML files, found by id."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from msgspec import Struct

from deckgen.blocks import BlockBase, read_block
from deckgen.blocks.base import SourceContext
from deckgen.errors import (
    DeckgenError,
    Location,
    Problem,
    ProblemCollector,
    close_match,
    display_path,
)
from deckgen.i18n import _
from deckgen.project import project_root
from deckgen.record import Invalid
from deckgen.source import PathKey, YamlDoc, read_yaml
from deckgen.wording import problems_from


class LibraryBlock(Struct, frozen=True):
    """A block as the library holds it: validated, with the raw fields and where it stands."""

    block: BlockBase
    raw: dict[str, Any]
    doc: YamlDoc
    path: PathKey

    @property
    def location(self) -> Location:
        return self.doc.locate(self.path)


class BlockLibrary:
    """All blocks of a library folder, by id, and the problems found reading it.

    A problem belongs to a block where it can (`block_problems`): a deck that does not show
    that block builds without it. Only a file that could not be read at all may hold any id.
    """

    def __init__(
        self,
        folder: Path,
        entries: dict[str, LibraryBlock],
        problems: list[Problem] | None = None,
        broken_ids: frozenset[str] = frozenset(),
        unreadable: tuple[Path, ...] = (),
        block_problems: dict[str, list[Problem]] | None = None,
        loose_problems: list[Problem] | None = None,
    ) -> None:
        self.folder = folder
        self._entries = entries
        self.problems = problems or []
        """Every problem found reading the library, in file order."""
        self.broken_ids = broken_ids
        """Ids of blocks that exist but failed validation (already in `problems`)."""
        self.unreadable = unreadable
        """Block files that could not be read at all (already in `problems`): any id may be
        in them, so a missing id is not worth reporting until they are fixed."""
        self.block_problems = block_problems or {}
        """The problems of each block id that is broken or used twice: a deck showing it fails."""
        self.loose_problems = loose_problems or []
        """Problems that belong to no block id (a file that could not be read, a block without
        a usable id): a deck naming an id the library lacks may mean a block in them."""

    def problems_for(self, block_id: str) -> list[Problem]:
        """What stops a deck from showing `block_id`: its own problems, or, when the library
        lacks it, the problems that belong to no id (it may be in a file that could not be
        read, or be a block whose id is wrong)."""
        if block_id in self.block_problems:
            return self.block_problems[block_id]
        if block_id not in self._entries:
            return self.loose_problems
        return []

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

    def source_files(self) -> list[Path]:
        """The files the blocks show as they are (pictures, reused slides' presentations),
        for telling when one has been replaced."""
        found: list[Path] = []
        for entry in self._entries.values():
            folder = entry.doc.path.parent
            found += entry.block.source_files(SourceContext(folder, project_root(entry.doc.path)))
        return found

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


class LibraryCache(dict[Path, BlockLibrary]):
    """Block libraries by resolved folder, each read once (not strictly: its problems travel
    with it) and kept: the one cache a `Builder`, `compose_deck` and a tour's deck sources
    share."""

    def library(self, folder: Path) -> BlockLibrary:
        """The block library in `folder`, read once and kept."""
        key = folder.resolve()
        if key not in self:
            self[key] = load_library(folder, strict=False)
        return self[key]


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
    by_id: dict[str, list[Problem]] = {}
    loose: list[Problem] = []
    unreadable: list[Path] = []
    found: dict[str, list[tuple[LibraryBlock, float]]] = {}
    for path in block_files(folder):
        try:
            blocks, owned = _read_owned(path)
        except DeckgenError as exc:
            collector.extend(getattr(exc, "problems", [exc.problem]))
            loose.extend(getattr(exc, "problems", [exc.problem]))
            unreadable.append(path)
            continue
        for block_id, problem in owned:
            collector.extend([problem])
            if block_id is None:
                loose.append(problem)
            else:
                broken.add(block_id)
                by_id.setdefault(block_id, []).append(problem)
        modified = _modified(path)
        for entry in blocks:
            found.setdefault(entry.block.id, []).append((entry, modified))
    for block_id, candidates in found.items():
        kept, *newer = _oldest_first(candidates)
        entries[block_id] = kept
        for entry in newer:
            problem = Problem(
                entry.location,
                _("block id {id} is already used at {location}").format(
                    id=repr(block_id), location=kept.location
                ),
                _("give this block an id of its own (the one there is the older)"),
            )
            # A deck that shows this id could get either block: it is refused, not guessed.
            collector.extend([problem])
            by_id.setdefault(block_id, []).append(problem)
    if strict:
        collector.raise_if_any()
    return BlockLibrary(
        folder, entries, collector.problems, frozenset(broken), tuple(unreadable), by_id, loose
    )


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _oldest_first(candidates: list[tuple[LibraryBlock, float]]) -> list[LibraryBlock]:
    """Blocks that share an id, the established one first: the one in the file changed
    longest ago, then (in one file, or files saved together) the one written first."""
    order = sorted(range(len(candidates)), key=lambda i: (candidates[i][1], i))
    return [candidates[i][0] for i in order]


def read_block_file(
    path: Path, doc: YamlDoc | None = None
) -> tuple[list[LibraryBlock], list[Problem], set[str]]:
    """The valid blocks of one block file (or of `doc`, the file already read), the problems
    of the others, and their ids."""
    blocks, owned = _read_owned(path, doc)
    problems = [problem for _, problem in owned]
    return blocks, problems, {block_id for block_id, _ in owned if block_id is not None}


def _read_owned(
    path: Path, doc: YamlDoc | None = None
) -> tuple[list[LibraryBlock], list[tuple[str | None, Problem]]]:
    """The valid blocks of one block file, and each problem with the id of the block it
    belongs to (None: a problem of the file, or of a block without a usable id)."""
    doc = doc if doc is not None else read_yaml(path)
    data = doc.mapping(
        _("a block file must be a mapping with a `blocks:` list"),
        _("start the file with `blocks:` and list the blocks under it"),
        list_key="blocks",
    )
    owned: list[tuple[str | None, Problem]] = [
        (
            None,
            Problem(
                doc.locate((key,)),
                _("unknown field {key}").format(key=repr(key)),
                _("a block file holds only `blocks:`"),
            ),
        )
        for key in data
        if key != "blocks"
    ]
    blocks: list[LibraryBlock] = []
    for index, raw in enumerate(data["blocks"]):
        try:
            block = read_block(raw)
        except Invalid as exc:
            block_id = None
            if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
                block_id = raw["id"].strip()
            owned.extend(
                (block_id, problem) for problem in problems_from(exc.errors, doc, ("blocks", index))
            )
            continue
        blocks.append(LibraryBlock(block, raw, doc, ("blocks", index)))
    return blocks, owned
