"""Deck files and visits: the files `deckgen new` once wrote taken in, and a visit written out.

Before the register, `deckgen new` and the web page kept each visit as a deck file in
`visits/` beside the director's deck. Each such file is taken into the register once (noted
by its path, so a second start takes nothing in twice): its director, committee, date and
place from its variables, and its slides compared with the director's deck for what was
added, left out and moved. The other way, `export` writes a visit as the deck file it
builds from, for anyone who builds by hand.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError, Location, Problem
from deckgen.i18n import _
from deckgen.project import VISIT_FOLDER, project_root
from deckgen.source import read_yaml
from deckgen.tour.visits import LOCAL_EXAMPLE_FIELD, entry_id, visit_deck_file
from deckgen.visits.register import Register, Saved
from deckgen.visits.service import Project, plan_record, read_visit


@dataclass(frozen=True)
class TakenIn:
    """One deck file looked at: the visit it became, or why it could not be taken in."""

    path: Path
    saved: Saved | None = None
    problems: tuple[str, ...] = ()


def visit_folders(project: Project) -> list[Path]:
    """The folders `deckgen new` wrote visits into: `visits/` beside each director's deck."""
    profiles = project.profiles
    decks = [profiles.default_deck, *(profiles.deck_path(p) for p in profiles.directors.values())]
    return list(dict.fromkeys(deck.parent / VISIT_FOLDER for deck in decks))


def take_in_visit_files(register: Register, project: Project, who: str) -> list[TakenIn]:
    """Take every visit file not taken in before into the register; what became of each."""
    root = project_root(project.profiles.path)
    found: list[TakenIn] = []
    for folder in visit_folders(project):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            if not path.is_file() or path.is_symlink():
                continue
            name = _relative(path, root)
            if register.imported(name):
                continue
            try:
                fields = visit_fields(path, project)
            except DeckgenError as exc:
                found.append(TakenIn(path, problems=(str(exc.problem),)))
                continue
            checked = read_visit(fields, project, row=Location(path, 1), confirmed=True)
            if checked.record is None:
                found.append(TakenIn(path, problems=tuple(p.text for p in checked.problems)))
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            note = _("taken in from {file}").format(file=name)
            saved = register.take_in(name, digest, checked.record, who, note)
            if saved is not None:
                found.append(TakenIn(path, saved))
    return found


def visit_fields(path: Path, project: Project) -> dict[str, Any]:
    """The visit a deck file of `deckgen new` holds, as the record's columns."""
    doc = read_yaml(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    values = data.get("variables") or {}
    slides = data.get("slides") or []
    if not isinstance(values, dict) or not isinstance(slides, list):
        raise DeckgenError(
            _("not a visit's deck file: no `variables:` and `slides:`"),
            Location(path, 1, 1),
            _("take it out of the visits folder, or build it by hand"),
        )
    fields: dict[str, Any] = {
        "dato": str(values.get("dato") or ""),
        "direktør": str(values.get("direktør") or ""),
        "udvalg": str(values.get("omu") or ""),
        "sted": str(values.get("sted") or ""),
    }
    base = read_visit(fields, project, row=Location(path, 1), confirmed=True)
    if base.planned is None:
        return fields  # read again by the caller, which reports the problems
    present = [entry_id(entry) for entry in base.planned.data["slides"]]
    chosen = [entry_id(entry) for entry in slides]
    fields["tilføj"] = [block_id for block_id in chosen if block_id not in present]
    fields["fjern"] = [block_id for block_id in present if block_id not in chosen]
    fields["dias"] = chosen
    example = next(
        (
            str(entry[LOCAL_EXAMPLE_FIELD])
            for entry in slides
            if isinstance(entry, dict) and entry.get(LOCAL_EXAMPLE_FIELD)
        ),
        "",
    )
    fields["lokalt eksempel"] = example
    return fields


def export_visit(record: Any, project: Project, target: Path | None = None) -> tuple[Path, bytes]:
    """The deck file of a kept visit (where `deckgen new` used to write it, or `target`) and
    its text; written by the caller."""
    planned = plan_record(record, project)
    path, text = visit_deck_file(planned)
    if target is None:
        return path, text
    if target.parent.resolve() != path.parent.resolve():
        raise DeckgenError(
            _("a visit's deck file must lie in {folder}, where its paths lead").format(
                folder=path.parent
            ),
            Location(target),
            _("leave out -o to write it there"),
        )
    return target, text


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def problems_of(taken: list[TakenIn]) -> list[Problem]:
    """The files that could not be taken in, as problems at each file."""
    return [
        Problem(Location(item.path), text, _("fix the file, or remove it"))
        for item in taken
        for text in item.problems
    ]
