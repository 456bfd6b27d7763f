"""Turn a visit (a schedule row) into the deck for it: the director's slides, tailored.

A visit's deck starts from the director's deck file (the profile file's `deck:`, or the
director's own), takes the director's own selection of slides if the profile has one, adds
the director's signature blocks and the visit's extra blocks before the closing slides,
leaves out the dropped blocks, puts the local example into the dialogue slide, and sets the
variables `omu`, `dato`, `sted`, `direktør` and `direktør_titel`. The result is the data of a
deck file; `deckgen new` writes it out, `deckgen tour` composes it in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, InvalidInput, Location, Problem, display_path
from deckgen.filenames import deck_stem
from deckgen.library import BlockLibrary, load_library
from deckgen.profiles import DirectorProfile, Profiles
from deckgen.schedule import Visit
from deckgen.source import YamlDoc, read_yaml

CLOSING_KINDS = frozenset({"closing", "call_to_action"})
"""Slides of these kinds end a deck; added blocks go before them (added ones of these kinds
go last)."""
LOCAL_EXAMPLE_KIND = "situations"
LOCAL_EXAMPLE_FIELD = "local_example"


@dataclass(frozen=True)
class PlannedVisit:
    """A visit ready to build: where its deck goes and the deck's data."""

    visit: Visit
    director: DirectorProfile
    deck_path: Path
    """The director's deck file; the visit's deck is composed as if it were this file."""
    library_folder: Path
    data: dict[str, Any]
    """The visit's deck, as a deck file would hold it: `deck`, `variables`, `slides`."""
    stem: str
    """The file name, without `.pptx` (made unique across the tour by the caller)."""


class RowDoc(YamlDoc):
    """A deck made in memory for a schedule row: every location in it is that row."""

    def __init__(self, path: Path, data: Any, row: Location) -> None:
        super().__init__(path, data)
        self.row = row

    def locate(self, path: Any, *, skip_tags: bool = False) -> Location:
        return self.row


class DeckSources:
    """The deck files and block libraries visits start from, each read once."""

    def __init__(self) -> None:
        self._decks: dict[Path, YamlDoc] = {}
        self._libraries: dict[Path, BlockLibrary] = {}

    def deck(self, path: Path) -> YamlDoc:
        """The parsed deck file at `path`."""
        key = path.resolve()
        if key not in self._decks:
            doc = read_yaml(path)
            if not isinstance(doc.data, dict) or not isinstance(doc.data.get("slides"), list):
                raise DeckgenError(
                    "a deck file must be a mapping with `deck:` and `slides:`",
                    Location(path, 1, 1),
                    "point the profile's `deck:` at a deck file",
                )
            self._decks[key] = doc
        return self._decks[key]

    def library_folder(self, deck_path: Path) -> Path:
        """The block library the deck at `deck_path` uses."""
        meta = self.deck(deck_path).data.get("deck")
        name = meta.get("library") if isinstance(meta, dict) else None
        return deck_path.parent / (name or "blocks")

    def library(self, folder: Path) -> BlockLibrary:
        """The block library in `folder`, read once and kept."""
        key = folder.resolve()
        if key not in self._libraries:
            self._libraries[key] = load_library(folder, strict=False)
        return self._libraries[key]


def plan_visit(visit: Visit, profiles: Profiles, sources: DeckSources) -> PlannedVisit:
    """The deck for `visit`; raises `InvalidInput` with every problem of the row, located there."""
    profile = profiles.find(visit.director)
    if profile is None:
        raise InvalidInput(
            [
                Problem(
                    visit.row,
                    f"unknown director {visit.director!r}",
                    profiles.unknown_hint(visit.director),
                )
            ]
        )
    deck_path = profiles.deck_path(profile)
    doc = sources.deck(deck_path)
    folder = sources.library_folder(deck_path)
    library = sources.library(folder)
    problems: list[Problem] = []
    slides = _slides(visit, profile, profiles, doc, library, problems)
    if problems:
        raise InvalidInput(problems)
    variables = dict(doc.data.get("variables") or {})
    given = {
        "omu": visit.committee,
        "dato": visit.date,
        "sted": visit.place,
        "direktør": profile.name,
        "direktør_titel": profile.title,
    }
    variables.update({name: value for name, value in given.items() if value})
    variables.update(profile.variables)
    data = {"deck": doc.data.get("deck"), "variables": variables, "slides": slides}
    stem = deck_stem(visit.date, profile.id, visit.committee)
    return PlannedVisit(visit, profile, deck_path, folder, data, stem)


def _slides(
    visit: Visit,
    profile: DirectorProfile,
    profiles: Profiles,
    doc: YamlDoc,
    library: BlockLibrary,
    problems: list[Problem],
) -> list[Any]:
    where = display_path(library.folder)
    for field in ("blocks", "signature"):
        for index, block_id in enumerate(getattr(profile, field)):
            if library.get(block_id) is None:
                problems.append(
                    Problem(
                        profiles.locate(profile, field, index),
                        f"director {profile.id!r}: no block with id {block_id!r} in {where}",
                        library.unknown_id_hint(block_id),
                    )
                )
    for label, ids in (("tilføj", visit.extra), ("fjern", visit.drop)):
        for block_id in ids:
            if library.get(block_id) is None:
                problems.append(
                    Problem(
                        visit.row,
                        f"{label}: no block with id {block_id!r} in {where}",
                        library.unknown_id_hint(block_id),
                    )
                )
    if problems:
        return []
    slides: list[Any] = list(profile.blocks) if profile.blocks else list(doc.data["slides"])
    present = [*(_entry_id(entry) for entry in slides), *profile.signature]
    for block_id in visit.drop:
        if block_id not in present:
            problems.append(
                Problem(
                    visit.row,
                    f"fjern: {block_id!r} is not in {profile.name}'s deck",
                    "`deckgen blocks` lists the library; check the deck's slides",
                )
            )
    slides = [entry for entry in slides if _entry_id(entry) not in visit.drop]
    added = [
        block_id
        for block_id in dict.fromkeys((*profile.signature, *visit.extra))
        if block_id not in {_entry_id(entry) for entry in slides} and block_id not in visit.drop
    ]
    end = len(slides)
    while end > 0 and _entry_kind(slides[end - 1], library) in CLOSING_KINDS:
        end -= 1
    # Added closing slides (a thank-you) end the deck; everything else goes before the close.
    closing = [block_id for block_id in added if _entry_kind(block_id, library) in CLOSING_KINDS]
    slides[end:end] = [block_id for block_id in added if block_id not in closing]
    slides.extend(closing)
    if visit.local_example:
        _set_local_example(slides, visit, library, problems)
    return slides


def _set_local_example(
    slides: list[Any], visit: Visit, library: BlockLibrary, problems: list[Problem]
) -> None:
    for index, entry in enumerate(slides):
        if _entry_kind(entry, library) != LOCAL_EXAMPLE_KIND:
            continue
        if isinstance(entry, str):
            slides[index] = {"use": entry, LOCAL_EXAMPLE_FIELD: visit.local_example}
        else:
            slides[index] = {**entry, LOCAL_EXAMPLE_FIELD: visit.local_example}
        return
    problems.append(
        Problem(
            visit.row,
            "lokalt eksempel: the deck has no dialogue slide with situations to put it on",
            f"add a block of kind `{LOCAL_EXAMPLE_KIND}` (e.g. dialog-situationer) to the visit",
        )
    )


def _entry_id(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        return str(entry.get("use") or entry.get("id") or "")
    return ""


def _entry_kind(entry: Any, library: BlockLibrary) -> str:
    if isinstance(entry, dict) and "use" not in entry:
        return str(entry.get("kind", ""))
    found = library.get(_entry_id(entry))
    return str(getattr(found.block, "kind", "")) if found else ""
