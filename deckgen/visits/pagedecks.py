"""The decks made on the web page, as the visit register recorded them: which visit each one
is, so that `deckgen provenance --outdated` can tell communication which visits to make again
on the page after a block changed (committee, date and director, not a file in `.deckgen/`).

The web server keeps each deck it draws for a kept visit in the project's
`.deckgen/decks/<visit>/` and records it in the register with the hash of its inputs. Only the
newest deck of each live visit counts; one deleted since counts if the page would now make the
visit from other inputs (someone may still have the old one). The register is read, never
made: a project without one (nobody ran the page) has no page decks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from deckgen.errors import DeckgenError, Location, Problem
from deckgen.i18n import _
from deckgen.project import DEFAULT_PROFILES
from deckgen.provenance import read_provenance
from deckgen.visits.register import (
    REGISTER_FILE,
    REGISTER_FOLDER,
    Register,
    StoredVisit,
    database_url,
)

MOST_VISITS = 100_000
"""The most visits read (a register of many years holds far fewer)."""


@dataclass(frozen=True)
class PageDeck:
    """A deck the page made for a kept visit, and the visit it is."""

    path: Path
    visit_id: int
    date: str
    """The visit's date (ISO)."""
    director: str
    """The director's name (their id if the profiles cannot be read)."""
    committee: str
    built_at: dt.datetime
    replaced: bool = False
    """The file holds another deck than the one recorded (its inputs hash differs from the
    register's): changed since the page made it."""
    missing: bool = False
    """The file is gone (deleted from `.deckgen/decks/`), and what the page would make for
    the visit now is made from other inputs than it was (or cannot be made): whoever has a
    copy has a deck behind the project."""


def page_decks_folder(root: Path) -> Path:
    """Where the web server of the project in `root` keeps the decks it draws."""
    return root / REGISTER_FOLDER / "decks"


def page_decks(root: Path, problems: list[Problem] | None = None) -> dict[Path, PageDeck]:
    """The newest deck of each live visit of the project in `root` that the page made, by its
    resolved path: those still on disk, and those deleted since whose visit the page would
    now make from other inputs (`PageDeck.missing`); empty if the project has no register. A
    register that cannot be read (damaged, of another version, out of reach) is added to
    `problems`: the decks it lists would be missing from what is said to be behind."""
    url = database_url(root)
    file = root / REGISTER_FOLDER / REGISTER_FILE
    if url.startswith("sqlite:///") and not file.is_file():
        return {}
    folder = _resolved(page_decks_folder(root))
    names = _director_names(root)
    found: dict[Path, PageDeck] = {}
    made: dict[str, Any] = {}
    try:
        register = Register(url)
    except DeckgenError as exc:
        _unread(problems, exc, file if url.startswith("sqlite:///") else None)
        return {}
    try:
        for visit in register.list_visits(limit=MOST_VISITS):
            for built in register.decks(visit.id):
                path = _resolved(Path(built.file))
                if not path.is_relative_to(folder):
                    continue  # a tour's deck: `deckgen tour` makes those again
                deck = PageDeck(
                    path,
                    visit.id,
                    visit.record.date,
                    names.get(visit.record.director, visit.record.director),
                    visit.record.committee,
                    built.built_at,
                )
                if path.is_file():
                    record = read_provenance(path)
                    replaced = record is None or record.inputs != built.inputs_hash
                    found[path] = dataclasses.replace(deck, replaced=replaced)
                elif _inputs_now(root, visit, made) != built.inputs_hash:
                    # Deleted: no file tells its blocks, but the register has the hash of
                    # what it was made from, as the page's list of visits compares it.
                    found[path] = dataclasses.replace(deck, missing=True)
                break  # the newest page deck of the visit is the one that counts
    except (DeckgenError, SQLAlchemyError) as exc:
        # Damaged, of another version, or out of reach: what it lists is not known.
        _unread(problems, exc, file if url.startswith("sqlite:///") else None)
        return found
    finally:
        register.close()
    return found


def _resolved(path: Path) -> Path:
    """`path` made absolute, its links followed where they lead somewhere: a deck's path
    in a loop of links (a visit's folder linked to itself) or with a NUL in it (a register
    written by hand) stopped `--outdated` with a traceback. Such a path is no file, so its
    deck counts as gone."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a loop, before Python 3.13
        return Path(os.path.abspath(path))


def _unread(problems: list[Problem] | None, exc: Exception, file: Path | None) -> None:
    """Say in `problems` that the register could not be read, and so the page's decks are
    not among those looked at (the register's own words where it has them)."""
    if problems is None:
        return
    said = exc.problem if isinstance(exc, DeckgenError) else None
    problems.append(
        Problem(
            said.location if said is not None else (Location(file) if file else None),
            _("the decks made on the web page are not looked at: {reason}").format(
                reason=said.message if said is not None else _("the visit register cannot be read")
            ),
            said.hint
            if said is not None and said.hint
            else _(
                "start the web page (deckgen serve), which says what is wrong with the register"
            ),
        )
    )


def _inputs_now(root: Path, visit: StoredVisit, made: dict[str, Any]) -> str:
    """The hash of what the page would make the deck of `visit` from now (as the page's list
    of visits tells "a block changed"); empty if it cannot be made as it is. `made` keeps the
    project read once for all visits."""
    from deckgen.visits.service import Project, inputs_hash, plan_record

    if "project" not in made:
        try:
            made["project"] = Project.load(root / DEFAULT_PROFILES)
        except DeckgenError:
            made["project"] = None
    if made["project"] is None:
        return ""
    try:
        return inputs_hash(plan_record(visit.record, made["project"]), made["project"])
    except DeckgenError:
        return ""


def _director_names(root: Path) -> Mapping[str, str]:
    from deckgen.tour.profiles import load_profiles

    try:
        profiles = load_profiles(root / DEFAULT_PROFILES)
    except DeckgenError:
        return {}
    return {person.id: person.name for person in profiles.directors.values()}
