"""Turn a visit (a schedule row) into the deck for it: the director's slides, tailored.

A visit's deck starts from the director's deck file (the profile file's `deck:`, or the
director's own), takes the director's own selection of slides if the profile has one, adds
the director's signature blocks and the visit's extra blocks before the closing slides,
leaves out the dropped blocks, puts the local example into the dialogue slide, and sets the
variables `omu`, `dato`, `sted`, `direktør` and `direktør_titel`. The result is the data of a
deck file; `deckgen new` writes it out (into `visits/` beside the director's deck),
`deckgen tour` composes it in memory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from deckgen.compose import library_folder, read_deck
from deckgen.errors import InvalidInput, Location, Problem, closest, display_path, printable
from deckgen.i18n import _
from deckgen.library import BlockLibrary, LibraryCache
from deckgen.project import VISIT_FOLDER
from deckgen.source import YamlDoc, read_yaml, write_yaml
from deckgen.tour.filenames import deck_stem
from deckgen.tour.profiles import DirectorProfile, Profiles
from deckgen.tour.schedule import Visit, column_cell
from deckgen.tour.tailor import (
    CLOSING_KINDS,
    closing_start,
    entry_id,
    entry_kind,
    place_on_cover,
    signed,
)
from deckgen.wording import shown

_ID_LIKE = re.compile(r"[a-z0-9_-]+")
"""How a block id looks (lower-case letters, digits, '-' and '_'), unlike a title."""
LOCAL_EXAMPLE_KIND = "situations"
LOCAL_EXAMPLE_FIELD = "local_example"
LOCAL_EXAMPLE_VARIABLE = "lokalt_eksempel"
LOCAL_EXAMPLE_TEXT = "{{ lokalt_eksempel }}"
"""The row's local example reaches its slide as a variable's value, which is never filled in
again: her text is shown as she wrote it, `{{ … }}` and all."""


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
    origins: tuple[int | None, ...] = ()
    """Per slide of `data`, its position in the director's deck file; None if the visit or
    the profile put it there."""
    row_variables: frozenset[str] = frozenset()
    """The variables the row or the profile set (the rest are the deck file's)."""


class RowDoc(YamlDoc):
    """A visit's deck made in memory, located where each part of it was written.

    What the row (or the director's profile) put in is located at the row; what comes from
    the director's deck file, at its line there, so that a mistake in the deck file is
    reported where it can be fixed.
    """

    def __init__(self, planned: PlannedVisit, deck: YamlDoc) -> None:
        super().__init__(planned.deck_path, planned.data)
        self.row = planned.visit.row
        self.deck = deck
        self.origins = planned.origins
        self.row_variables = planned.row_variables

    def locate(self, path: Iterable[str | int]) -> Location:
        key = tuple(path)
        if key[:1] == ("slides",) and len(key) > 1 and isinstance(key[1], int):
            origin = self.origins[key[1]] if key[1] < len(self.origins) else None
            if origin is None or LOCAL_EXAMPLE_FIELD in key[2:]:
                return self.row
            return self.deck.locate(("slides", origin, *key[2:]))
        if key[:1] == ("variables",) and len(key) > 1 and key[1] in self.row_variables:
            return self.row
        return self.deck.locate(key)


class DeckSources:
    """The deck files and block libraries visits start from, each read once."""

    def __init__(self, libraries: LibraryCache | None = None) -> None:
        """`libraries` is a cache of libraries by resolved folder to share (a `Builder`'s)."""
        self._decks: dict[Path, YamlDoc] = {}
        self._folders: dict[Path, Path] = {}
        self._libraries = LibraryCache() if libraries is None else libraries

    def deck(self, path: Path) -> YamlDoc:
        """The parsed deck file at `path`."""
        key = path.resolve()
        if key not in self._decks:
            doc = read_yaml(path)
            doc.mapping(
                _("a deck file must be a mapping with `deck:` and `slides:`"),
                _("point the profile's `deck:` at a deck file"),
                list_key="slides",
            )
            self._decks[key] = doc
        return self._decks[key]

    def library_folder(self, deck_path: Path) -> Path:
        """The block library the deck at `deck_path` uses; raises if the deck's head is wrong."""
        key = deck_path.resolve()
        if key not in self._folders:
            deck, *_ = read_deck(deck_path, self.deck(deck_path))
            self._folders[key] = library_folder(deck, deck_path, self.deck(deck_path))
        return self._folders[key]

    def copy(self, libraries: LibraryCache) -> DeckSources:
        """These deck files as read so far, over `libraries` (a copy of this one's, for
        another thread's `Builder`): nothing is read from disk again."""
        copied = DeckSources(libraries)
        copied._decks, copied._folders = dict(self._decks), dict(self._folders)
        return copied

    def libraries(self) -> list[BlockLibrary]:
        """The block libraries read so far."""
        return list(self._libraries.values())

    def library(self, folder: Path) -> BlockLibrary:
        """The block library in `folder`, read once and kept."""
        return self._libraries.library(folder)


def plan_visit(
    visit: Visit, profiles: Profiles, sources: DeckSources, *, new_committee: bool = False
) -> PlannedVisit:
    """The deck for `visit`; raises `InvalidInput` with every problem of the row, located there.

    With `new_committee`, a committee the register lacks is taken as written (she confirmed
    it is a new one) instead of being a problem."""
    profile = profiles.find(visit.director)
    committee = profiles.register.find(visit.committee)
    if committee is None and new_committee and visit.committee.strip():
        committee = " ".join(visit.committee.split())
    unknown = (
        [] if profile else [profiles.unknown(visit.director, column_cell(visit.row, "director"))]
    )
    if committee is None:
        unknown.append(
            profiles.register.unknown(visit.committee, column_cell(visit.row, "committee"))
        )
    if profile is None or committee is None:
        raise InvalidInput(unknown)
    visit = replace(visit, committee=committee)
    deck_path = profiles.deck_path(profile)
    doc = sources.deck(deck_path)
    folder = sources.library_folder(deck_path)
    library = sources.library(folder)
    problems: list[Problem] = []
    # `tilføj` and `fjern` may name slides by their titles: the visit keeps block ids.
    visit = replace(
        visit,
        extra=resolve_slides(visit.extra, library, column_cell(visit.row, "extra"), problems),
        drop=resolve_slides(visit.drop, library, column_cell(visit.row, "drop"), problems),
    )
    slides = _slides(visit, profile, profiles, doc, library, problems)
    if not problems:
        problems.extend(_drafts(slides, visit, profile, profiles, doc, library))
    if not problems:
        slides = [
            signed(entry, origin, profile, profiles, library, problems) for entry, origin in slides
        ]
    if visit.place and not problems:
        slides = place_on_cover(slides, library)
    if problems:
        raise InvalidInput(problems)
    given = {
        "omu": visit.committee,
        "dato": visit.date,
        "sted": visit.place,
        "direktør": profile.name,
        "direktør_titel": profile.title,
        LOCAL_EXAMPLE_VARIABLE: visit.local_example,
    }
    # The deck's values, then the director's, then the row's: the most particular wins.
    row_values = {**profile.variables, **{name: value for name, value in given.items() if value}}
    variables = {**(doc.data.get("variables") or {}), **row_values}
    data = {
        "deck": doc.data.get("deck"),
        "variables": variables,
        "slides": [entry for entry, _ in slides],
    }
    return PlannedVisit(
        visit,
        profile,
        deck_path,
        folder,
        data,
        visit_stem(visit, profiles),
        tuple(origin for _, origin in slides),
        frozenset(row_values),
    )


def _drafts(
    slides: list[tuple[Any, int | None]],
    visit: Visit,
    profile: DirectorProfile,
    profiles: Profiles,
    doc: YamlDoc,
    library: BlockLibrary,
) -> list[Problem]:
    """A draft (`status: kladde`) among a visit's slides, at the line that put it there: it
    is for communication's eyes only until it is released."""
    problems = []
    for entry, origin in slides:
        block_id = entry_id(entry)
        found = library.get(block_id) if not (isinstance(entry, dict) and "kind" in entry) else None
        if found is None or not found.block.draft:
            continue
        if origin is not None:
            where = doc.locate(("slides", origin))
        elif block_id in profile.signature or block_id in profile.blocks:
            field = "signature" if block_id in profile.signature else "blocks"
            where = profiles.locate(profile, field, getattr(profile, field).index(block_id))
        else:
            where = column_cell(visit.row, "extra")
        problems.append(
            Problem(
                where,
                _("block {id} is a draft (status: kladde): it is not ready for a visit").format(
                    id=repr(block_id)
                ),
                _("choose another block, or ask communication to release it"),
            )
        )
    return problems


def resolve_slides(
    items: tuple[str, ...], library: BlockLibrary, cell: Location, problems: list[Problem]
) -> tuple[str, ...]:
    """The block ids that `items` (a `tilføj` or `fjern` cell's parts) name: each a block id,
    a slide's title as the library shows it (case and spacing aside), or block ids separated
    by spaces. A title no slide has is a problem at `cell`, suggesting the nearest title."""
    if not items:
        return items
    titles: dict[str, list[str]] = {}
    for entry in library:
        heading = " ".join(str(entry.block.heading).split()).casefold()
        if heading:
            titles.setdefault(heading, []).append(entry.block.id)
    label = "tilføj" if cell.heading in ("extra", "tilføj") else "fjern"
    ids: list[str] = []
    for item in items:
        if library.get(item) is not None or library.problems_for(item):
            ids.append(item)
            continue
        found = titles.get(item.casefold(), [])
        if not found and _ID_LIKE.fullmatch(item):
            ids.append(item)  # an unknown id: said with the slides, with the nearest id
        elif len(found) == 1:
            ids.append(found[0])
        elif len(found) > 1:
            problems.append(
                Problem(
                    cell,
                    _("{label}: {count} slides are called {title}").format(
                        label=label, count=len(found), title=shown(item)
                    ),
                    _("write the block id instead: {ids}").format(ids=", ".join(found)),
                )
            )
        elif all(library.get(word) is not None for word in item.split()):
            ids.extend(item.split())  # block ids separated by spaces, as before titles
        else:
            near = closest(item.casefold(), titles)
            wanted = [library.get(titles[near][0])] if near is not None else []
            hint = (
                _("did you mean {name}?").format(name=shown(str(wanted[0].block.heading)))
                if wanted and wanted[0] is not None
                else _("the slides' titles are on the Biblioteket page and in `deckgen blocks`")
            )
            problems.append(
                Problem(
                    cell,
                    _("{label}: no slide is called {title}").format(label=label, title=shown(item)),
                    hint,
                )
            )
    return tuple(ids)


def visit_stem(visit: Visit, profiles: Profiles) -> str:
    """The file name (without `.pptx`) of `visit`'s deck, also for a row that cannot be built."""
    profile = profiles.find(visit.director)
    committee = profiles.register.find(visit.committee) or visit.committee
    return deck_stem(visit.date, profile.id if profile else visit.director, committee)


def _slides(
    visit: Visit,
    profile: DirectorProfile,
    profiles: Profiles,
    doc: YamlDoc,
    library: BlockLibrary,
    problems: list[Problem],
) -> list[tuple[Any, int | None]]:
    where = display_path(library.folder)
    for field in ("blocks", "signature"):
        for index, block_id in enumerate(getattr(profile, field)):
            if library.problems_for(block_id):
                problems.extend(library.problems_for(block_id))
            elif library.get(block_id) is None:
                problems.append(
                    Problem(
                        profiles.locate(profile, field, index),
                        _("director {id}: no block with id {block_id} in {where}").format(
                            id=repr(profile.id), block_id=repr(block_id), where=where
                        ),
                        library.unknown_id_hint(block_id),
                    )
                )
    for label, field, ids in (("tilføj", "extra", visit.extra), ("fjern", "drop", visit.drop)):
        for block_id in ids:
            if library.problems_for(block_id):
                problems.extend(library.problems_for(block_id))
            elif library.get(block_id) is None:
                problems.append(
                    Problem(
                        column_cell(visit.row, field),
                        _("{label}: no block with id {block_id} in {where}").format(
                            label=label, block_id=shown(block_id), where=where
                        ),
                        library.unknown_id_hint(block_id),
                    )
                )
    if problems:
        return []
    # Each slide with its position in the deck file (None: the profile or the row put it in).
    slides: list[tuple[Any, int | None]] = (
        [(entry, None) for entry in profile.blocks]
        if profile.blocks
        else list(zip(doc.data["slides"], range(len(doc.data["slides"])), strict=True))
    )
    present = [*(entry_id(entry) for entry, _ in slides), *profile.signature]
    for block_id in visit.drop:
        if block_id not in present:
            problems.append(
                Problem(
                    column_cell(visit.row, "drop"),
                    _("fjern: {block_id} is not in {name}'s deck").format(
                        block_id=repr(block_id), name=profile.name
                    ),
                    _("`deckgen blocks` lists the library; check the deck's slides"),
                )
            )
    slides = [slide for slide in slides if entry_id(slide[0]) not in visit.drop]
    added = [
        block_id
        for block_id in dict.fromkeys((*profile.signature, *visit.extra))
        if block_id not in {entry_id(entry) for entry, _ in slides} and block_id not in visit.drop
    ]
    end = closing_start([entry for entry, _ in slides], library)
    # Added closing slides (a thank-you) end the deck; everything else goes before the close.
    closing = [block_id for block_id in added if entry_kind(block_id, library) in CLOSING_KINDS]
    slides[end:end] = [(block_id, None) for block_id in added if block_id not in closing]
    slides.extend((block_id, None) for block_id in closing)
    if visit.local_example:
        _set_local_example(slides, visit, library, problems)
    return slides


def _set_local_example(
    slides: list[tuple[Any, int | None]],
    visit: Visit,
    library: BlockLibrary,
    problems: list[Problem],
) -> None:
    for index, (entry, origin) in enumerate(slides):
        if entry_kind(entry, library) != LOCAL_EXAMPLE_KIND:
            continue
        if isinstance(entry, str):
            slides[index] = ({"use": entry, LOCAL_EXAMPLE_FIELD: LOCAL_EXAMPLE_TEXT}, origin)
        else:
            slides[index] = ({**entry, LOCAL_EXAMPLE_FIELD: LOCAL_EXAMPLE_TEXT}, origin)
        return
    problems.append(
        Problem(
            column_cell(visit.row, "local_example"),
            _("lokalt eksempel: the deck has no dialogue slide with situations to put it on"),
            _(
                "add a block of kind `{LOCAL_EXAMPLE_KIND}` (e.g. dialog-situationer) to the visit"
            ).format(LOCAL_EXAMPLE_KIND=LOCAL_EXAMPLE_KIND),
        )
    )


def visit_deck_file(planned: PlannedVisit) -> tuple[Path, bytes]:
    """Where `deckgen new` writes `planned`'s deck file, and the file's text.

    The deck's theme and library are written relative to the new file, so it builds from
    where it is, as the director's deck does.
    """

    home = planned.deck_path.parent
    folder = home / VISIT_FOLDER
    meta = dict(planned.data.get("deck") or {})
    if meta.get("theme"):
        meta["theme"] = _relative(home / str(meta["theme"]), folder)
    meta["library"] = _relative(planned.library_folder, folder)
    data = {**planned.data, "deck": meta}
    head = (
        f"# yaml-language-server: $schema={_relative(home / 'schema/deck.schema.json', folder)}\n"
        # Names from the profiles and the row, on one line: a line break would end the comment.
        f"# {printable(planned.director.name)}s besøg hos {printable(planned.visit.committee)}, "
        "lavet med `deckgen new`.\n"
        "# Byg det igen med: deckgen build <denne fil>\n"
    )
    body = write_yaml(data)
    return folder / f"{planned.stem}.yaml", (head + body).encode("utf-8")


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target, folder)).as_posix()
