"""Open a deck for checking: a deck file is composed and drawn in memory, a .pptx is read as is.

Either way the checks get the .pptx bytes, the presentation as python-pptx reads it, the
theme, and for each slide the block it shows and the file and line the block is written at.
For a .pptx that deckgen built, the blocks are those its provenance record names, trusted
only while the deck is as deckgen wrote it (its content hash still matches): a deck edited
since (slides moved, added or removed), or a .pptx from elsewhere, is reported by slide
number, with a note saying so.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from deckgen.build import Builder, Rendered
from deckgen.check.slides import SlideView, read_slides
from deckgen.compose import ComposedDeck
from deckgen.errors import DeckgenError, Location
from deckgen.i18n import N_, _
from deckgen.ooxml import PRESENTATION_SUFFIXES, Hazard, Package, inspect_package, read_package
from deckgen.output import Existing, classify_package
from deckgen.project import project_root
from deckgen.provenance import Provenance, read_custom_properties, read_provenance
from deckgen.regular import NotRegular, check_regular
from deckgen.source import read_yaml
from deckgen.theme import Theme

PPTX_SUFFIXES = PRESENTATION_SUFFIXES
NOT_DECKGEN = N_("not built by deckgen: findings are reported by slide number")
EDITED = N_(
    "edited since deckgen built it, so its slides may no longer be the blocks it records: "
    "findings are reported by slide number"
)


_READING_FAULTS = (
    ValueError, TypeError, KeyError, AttributeError, IndexError, ZeroDivisionError, OverflowError
)  # fmt: skip
"""How python-pptx, and the check's own reading of numbers, fail on XML the schema forbids."""


@dataclass(frozen=True)
class SlideBlock:
    """The block a slide shows and where it is written (file:line when known)."""

    block_id: str
    location: Location


@dataclass
class CheckedDeck:
    """A deck under check: its bytes, the opened presentation, its theme, and its sources."""

    path: Path
    data: bytes
    theme: Theme
    prs: Any
    """The presentation as python-pptx reads it; None if it cannot be opened (then no check
    that reads it runs)."""
    open_error: str = ""
    package: Package | None = None
    """What `deckgen.ooxml` found reading the .pptx (hazards, the widest run of elements)."""
    sources: list[SlideBlock] | None = None
    note: str = ""
    """Anything the report should say about the deck as a whole (e.g. no block locations)."""
    no_footer: bool = False
    """The deck file leaves the footer empty (`footer: ''`, or a theme footer whose variables
    it does not set, which composing warns of once): its slides are without one by choice,
    not by a slip on each slide."""

    @property
    def hazards(self) -> list[Hazard]:
        """What must not be passed on in the package: macros, controls, external links, …"""
        return self.package.hazards if self.package is not None else []

    @property
    def location(self) -> Location:
        return Location(self.path)

    @property
    def slides(self) -> list[SlideView]:
        """Every slide, read for checking (none if they cannot be read: `unreadable`)."""
        return self._read[0]

    @property
    def unreadable(self) -> bool:
        """Whether the slides hold a value the schema forbids where a number goes
        (`sz="--2000"`, `x="abc"`), so that they cannot be read for checking."""
        return self._read[1]

    @cached_property
    def _read(self) -> tuple[list[SlideView], bool]:
        if self.prs is None:
            return [], False
        try:
            return read_slides(self.prs), False
        except _READING_FAULTS:  # a deck from anywhere: `check` stopped with a traceback
            return [], True

    def source_of(self, slide: int | None) -> SlideBlock | None:
        """The block that slide number `slide` (from 1) shows, if known."""
        if slide is None or self.sources is None or not 0 < slide <= len(self.sources):
            return None
        return self.sources[slide - 1]


def open_deck(
    path: Path,
    variables: Mapping[str, str] | None = None,
    theme_path: Path | None = None,
    builder: Builder | None = None,
) -> CheckedDeck:
    """Open a deck file (composed and drawn in memory) or a built .pptx for checking.

    `theme_path` checks against that theme instead of the deck's own; `builder` is the
    pipeline to build with (made here if not given). Raises `DeckgenError` for a deck file
    with errors (as `build` would) or a missing file.
    """
    builder = builder or Builder(theme=theme_path)
    if not path.exists():
        if os.path.lexists(path):  # a link to nothing, or round in a loop: say which
            try:
                check_regular(path)
            except NotRegular as exc:
                raise DeckgenError(exc.message, Location(path), exc.hint) from None
            except OSError:
                pass  # a link to nothing: not found, as said below
        raise DeckgenError(_("file not found"), Location(path), _("check the path"))
    if path.suffix.lower() in PPTX_SUFFIXES:
        if theme_path is not None:
            checked = _open_pptx(path, builder.theme())
        else:
            checked = _open_pptx(path, *_built_theme(path, builder))
        checked.no_footer = _footer_left_empty(path)
        return checked
    return checked_drawing(
        path, builder.render(builder.compose(path, variables, require_values=False))
    )


def checked_drawing(path: Path, drawn: Rendered) -> CheckedDeck:
    """A deck drawn in memory (from the deck file at `path`), opened for checking."""
    package = inspect_package(drawn.data, path)
    checked = CheckedDeck(path, drawn.data, drawn.theme, *_reopen(drawn.data), package)
    checked.sources = _sources(drawn.deck)
    checked.no_footer = drawn.deck.footer == ""
    return checked


def _open_pptx(path: Path, theme: Theme, theme_note: str = "") -> CheckedDeck:
    package = read_package(path)  # a file from anywhere: refused unless safe to read
    prs, error = _reopen(package.data)
    checked = CheckedDeck(path, package.data, theme, prs, error, package)
    if prs is not None:
        checked.sources, checked.note = _find_sources(path, package, len(prs.slides))
    checked.note = "; ".join(note for note in (checked.note, theme_note) if note)
    return checked


def _built_theme(path: Path, builder: Builder) -> tuple[Theme, str]:
    """The theme a .pptx was built in: the one its deck file names, found through the deck's
    provenance record; else the default theme, with a note saying why."""
    record = read_provenance(path)
    if record is None:
        return builder.theme(), ""
    # The record is untrusted like the rest of the file: its deck is only looked for inside
    # the project, as `_find_sources` looks for its blocks.
    # The project the .pptx lies in first: the current folder may be another project, with a
    # deck file of the same name (a .pptx built with -o outside its project has only that).
    roots = (project_root(path), Path.cwd().resolve())
    deck = next((found for base in roots if (found := _inside(base, record.deck))), None)
    fallback = _("judged against the default theme")
    if deck is None:
        return builder.theme(), _("its deck file {deck} is not here: {fallback}").format(
            deck=record.deck, fallback=fallback
        )
    try:
        meta = read_yaml(deck).data.get("deck") or {}
        named = meta.get("theme") if isinstance(meta, dict) else None
        return builder.theme(deck.parent / named if isinstance(named, str) else None), ""
    except (DeckgenError, AttributeError):
        return (
            builder.theme(),
            _("the theme its deck file {deck} names cannot be read: {fallback}").format(
                deck=record.deck, fallback=fallback
            ),
        )


def _footer_left_empty(path: Path) -> bool:
    """Whether the deck file a .pptx was built from (found through its record, inside the
    project) says `footer: ''`."""
    record = read_provenance(path)
    if record is None:
        return False
    roots = (project_root(path), Path.cwd().resolve())
    deck = next((found for base in roots if (found := _inside(base, record.deck))), None)
    if deck is None:
        return False
    try:
        meta = read_yaml(deck).data.get("deck") or {}
    except (DeckgenError, AttributeError):
        return False
    return isinstance(meta, dict) and meta.get("footer") == ""


def _reopen(data: bytes) -> tuple[Any | None, str]:
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data)), ""
    except Exception as exc:  # any way of failing to open is itself the finding to report
        # python-pptx names the file it was given: here a buffer, which says nothing.
        text = re.sub(r"file '<_io\.BytesIO object at 0x[0-9a-f]+>' ", "", str(exc))
        return None, f"{type(exc).__name__}: {text}"


def _sources(deck: ComposedDeck) -> list[SlideBlock]:
    return [SlideBlock(slide.block.id, slide.location) for slide in deck.slides]


def _find_sources(path: Path, package: Package, slides: int) -> tuple[list[SlideBlock] | None, str]:
    """The blocks of a .pptx with `slides` slides, from the provenance record it carries, and
    a note for the report; None (by slide number) unless the deck is as deckgen wrote it.

    Anyone can write a record (its hashes are plain SHA-256), so the files it names are only
    looked at inside the project: the project the .pptx lies in, or the current folder."""
    with package.zip() as archive:
        record = Provenance.from_properties(read_custom_properties(archive))
        if record is None:
            return None, _(NOT_DECKGEN)
        if classify_package(archive) is not Existing.UNEDITED or len(record.slides) != slides:
            return None, _(EDITED)
    roots = (project_root(path), Path.cwd().resolve())
    root = next((base for base in roots if _inside(base, record.deck) is not None), None)
    return [_recorded_source(root, s.block_id, s.file, path) for s in record.slides], ""


def _inside(root: Path, recorded: str) -> Path | None:
    """The YAML file `recorded` (a path from a provenance record) names below `root`; None if
    it names anything else: a path out of `root` (`..`, absolute, a symlink out), not YAML."""
    if not _plain(recorded):
        return None
    path = root / recorded
    try:
        if not path.resolve().is_relative_to(root) or not path.is_file():
            return None
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return None
    return path


def _plain(recorded: str) -> bool:
    """Whether `recorded` is a relative path to a YAML file that stays where it starts."""
    if not recorded or any(char in recorded for char in "\\:\0") or recorded.startswith("/"):
        return False
    relative = Path(recorded)
    return ".." not in relative.parts and relative.suffix.lower() in (".yaml", ".yml")


def _recorded_source(root: Path | None, block_id: str, file: str, deck: Path) -> SlideBlock:
    """A slide's block as the provenance names it, located in its file when it is there; at
    the .pptx itself when the record names a file that is not a project's YAML file."""
    path = _inside(root, file) if root is not None else None
    if path is None:
        return SlideBlock(block_id, Location(Path(file) if _plain(file) else deck))
    try:
        doc = read_yaml(path)
    except DeckgenError:
        return SlideBlock(block_id, Location(path))
    data = doc.data if isinstance(doc.data, dict) else {}
    for key in ("blocks", "slides"):
        for index, raw in enumerate(data.get(key) or []):
            if isinstance(raw, dict) and raw.get("id") == block_id:
                return SlideBlock(block_id, doc.locate((key, index)))
    return SlideBlock(block_id, Location(path))
