"""Check a library as it stands: every file on its own, and every reference between them, all
at once (`deckgen validate`, and the web server before it serves a changed library).

A file can be right on its own and still break a command: a block id used twice, a picture
that is not there, a director's `signature:` naming a deleted block, a block's `author:`
naming nobody, a draft that a director's deck shows. So beside each file's own check
(`deckgen.check.sources`), each block library and each director profile file among the files
is checked as the commands use it: every block's pictures and reused slides read, every
director's visit planned and drawn in memory exactly as the tour, `deckgen new` and the web page
plan and draw one. What passes here, they accept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.blocks.base import SourceContext
from deckgen.build import Builder
from deckgen.check.sources import validate_sources
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem, close_match, problem_order
from deckgen.files import file_kind, yaml_files
from deckgen.i18n import _
from deckgen.librarian.usage import DECK, PROFILE, Usage, block_usage, shown_places
from deckgen.library import BlockLibrary
from deckgen.project import DEFAULT_PROFILES, project_root
from deckgen.source import read_yaml
from deckgen.tour.profiles import Profiles, load_profiles
from deckgen.tour.schedule import Visit
from deckgen.tour.visits import DeckSources, RowDoc, plan_visit

_DAY = "2000-01-01"
"""The date of the visit each director's deck is tried with: any date reads the same."""


@dataclass
class Inspection:
    """What checking a library found, and what was read to find it."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: int = 0
    """How many files were checked."""
    profiles: Profiles | None = None
    """The director profiles read, if a profile file was among the files."""
    library: BlockLibrary | None = None
    """The block library the profiles' deck uses (else the first library read)."""
    usage: Usage | None = None
    """Where each block of `library` is used."""
    sources: Any = None
    """The deck files the profiles' visits start from, as read (a `DeckSources`)."""
    read: set[Path] = field(default_factory=set)
    """Every file the check read (block files, decks, profiles, register, pictures, reused
    slides): a server checks again when one of them changes."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def tidy(self) -> Inspection:
        """The same, each problem once, in file order; a warning that an error says already
        (the same place and words) left out."""
        self.errors = _unique(self.errors)
        self.warnings = [w for w in _unique(self.warnings) if w not in set(self.errors)]
        return self


def project_decks(start: Path | None = None) -> Path:
    """The `decks/` folder of the project of `start` (default: the current folder)."""
    return project_root((start or Path.cwd()) / "deck.yaml") / "decks"


def validate(paths: Iterable[Path], variables: Mapping[str, str] | None = None) -> Inspection:
    """Check every file under `paths` and every reference between the files, all at once."""
    paths = list(paths)
    errors, warnings, count = validate_sources(paths, variables)
    found = Inspection(list(errors), list(warnings), count)
    listing: list[Problem] = []
    libraries: list[Path] = []
    profile_files: list[Path] = []
    for path in yaml_files(paths, listing):
        found.read.add(path)
        try:
            kind = file_kind(read_yaml(path))
        except DeckgenError:
            continue  # said by validate_sources
        if kind == "blocks" and path.parent not in libraries:
            libraries.append(path.parent)
        elif kind == "profiles":
            profile_files.append(path)
    if not profile_files:
        # A library checked on its own is checked against the profiles of its project too:
        # a block's `author:` names one of them.
        for folder in libraries:
            default = project_root(folder / "x.yaml") / DEFAULT_PROFILES
            if default.is_file() and default not in profile_files:
                profile_files.append(default)
    builder = Builder()
    checked: set[Path] = set()
    for path in profile_files:
        checked |= _profile_checks(path, builder, found)
    for folder in libraries:
        if folder.resolve() not in checked:
            _library_checks(builder.library(folder), found)
    return found.tidy()


def inspect_profiles(path: Path, builder: Builder | None = None) -> Inspection:
    """Check what a server of the profile file at `path` serves: the profiles, the committee
    register, the decks they start from, their block library and every director's visit."""
    found = Inspection(files=1)
    found.read.add(path)
    _profile_checks(path, builder or Builder(), found)
    return found.tidy()


def _profile_checks(path: Path, builder: Builder, found: Inspection) -> set[Path]:
    """Check the profile file at `path` and what it refers to; the libraries checked."""
    try:
        profiles = load_profiles(path)
    except InvalidInput as exc:
        found.errors.extend(exc.problems)
        return set()
    except DeckgenError as exc:
        found.errors.append(exc.problem)
        return set()
    found.profiles = found.profiles or profiles
    if profiles.register.path is not None:
        found.read.add(profiles.register.path)
    sources = DeckSources(builder.libraries)
    found.sources = found.sources or sources
    libraries: dict[Path, BlockLibrary] = {}
    for profile in profiles.directors.values():
        deck = profiles.deck_path(profile)
        found.read.add(deck)
        try:
            folder = sources.library_folder(deck)
        except InvalidInput as exc:
            found.errors.extend(exc.problems)
            continue
        except DeckgenError as exc:
            where = profiles.locate(profile, "deck") if profile.deck else profiles.locate(profile)
            found.errors.append(exc.problem if exc.problem.location else Problem(where, str(exc)))
            continue
        library = sources.library(folder)
        libraries.setdefault(folder.resolve(), library)
        _director_checks(profiles, profile, library, sources, builder, found)
    for library in libraries.values():
        _library_checks(library, found)
        _author_checks(library, profiles, found)
        usage = block_usage(project_root(path) / "decks", library.folder, profiles)
        if found.library is None:
            found.library, found.usage = library, usage
        _status_checks(library, usage, profiles, found)
    return set(libraries)


def _director_checks(
    profiles: Profiles,
    profile: Any,
    library: BlockLibrary,
    sources: DeckSources,
    builder: Builder,
    found: Inspection,
) -> None:
    """Plan and draw the director's visit as the tour would, with nothing added or left out:
    every problem it meets is one a secretary would meet."""
    committee = next(iter(profiles.committees), "-")
    visit = Visit(Location(profiles.path), _DAY, profile.id, committee)
    try:
        planned = plan_visit(visit, profiles, sources)
        doc = RowDoc(planned, sources.deck(planned.deck_path))
        drawn = builder.render(builder.compose(planned.deck_path, doc=doc, library=library))
    except InvalidInput as exc:
        found.errors.extend(exc.problems)
        return
    except DeckgenError as exc:
        found.errors.append(exc.problem)
        return
    found.warnings.extend(drawn.warnings)
    for slide in drawn.deck.slides:
        found.read.add(slide.location.file)
        found.read.update(slide.block.source_files(slide.source))


def _library_checks(library: BlockLibrary, found: Inspection) -> None:
    """Every problem of the library (a block id used twice among them), and every picture and
    reused slide its blocks name, read as a build would read it."""
    found.errors.extend(library.problems)
    found.read.add(library.folder)
    for entry in library:
        found.read.add(entry.doc.path)
        found.warnings.extend(entry.doc.slips)
        context = SourceContext(entry.doc.path.parent, project_root(entry.doc.path))
        for problem in entry.block.check_sources(context):
            found.errors.append(
                Problem(
                    entry.doc.locate((*entry.path, *problem.path)), problem.message, problem.hint
                )
            )
        file = getattr(entry.block, "file", None)
        if isinstance(file, str):
            found.read.add(context.folder / file)


def _author_checks(library: BlockLibrary, profiles: Profiles, found: Inspection) -> None:
    """Every block's `author:` names a director of the profiles (whoever shows the block)."""
    for entry in library:
        author = entry.block.author
        if author and profiles.find(author) is None:
            found.errors.append(
                Problem(
                    entry.doc.locate((*entry.path, "author")),
                    _("author: no director with the id {id!r} in {file}").format(
                        id=author, file=profiles.path.name
                    ),
                    close_match(author, profiles.directors) or profiles.unknown_hint(author),
                )
            )


def _status_checks(
    library: BlockLibrary, usage: Usage, profiles: Profiles, found: Inspection
) -> None:
    """A draft that a director's visit would show, and a retired block still in a deck or a
    profile, each with where it is used."""
    standard = {profiles.deck_path(p).resolve() for p in profiles.directors.values()}
    for entry in library:
        block = entry.block
        if block.offered:
            continue
        current = usage.of(block.id, DECK, PROFILE)
        if block.draft:
            shown = [
                use
                for use in current
                if use.what == PROFILE or use.location.file.resolve() in standard
            ]
            if shown:
                found.errors.append(
                    Problem(
                        entry.doc.locate((*entry.path, "status")),
                        _(
                            "block {id!r} is a draft (status: kladde), but the secretaries' "
                            "visits show it: {places}"
                        ).format(id=block.id, places=shown_places(shown)),
                        _(
                            "remove `status: kladde` when the block is ready, or take it out "
                            "of those decks and profiles until then"
                        ),
                    )
                )
        elif current:
            found.warnings.append(
                Problem(
                    entry.doc.locate((*entry.path, "status")),
                    _(
                        "block {id!r} is retired (status: udgået), but is still used: {places}"
                    ).format(id=block.id, places=shown_places(current)),
                    _(
                        "take it out of those decks and profiles; the visits made with it "
                        "still build"
                    ),
                )
            )


def _unique(problems: list[Problem]) -> list[Problem]:
    return sorted(dict.fromkeys(problems), key=problem_order)
