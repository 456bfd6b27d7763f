"""The visit service: read a visit from what was typed or sent, plan its deck, draw it.

Everything that makes a visit goes through here: `deckgen new`, the web page, `POST` and
`PATCH /api/visits`, the web tour and `deckgen tour`. A visit is read as a schedule row is
(`deckgen.tour.schedule.read_row`: one reader, one date grammar), planned as the tour plans
it (`deckgen.tour.visits.plan_visit`) and drawn by the project's `Builder`; so the same visit
gives the same deck, byte for byte, whichever way it came in.

Each problem keeps the field (column) it concerns, found where the problem is found (the
cell of a `Location`), so the page, the API and the terminal put it beside that field
without asking twice. A date that is real but unlikely (more than a year ago, more than
three years ahead) is a doubt: the visit is not saved until the doubt is confirmed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from deckgen.build import Builder
from deckgen.compose import ComposedDeck
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.i18n import _
from deckgen.limits import MAX_FIELD_CHARS, value_too_long
from deckgen.theme import Theme
from deckgen.tour.dates import doubt, understood
from deckgen.tour.profiles import Profiles, load_profiles
from deckgen.tour.schedule import Visit, column_cell, read_row, schedule_column
from deckgen.tour.visits import DeckSources, PlannedVisit, RowDoc, entry_id, plan_visit
from deckgen.visits.record import ATTRIBUTE, COLUMNS, LIST_COLUMNS, VisitRecord, as_columns

ROW = Location(Path("formular"), 1)
"""Where a visit typed on the page or sent to the API is, for messages (no file of hers)."""
SLIDES = "dias"
"""The record's field that is no schedule column: the slides chosen, in order."""
CONFIRM = "bekræft"
"""The request field that confirms doubts: a list of the fields (`["dato"]`), or true."""


@dataclass(frozen=True)
class FieldProblem:
    """A problem, the field it concerns ("" for the visit as a whole), and what to do."""

    field: str
    message: str
    hint: str = ""
    where: str = ""
    """The file and line when the problem is in the project's files, not in the visit."""
    confirm: bool = False
    """A doubt the person may confirm (send the field in `bekræft`), not an error."""

    @property
    def text(self) -> str:
        """The message and the hint, as one sentence for a page."""
        return self.message if not self.hint else f"{self.message} — {self.hint}"

    def as_json(self) -> dict[str, Any]:
        """The problem as the API sends it."""
        found: dict[str, Any] = {"field": self.field, "message": self.text}
        if self.where:
            found["where"] = self.where
        if self.confirm:
            found["confirm"] = True
        return found


def field_problem(problem: Problem, row: Location = ROW, *, confirm: bool = False) -> FieldProblem:
    """`problem` with the field it concerns: the column of its cell, when it is at the row."""
    location = problem.location
    if location is None or location.file != row.file:
        return FieldProblem("", problem.message, problem.hint, str(location or ""), confirm)
    column = schedule_column(location.heading) if location.heading else ""
    return FieldProblem(column or "", problem.message, problem.hint, "", confirm)


@dataclass
class Project:
    """What visits are planned and drawn with: the profiles, the deck files read, a Builder."""

    profiles: Profiles
    sources: DeckSources
    builder: Builder

    @classmethod
    def load(cls, profiles_path: Path, builder: Builder | None = None) -> Project:
        """The project whose profile file is `profiles_path`."""
        builder = builder or Builder(reuse_slides=True)
        return cls(load_profiles(profiles_path), DeckSources(builder.libraries), builder)


@dataclass
class Checked:
    """A visit read and checked: its record and plan, or why not."""

    record: VisitRecord | None = None
    planned: PlannedVisit | None = None
    problems: list[FieldProblem] = field(default_factory=list)
    doubts: list[FieldProblem] = field(default_factory=list)
    """Unlikely values not confirmed: the visit is not saved until they are."""
    understood: str = ""
    """The date as understood, in words (`torsdag 12. marts 2026`)."""

    @property
    def ok(self) -> bool:
        return self.record is not None and not self.problems and not self.doubts

    @property
    def all_problems(self) -> list[FieldProblem]:
        return [*self.problems, *self.doubts]


@dataclass
class Deck:
    """A visit's deck drawn in memory."""

    data: bytes
    warnings: list[Problem]
    composed: ComposedDeck
    theme: Theme
    planned: PlannedVisit

    @property
    def name(self) -> str:
        """The file name, as the tour names it."""
        return f"{self.planned.stem}.pptx"

    def inputs_hash(self) -> str:
        """The hash of everything the deck is made from (its `deckgen.inputs` property)."""
        from deckgen.render.deck import deck_provenance

        return deck_provenance(self.composed, self.theme).inputs


def read_visit(
    fields: Mapping[str, Any],
    project: Project,
    *,
    row: Location = ROW,
    today: dt.date | None = None,
    confirmed: Iterable[str] | bool = (),
) -> Checked:
    """Read, check and plan the visit that `fields` describe (the record's columns, named as
    a schedule's header may name them; `dias` the slides in order). `confirmed` names the
    fields whose doubts are confirmed (True: all)."""
    given = dict(fields)
    order_value = given.pop(SLIDES, None)
    checked = Checked()
    try:
        visit = read_row(given, row)
    except InvalidInput as exc:
        checked.problems = [field_problem(p, row) for p in exc.problems]
        checked.problems += _names_unknown(given, project.profiles, row, checked.problems)
        return checked
    order, order_problem = _order(order_value)
    if order_problem is not None:
        checked.problems.append(order_problem)
        return checked
    # Invisible format characters (zero-width, direction marks) would make a committee that
    # looks like a known one a new one: a name is what she sees.
    visit = replace(visit, committee=_visible(visit.committee))
    texts = (
        ("udvalg", visit.committee),
        ("sted", visit.place),
        ("lokalt eksempel", visit.local_example),
    )
    too_long = [
        FieldProblem(column, value_too_long(column, len(text)))
        for column, text in texts
        if len(text) > MAX_FIELD_CHARS
    ]
    # Refused here, before anything is kept: the build would refuse them too, after the
    # visit was saved (the API answered 422 for a visit it had kept).
    too_long += [
        FieldProblem(column, reason)
        for column, text in texts
        if (reason := _not_shown(text)) and len(text) <= MAX_FIELD_CHARS
    ]
    if too_long:
        checked.problems += too_long
        return checked
    day = dt.date.fromisoformat(visit.date)
    checked.understood = understood(day)
    found = doubt(day, today)
    if found is not None:
        problem = FieldProblem("dato", found.message, found.hint, confirm=found.confirmable)
        if not found.confirmable:
            checked.problems.append(problem)
        elif not _is_confirmed(confirmed, "dato"):
            checked.doubts.append(problem)
    new_committee = _is_confirmed(confirmed, "udvalg")
    try:
        planned = plan_visit(visit, project.profiles, project.sources, new_committee=new_committee)
    except InvalidInput as exc:
        planning = [field_problem(p, row) for p in exc.problems]
        # A committee the register lacks may be a new one: she can confirm it (and
        # communication sees it in Biblioteket); the rest are problems.
        unknown = project.profiles.register.find(visit.committee) is None
        for problem in planning:
            if problem.field == "udvalg" and unknown and visit.committee.strip():
                checked.doubts.append(replace(problem, confirm=True))
            else:
                checked.problems.append(problem)
        return checked
    except DeckgenError as exc:
        checked.problems.append(field_problem(exc.problem, row))
        return checked
    planned = ordered(planned, order)
    present = [entry_id(entry) for entry in planned.data["slides"]]
    left = {block_id: present.count(block_id) for block_id in present}
    checked.record = VisitRecord(
        date=visit.date,
        director=planned.director.id,
        committee=planned.visit.committee,
        place=visit.place,
        # As planned: a slide named by its title is kept by its block id.
        extra=planned.visit.extra,
        drop=planned.visit.drop,
        local_example=visit.local_example,
        slides=tuple(block_id for block_id in order if _take(left, block_id)),
    )
    checked.planned = planned
    return checked


def _not_shown(text: str) -> str:
    """Why a slide cannot show `text` as a variable's value (a date that does not exist,
    `2025-02-30`, which a slide would write the Danish way); '' if it can."""
    from deckgen.variables import display_value

    try:
        display_value(text)
    except ValueError as exc:
        return str(exc)
    return ""


def _visible(text: str) -> str:
    """`text` without Unicode's invisible format characters (category Cf)."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def _take(left: dict[str, int], block_id: str) -> bool:
    """Whether the deck shows `block_id` once more than counted so far (and count it)."""
    if left.get(block_id, 0) <= 0:
        return False
    left[block_id] -= 1
    return True


def _is_confirmed(confirmed: Iterable[str] | bool, name: str) -> bool:
    if isinstance(confirmed, bool):
        return confirmed
    return name in {schedule_column(str(item)) or str(item) for item in confirmed}


def _order(value: Any) -> tuple[tuple[str, ...], FieldProblem | None]:
    """The slides' order as sent (`dias`): a list of block ids, or text of them."""
    from deckgen.tour.schedule import block_list

    if value is None or value == "":
        return (), None
    # A block may be shown twice (a deck that shows it twice keeps both places).
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        ids = tuple(item.strip() for item in value if item.strip())
    elif isinstance(value, str):
        ids = block_list(value)
    else:
        return (), FieldProblem(SLIDES, _("dias: expected a list of block ids"))
    if len(ids) > 200:
        return (), FieldProblem(
            SLIDES, _("dias: {count} slides; a deck has at most 200").format(count=len(ids))
        )
    return ids, None


def _names_unknown(
    fields: Mapping[str, Any], profiles: Profiles, row: Location, known: list[FieldProblem]
) -> list[FieldProblem]:
    """The director's and committee's problems of a visit that could not be read (a bad
    date, say), so every problem of the visit is shown at once."""
    wanted = {schedule_column(str(key)): value for key, value in fields.items()}
    found = []
    said = {problem.field for problem in known}
    director = wanted.get("direktør")
    if (
        isinstance(director, str)
        and director.strip()
        and "direktør" not in said
        and profiles.find(director) is None
    ):
        problem = profiles.unknown(director.strip(), column_cell(row, "director"))
        found.append(field_problem(problem, row))
    committee = wanted.get("udvalg")
    if (
        isinstance(committee, str)
        and committee.strip()
        and "udvalg" not in said
        and profiles.register.find(committee) is None
    ):
        problem = profiles.register.unknown(committee.strip(), column_cell(row, "committee"))
        found.append(field_problem(problem, row))
    return found


def ordered(planned: PlannedVisit, order: Iterable[str]) -> PlannedVisit:
    """`planned` with its slides in the order of the block ids `order` (slides it does not
    name keep their order, after the named ones)."""
    # The n-th showing of a block in the deck goes where its n-th showing is in `order`, so a
    # block the deck shows twice keeps both places.
    rank = {key: number for number, key in enumerate(_showings(order))}
    if not rank:
        return planned
    origins = planned.origins or (None,) * len(planned.data["slides"])
    keys = _showings(entry_id(entry) for entry in planned.data["slides"])
    triples = list(zip(keys, planned.data["slides"], origins, strict=True))
    triples.sort(key=lambda triple: rank.get(triple[0], len(rank)))
    data = {**planned.data, "slides": [entry for _key, entry, _origin in triples]}
    return replace(planned, data=data, origins=tuple(origin for *_rest, origin in triples))


def _showings(block_ids: Iterable[str]) -> list[tuple[str, int]]:
    """Each id with the number of times it was shown before: (a, 0), (b, 0), (a, 1)."""
    seen: dict[str, int] = {}
    found = []
    for block_id in block_ids:
        found.append((block_id, seen.get(block_id, 0)))
        seen[block_id] = seen.get(block_id, 0) + 1
    return found


def visit_of(record: VisitRecord, row: Location = ROW) -> Visit:
    """The schedule row a record is (for planning)."""
    return Visit(
        row,
        record.date,
        record.director,
        record.committee,
        record.place,
        record.extra,
        record.drop,
        record.local_example,
    )


def plan_record(record: VisitRecord, project: Project, row: Location = ROW) -> PlannedVisit:
    """The deck of a kept visit, planned; raises `InvalidInput` if the project no longer
    allows it (a block or director gone since it was saved)."""
    # A kept visit's committee was in the register or confirmed as new when it was saved.
    planned = plan_visit(
        visit_of(record, row), project.profiles, project.sources, new_committee=True
    )
    return ordered(planned, record.slides)


def draw(planned: PlannedVisit, project: Project) -> Deck:
    """The planned visit's deck, composed and drawn in memory (nothing written)."""
    return draw_with(planned, project.builder, project.sources)


def draw_with(planned: PlannedVisit, builder: Builder, sources: DeckSources) -> Deck:
    """`draw`, with a builder and the deck files read so far."""
    doc = RowDoc(planned, sources.deck(planned.deck_path))
    library = builder.library(planned.library_folder)
    composed = builder.compose(planned.deck_path, doc=doc, library=library)
    drawn = builder.render(composed)
    return Deck(drawn.data, drawn.warnings, composed, drawn.theme, planned)


def inputs_hash(planned: PlannedVisit, project: Project) -> str:
    """The hash of everything the planned visit's deck would be made from, composed but not
    drawn: the same as its deck's `inputs_hash()`, for telling whether a deck built before
    is behind the library now."""
    from deckgen.render.deck import deck_provenance

    doc = RowDoc(planned, project.sources.deck(planned.deck_path))
    library = project.builder.library(planned.library_folder)
    composed = project.builder.compose(planned.deck_path, doc=doc, library=library)
    return deck_provenance(composed, project.builder.theme(composed.theme_path)).inputs


def merged(record: VisitRecord, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of `record`, with `changes` (columns as any header may name them) over
    them: what a `PATCH` asks the visit to become, to be read again by `read_visit`."""
    fields = as_columns(record)
    for key, value in changes.items():
        fields[schedule_column(str(key)) or (SLIDES if key == SLIDES else str(key))] = value
    return fields


def typed_columns() -> list[tuple[str, bool]]:
    """The record's columns, and whether each holds block ids (for a form)."""
    return [(column, column in LIST_COLUMNS) for column in COLUMNS]


def attribute(column: str) -> str:
    """The record's attribute name for `column`."""
    return ATTRIBUTE[column]
