"""Where each block of a library is used: the decks that show it, the director profiles that
add it, and the visits made with it (the deck files `deckgen new` and the web page keep in
`visits/`). Communication asks this before changing or retiring a block.

Deck files are read as YAML only, not composed: a deck with a mistake still says which blocks
it shows, and reading a few hundred visits stays quick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, Location
from deckgen.files import is_deck_file
from deckgen.i18n import N_, _, ngettext
from deckgen.library import block_files
from deckgen.project import VISIT_FOLDER
from deckgen.source import read_yaml

DECK, PROFILE, VISIT = "deck", "profile", "visit"
"""What uses a block: a deck file, a director's profile, a visit's deck file."""
_PROFILE_FIELDS = {"signature": N_("signature"), "blocks": N_("own slides")}


@dataclass(frozen=True)
class Use:
    """One place that shows a block: where it is written, and what it is in words."""

    what: str
    """`deck`, `profile` or `visit`."""
    location: Location
    label: str
    """The place in words: `deck omu-dialogmoede.yaml, slide 4`, `Mette Holm: signature`."""

    def __str__(self) -> str:
        return f"{self.label} ({self.location})"


@dataclass
class Usage:
    """Every use of every block of one library, by block id."""

    uses: dict[str, list[Use]]

    def of(self, block_id: str, *kinds: str) -> list[Use]:
        """The uses of `block_id` (of the kinds `kinds`, or all)."""
        return [use for use in self.uses.get(block_id, []) if not kinds or use.what in kinds]

    def summary(self, block_id: str) -> str:
        """The uses of `block_id` in a line: `2 decks, 1 profile, 14 visits`, or `not used`."""
        decks, profiles, visits = (len(self.of(block_id, what)) for what in (DECK, PROFILE, VISIT))
        parts = [
            ngettext("{count} deck", "{count} decks", decks).format(count=decks) if decks else "",
            ngettext("{count} director profile", "{count} director profiles", profiles).format(
                count=profiles
            )
            if profiles
            else "",
            ngettext("{count} visit", "{count} visits", visits).format(count=visits)
            if visits
            else "",
        ]
        return ", ".join(part for part in parts if part) or _("not used")


def block_usage(decks: Path, library: Path, profiles: Any = None) -> Usage:
    """Where the blocks of the library folder `library` are used by the deck files under the
    folder `decks` (visits among them: those in a `visits/` folder) and by `profiles` (a
    `deckgen.tour.profiles.Profiles`, or None)."""
    uses: dict[str, list[Use]] = {}
    target = _resolved(library)
    for path in _yaml_files(decks):
        if _resolved(path.parent) == target or not is_deck_file(path):
            continue
        try:
            doc = read_yaml(path)
        except DeckgenError:
            continue
        data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        meta = data.get("deck")
        library_field = meta.get("library") if isinstance(meta, dict) else None
        folder = path.parent / str(library_field or "blocks")
        if _resolved(folder) != target:
            continue
        visit = VISIT_FOLDER in path.relative_to(decks).parts[:-1]
        what = VISIT if visit else DECK
        text = N_("visit {name}, slide {number}") if visit else N_("deck {name}, slide {number}")
        slides = data.get("slides")
        for index, entry in enumerate(slides if isinstance(slides, list) else []):
            block_id = _shown_id(entry)
            if block_id:
                label = _(text).format(name=path.name, number=index + 1)
                uses.setdefault(block_id, []).append(
                    Use(what, doc.locate(("slides", index)), label)
                )
    if profiles is not None:
        for profile in profiles.directors.values():
            for field, words in _PROFILE_FIELDS.items():
                for index, block_id in enumerate(getattr(profile, field)):
                    label = _("director {name}: {field}").format(name=profile.name, field=_(words))
                    location = profiles.locate(profile, field, index)
                    uses.setdefault(block_id, []).append(Use(PROFILE, location, label))
    return Usage(uses)


def _shown_id(entry: Any) -> str:
    """The library block a deck's slide entry shows; empty for a block written in place."""
    if isinstance(entry, str):
        return entry.strip()
    if isinstance(entry, dict) and isinstance(entry.get("use"), str):
        return str(entry["use"]).strip()
    return ""


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return block_files(folder) if folder.is_dir() else []
    except DeckgenError:
        return []


def _resolved(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def shown_places(uses: list[Use], most: int = 5) -> str:
    """Up to `most` of `uses` in a line, and how many more."""
    shown = "; ".join(str(use) for use in uses[:most])
    rest = len(uses) - most
    return shown + (_(" and {count} more").format(count=rest) if rest > 0 else "")


def project_usage(library: Path) -> Usage:
    """Where the blocks of the library folder `library` are used in its project: the deck
    files under the project's `decks/`, and its director profiles if they read."""
    from deckgen.project import DEFAULT_PROFILES, project_root
    from deckgen.tour.profiles import load_profiles

    root = project_root(library / "blocks.yaml")
    try:
        profiles = load_profiles(root / DEFAULT_PROFILES)
    except DeckgenError:
        profiles = None  # not there, or with errors: `deckgen validate` says which
    return block_usage(root / "decks", library, profiles)
