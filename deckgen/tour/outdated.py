"""Which built decks show an older version of a block than the library holds now.

Every deck deckgen builds records, for each slide, the block it shows and that block's
version (a hash of the block as written; `deckgen.provenance`). Reading the block files of the
project now and hashing each block the same way tells which decks are behind the library: a
block was changed (or removed) since the deck was built; so is one whose recorded input
files (a picture, a reused slide's presentation, the theme's template) hold other bytes now.
`deckgen provenance --outdated` lists them, and `deckgen tour` rebuilds exactly those of
its decks (it compares the whole record).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deckgen.compose import inside, read_deck
from deckgen.errors import DeckgenError, Problem, name_from_text
from deckgen.files import is_deck_file
from deckgen.library import BlockLibrary, load_library
from deckgen.project import project_root
from deckgen.provenance import Provenance, SlideSource, block_version, decks_using
from deckgen.regular import file_digest


@dataclass(frozen=True)
class OutdatedSlide:
    """A slide of a built deck whose block has changed or gone since the deck was built."""

    number: int
    """The slide's number in the deck, from 1."""
    source: SlideSource
    """What the deck recorded: the block, its version then, and its file."""
    version: str
    """The block's version now; empty if the block is no longer where it was."""


@dataclass(frozen=True)
class OutdatedDeck:
    """A built deck and the slides of it that are behind the library."""

    path: Path
    record: Provenance
    slides: tuple[OutdatedSlide, ...]
    files: tuple[str, ...] = ()
    """Files it was built from (a picture, the template) whose bytes have changed since, or
    that are gone, relative to the project."""


class BlockVersions:
    """The version each block has now, read from the project's files once per file or folder."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self._libraries: dict[Path, BlockLibrary | None] = {}
        self._inline: dict[Path, dict[str, str]] = {}

    def current(self, source: SlideSource) -> str:
        """The version of the block `source` names, as its file holds it now; empty if the
        file no longer has it (or cannot be read)."""
        file = self.project / name_from_text(source.file)
        # The record is the deck's own text: a received deck may name any path; only the
        # project's files are read (an absolute path or `..` out of it is a block gone).
        if not inside(file, self.project) or not file.is_file():
            return ""
        if is_deck_file(file):
            return self._inline_blocks(file).get(source.block_id, "")
        library = self._library(file.parent)
        found = library.get(source.block_id) if library is not None else None
        return block_version(found.raw) if found is not None else ""

    def _library(self, folder: Path) -> BlockLibrary | None:
        if folder not in self._libraries:
            try:
                self._libraries[folder] = load_library(folder, strict=False)
            except DeckgenError:
                self._libraries[folder] = None
        return self._libraries[folder]

    def _inline_blocks(self, file: Path) -> dict[str, str]:
        """The versions of the blocks written in place in the deck file `file`."""
        if file not in self._inline:
            versions: dict[str, str] = {}
            try:
                doc = read_deck(file)[1]
            except (DeckgenError, OSError):
                doc = None
            slides = doc.data.get("slides") if doc is not None else None
            for raw in slides if isinstance(slides, list) else []:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str) and "kind" in raw:
                    versions.setdefault(raw["id"], block_version(raw))
            self._inline[file] = versions
        return self._inline[file]


def outdated_decks(
    paths: Iterable[Path],
    project: Path | None = None,
    block_id: str | None = None,
    problems: list[Problem] | None = None,
) -> list[OutdatedDeck]:
    """The decks under `paths` (files or folders) that show a block of `project` (default:
    the current folder's) at an older version than its files hold now, or one they no longer
    hold; with `block_id`, only that block counts. A file that cannot safely be read is added
    to `problems`."""
    root = project.resolve() if project is not None else project_root(Path.cwd() / "deck.yaml")
    versions = BlockVersions(root)
    found = []
    for path, record in decks_using(paths, block_id, problems):
        behind = []
        for number, source in enumerate(record.slides, 1):
            if block_id is not None and source.block_id != block_id:
                continue
            now = versions.current(source)
            if not now or now != source.version:  # a block gone is behind, whatever was recorded
                behind.append(OutdatedSlide(number, source, now))
        changed = () if block_id is not None else _changed_files(record, root)
        if behind or changed:
            found.append(OutdatedDeck(path, record, tuple(behind), changed))
    return found


def _changed_files(record: Provenance, root: Path) -> tuple[str, ...]:
    """The files `record` says the deck was built from whose bytes are not those now; only
    files inside the project are read (a received deck's record may name any path)."""
    changed = []
    for file in record.files:
        path = root / name_from_text(file.path)
        if not inside(path, root) or file_digest(path) != file.digest:
            changed.append(file.path)
    return tuple(changed)
