"""Open a deck for checking: a deck file is composed and drawn in memory, a .pptx is read as is.

Either way the checks get the .pptx bytes, the presentation as python-pptx reads it, the
theme, and for each slide the block it shows and the file and line the block is written at.
For a .pptx that deckgen built, the blocks are found again by composing the deck file named
in its properties and comparing the fingerprint it carries; a deck that has changed since, or
a .pptx from elsewhere, is reported by slide number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from deckgen.check.slides import SlideView, read_slides
from deckgen.compose import ComposedDeck, compose_deck
from deckgen.errors import DeckgenError, Location, Problem
from deckgen.output import IDENTIFIER_PREFIX
from deckgen.source import read_yaml
from deckgen.theme import Theme, load_theme

PPTX_SUFFIXES = frozenset({".pptx", ".potx"})
_BUILT_FROM = re.compile(r"fra (?P<name>[^/\\]+\.ya?ml)$")


@dataclass(frozen=True)
class SlideSource:
    """The block a slide shows and where it is written."""

    block_id: str
    kind: str
    location: Location


@dataclass
class CheckedDeck:
    """A deck under check: its bytes, the opened presentation, its theme, and its sources."""

    path: Path
    data: bytes
    theme: Theme
    prs: Any | None
    """The presentation as python-pptx reads it; None if it cannot be opened."""
    open_error: str = ""
    sources: list[SlideSource] | None = None
    build_warnings: list[Problem] = field(default_factory=list)
    note: str = ""
    """Anything the report should say about the deck as a whole (e.g. no block locations)."""

    @property
    def location(self) -> Location:
        return Location(self.path)

    @cached_property
    def slides(self) -> list[SlideView]:
        """Every slide, read for checking."""
        return read_slides(self.prs) if self.prs is not None else []

    def source_of(self, slide: int | None) -> SlideSource | None:
        """The block that slide number `slide` (from 1) shows, if known."""
        if slide is None or self.sources is None or not 0 < slide <= len(self.sources):
            return None
        return self.sources[slide - 1]


def open_deck(
    path: Path,
    variables: Mapping[str, str] | None = None,
    theme_path: Path | None = None,
) -> CheckedDeck:
    """Open a deck file (composed and drawn in memory) or a built .pptx for checking.

    Raises `DeckgenError` for a deck file with errors (as `build` would) or a missing file.
    """
    if not path.exists():
        raise DeckgenError("file not found", Location(path), "check the path")
    if path.suffix.lower() in PPTX_SUFFIXES:
        return _open_pptx(path, variables, theme_path)
    from deckgen.api import render_composed

    deck = compose_deck(path, variables, require_values=False)
    theme = load_theme(theme_path or deck.theme_path)
    data, warnings = render_composed(deck, theme)
    checked = CheckedDeck(path, data, theme, *_reopen(data))
    checked.sources = _sources(deck)
    checked.build_warnings = warnings
    return checked


def _open_pptx(
    path: Path, variables: Mapping[str, str] | None, theme_path: Path | None
) -> CheckedDeck:
    data = path.read_bytes()
    prs, error = _reopen(data)
    checked = CheckedDeck(path, data, load_theme(theme_path), prs, error)
    if prs is not None:
        checked.sources, checked.note = _find_sources(path, prs, variables)
    return checked


def _reopen(data: bytes) -> tuple[Any | None, str]:
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data)), ""
    except Exception as exc:  # any way of failing to open is itself the finding to report
        return None, f"{type(exc).__name__}: {exc}"


def _sources(deck: ComposedDeck) -> list[SlideSource]:
    return [
        SlideSource(slide.block.id, str(getattr(slide.block, "kind", "")), slide.location)
        for slide in deck.slides
    ]


def _find_sources(
    path: Path, prs: Any, variables: Mapping[str, str] | None
) -> tuple[list[SlideSource] | None, str]:
    """Blocks of a deckgen-built .pptx: from the provenance record it carries, or else by
    composing the deck file its properties name and comparing fingerprints."""
    from deckgen.provenance import read_provenance

    record = read_provenance(path)
    if record is not None and len(record.slides) == len(prs.slides):
        root = next(
            (
                base
                for base in (Path.cwd(), *path.resolve().parents)
                if (base / record.deck).is_file()
            ),
            None,
        )
        return [_recorded_source(root, s.block_id, s.file) for s in record.slides], ""
    props = prs.core_properties
    if not (props.identifier or "").startswith(IDENTIFIER_PREFIX):
        return None, "not built by deckgen: findings are reported by slide number"
    match = _BUILT_FROM.search(props.comments or "")
    fingerprint = props.identifier[len(IDENTIFIER_PREFIX) :]
    if match is not None:
        name = match.group("name")
        candidates = [Path("decks") / name, path.parent / name, path.parent.parent / "decks" / name]
        for candidate in dict.fromkeys(c.resolve() for c in candidates):
            if not candidate.is_file():
                continue
            try:
                deck = compose_deck(candidate, variables)
            except DeckgenError:
                continue
            if deck.fingerprint() == fingerprint and len(deck.slides) == len(prs.slides):
                return _sources(deck), ""
    return None, (
        "the deck file that built it was not found unchanged (pass the same --set values): "
        "findings are reported by slide number"
    )


def _recorded_source(root: Path | None, block_id: str, file: str) -> SlideSource:
    """A slide's block as the provenance names it, located in its file when it is there."""
    if root is None or not (root / file).is_file():
        return SlideSource(block_id, "", Location(Path(file)))
    path = root / file
    try:
        doc = read_yaml(path)
    except DeckgenError:
        return SlideSource(block_id, "", Location(path))
    data = doc.data if isinstance(doc.data, dict) else {}
    for key in ("blocks", "slides"):
        for index, raw in enumerate(data.get(key) or []):
            if isinstance(raw, dict) and raw.get("id") == block_id:
                return SlideSource(block_id, str(raw.get("kind", "")), doc.locate((key, index)))
    return SlideSource(block_id, "", Location(path))
