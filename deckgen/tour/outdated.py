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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.cache import file_digest
from deckgen.compose import inside, read_deck
from deckgen.errors import DeckgenError, Location, Problem, name_from_text
from deckgen.files import is_deck_file
from deckgen.library import BlockLibrary, load_library
from deckgen.ooxml.slides import read_slide_file
from deckgen.output import unedited_record
from deckgen.project import project_root
from deckgen.provenance import Provenance, SlideSource, block_version, decks_using


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

    def entry(self, source: SlideSource) -> Any:
        """The library block `source` names, as its file holds it now (a `LibraryBlock`);
        None for a block written in a deck file, or one that is gone."""
        file = self.project / source.file
        if not inside(file, self.project) or not file.is_file() or is_deck_file(file):
            return None
        library = self._library(file.parent)
        return library.get(source.block_id) if library is not None else None

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


@dataclass(frozen=True)
class BehindDeck:
    """A deck that shows an older version of a block: which slide, and whether someone has
    edited the deck since deckgen built it (then a rebuild would lose those edits)."""

    path: Path
    slide: int
    edited: bool


@dataclass(frozen=True)
class BlockTodo:
    """One block whose decks are behind the library: what to do about it, for the to-do list
    of `deckgen provenance --outdated`."""

    block_id: str
    file: str
    """The block's file as the decks record it."""
    location: Location | None
    """Where the block is written now; None if it is gone (or written in a deck file)."""
    gone: bool
    decks: tuple[BehindDeck, ...]
    new_text: tuple[str, ...] = ()
    """Text the block holds now that its decks do not show (what changed, as far as the
    decks tell; text with variables left out)."""


def todo_by_block(found: list[OutdatedDeck], project: Path | None = None) -> list[BlockTodo]:
    """The outdated decks as a to-do list: one entry per block that changed or went, with the
    decks that show its older version (edited ones marked) and what its text says now."""
    root = project.resolve() if project is not None else project_root(Path.cwd() / "deck.yaml")
    versions = BlockVersions(root)
    edited: dict[Path, bool] = {}
    by_block: dict[tuple[str, str], list[tuple[OutdatedDeck, OutdatedSlide]]] = {}
    for deck in found:
        if deck.path not in edited:
            edited[deck.path] = unedited_record(deck.path) is None
        for slide in deck.slides:
            by_block.setdefault((slide.source.block_id, slide.source.file), []).append(
                (deck, slide)
            )
    todos = []
    for (block_id, file), shown in by_block.items():
        entry = versions.entry(shown[0][1].source)
        gone = not shown[0][1].version
        behind = tuple(
            BehindDeck(deck.path, slide.number, edited[deck.path]) for deck, slide in shown
        )
        new_text: tuple[str, ...] = ()
        if entry is not None:
            sample = next((d for d in behind if not d.edited), None)
            if sample is not None:
                new_text = _new_text(entry.raw, sample)
        todos.append(
            BlockTodo(
                block_id,
                file,
                entry.location if entry is not None else None,
                gone,
                behind,
                new_text,
            )
        )
    return todos


_SHOWN_FIELDS_SKIPPED = frozenset({"id", "kind", "tags", "author", "status", "file", "notes"})
_TEXT = re.compile(r"<a:t(?:\s[^>]*)?>([^<]*)</a:t>")
_BREAK = re.compile(r"<a:br\b[^>]*/>")


def _new_text(raw: Any, deck: BehindDeck, most: int = 3) -> tuple[str, ...]:
    """Up to `most` texts of the block `raw` that the slide of `deck` does not show."""
    try:
        slides = read_slide_file(deck.path)
        part = slides.slides[deck.slide - 1].part
        with slides.package.zip() as archive:
            xml = archive.read(part).decode("utf-8", "replace")
    except (DeckgenError, IndexError, KeyError, OSError):
        return ()
    import html

    # A paragraph's runs are one text (emphasis splits them anywhere); a line break is a space.
    paragraphs = _BREAK.sub("<a:t> </a:t>", xml).split("</a:p>")
    shown = " ".join("".join(_TEXT.findall(paragraph)) for paragraph in paragraphs)
    shown = " ".join(html.unescape(shown).split())
    texts = [
        text for text in _texts(raw) if "{{" not in text and " ".join(text.split()) not in shown
    ]
    return tuple(texts[:most])


def _texts(value: Any, field: str = "") -> list[str]:
    if isinstance(value, str):
        return [] if field in _SHOWN_FIELDS_SKIPPED or not value.strip() else [value.strip()]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item, field)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in _texts(item, str(key))]
    return []


def todo_by_file(found: list[OutdatedDeck]) -> list[tuple[str, tuple[BehindDeck, ...]]]:
    """The files decks carry as they were (a picture, a reused slide) that have changed since,
    each with the decks that show it (slide 0: the deck as a whole), edited ones marked."""
    by_file: dict[str, list[BehindDeck]] = {}
    for deck in found:
        edited = unedited_record(deck.path) is None if deck.files else False
        for file in deck.files:
            by_file.setdefault(file, []).append(BehindDeck(deck.path, 0, edited))
    return [(file, tuple(decks)) for file, decks in by_file.items()]
