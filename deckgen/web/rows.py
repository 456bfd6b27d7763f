"""One visit from a schedule row's fields, with each problem put beside the field it concerns.

The web form and `POST /api/visits` both send the schedule's columns (`dato`, `direktør`,
`udvalg`, `sted`, `tilføj`, `fjern`, `lokalt eksempel`). The row is read and planned exactly
as the tour reads and plans it (`deckgen.api.row_visit`, `plan_one_visit`), so the three
agree. The library reports a row's problems at the row; which field each concerns is found
by asking again with one field at a time set to a harmless value: a problem that goes away
belongs to that field. That holds whatever words (and language) the messages are in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen import api

ROW = api.Location(Path("formular"), 1)
"""Where a typed row is, for the library's messages (no file of the visitor's)."""


@dataclass(frozen=True)
class FieldProblem:
    """A problem, and the column it concerns ("" for the row as a whole)."""

    field: str
    message: str
    """What is wrong and what to do, without the location when that is the row itself."""
    where: str = ""
    """The file and line when the problem is in the library's files, not in the row."""


@dataclass
class Outcome:
    """A row planned and built, or its problems."""

    planned: Any = None
    data: bytes = b""
    warnings: list[str] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def make_visit(
    fields: Mapping[str, Any],
    site: Any,
    *,
    order: list[str] | None = None,
    build: bool = True,
) -> Outcome:
    """Read, plan and (with `build`) draw the visit `fields` describe, with `site`'s caches."""
    try:
        planned, data, warnings = _attempt(fields, site, order, build)
    except api.DeckgenError:
        return Outcome(problems=_attributed(fields, site, order, build))
    return Outcome(planned, data, [_shown(w).message for w in warnings])


def _attempt(
    fields: Mapping[str, Any], site: Any, order: list[str] | None, build: bool
) -> tuple[Any, bytes, list[api.Problem]]:
    visit = api.row_visit(fields, ROW)
    planned = api.plan_one_visit(visit, site.profiles, order=order, sources=site.sources())
    if not build:
        return planned, b"", []
    data, warnings = site.build(planned)
    return planned, data, warnings


def _problems(fields: Mapping[str, Any], site: Any, order: list[str] | None, build: bool) -> list:
    try:
        _attempt(fields, site, order, build)
    except api.DeckgenError as exc:
        return list(getattr(exc, "problems", None) or [exc.problem])
    return []


def _attributed(
    fields: Mapping[str, Any], site: Any, order: list[str] | None, build: bool
) -> list[FieldProblem]:
    # A row is read, then planned, then built: a problem of one stage hides those of the
    # next. So the fields found wrong are then set harmless and the row asked again, for the
    # problems of the other fields (a bad date and an unknown committee both shown at once).
    shown: list[FieldProblem] = []
    seen: set[api.Problem] = set()
    current = dict(fields)
    for _round in range(3):
        found = [p for p in dict.fromkeys(_problems(current, site, order, build)) if p not in seen]
        if not found:
            break
        owners = _owners(current, found, site, order, build)
        shown += [
            FieldProblem(owners.get(p, ""), _shown(p).message, _shown(p).where) for p in found
        ]
        seen.update(found)
        wrong = set(owners.values())
        if not wrong:
            break
        for name in list(current):
            if _column(name) in wrong:
                current = _without(current, name, site)
    return shown


def _owners(
    fields: Mapping[str, Any],
    found: list[api.Problem],
    site: Any,
    order: list[str] | None,
    build: bool,
) -> dict[api.Problem, str]:
    """The column each of `found` concerns: the one whose harmless value makes it go away."""
    owners: dict[api.Problem, str] = {}
    for name in fields:
        if all(problem in owners for problem in found):
            break
        left = set(_problems(_without(fields, name, site), site, order, build))
        for problem in found:
            if problem not in left and problem not in owners:
                owners[problem] = _column(name)
    return owners


def _without(fields: Mapping[str, Any], name: str, site: Any) -> dict[str, Any]:
    """`fields` with `name` set to a value that cannot be wrong (or left out)."""
    column = _column(name)
    harmless = {
        "dato": "2000-01-01",
        "direktør": next(iter(site.profiles.directors), ""),
        "udvalg": next(iter(api.committee_names(site.profiles)), "Udvalg"),
    }
    rest = {key: value for key, value in fields.items() if key != name}
    if column in harmless:
        rest[name] = harmless[column]
    return rest


def _column(name: str) -> str:
    """The Danish column name of a field name as sent (any spelling the schedule accepts)."""
    return api.schedule_column(str(name)) or str(name)


@dataclass(frozen=True)
class _Shown:
    message: str
    where: str


def _shown(problem: api.Problem) -> _Shown:
    """The problem's words, and its place unless that is the typed row itself."""
    text = problem.message if not problem.hint else f"{problem.message} — {problem.hint}"
    location = problem.location
    if location is None or location.file == ROW.file:
        return _Shown(text, "")
    return _Shown(text, str(location))
