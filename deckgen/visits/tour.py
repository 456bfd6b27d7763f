"""The visit tour through the register: a schedule's rows kept as visits, then built.

Each row is read and planned as the tour always did (`deckgen.tour.run.plan_tour`), then
matched to the register's live visit of the same date, director and committee: a visit not
kept before is saved (`created`), one whose columns differ gets a revision (`changed`), the
rest are `unchanged`. The deck is then built from the register's visit, so the slides chosen
and ordered on the web page stay as chosen; and each deck built is recorded with its inputs.
A row whose date is doubtful (more than a year ago, or three years ahead) is built, and its
outcome names the date as understood (`doubt`), for one warning over all such rows: the
schedule is what was planned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from deckgen.errors import DeckgenError, Problem
from deckgen.provenance import read_provenance
from deckgen.tour.dates import doubt
from deckgen.tour.profiles import Profiles, find_profiles, load_profiles
from deckgen.tour.run import Row, TourResult, VisitOutcome, failed_row, plan_tour, run_tour
from deckgen.tour.schedule import column_cell
from deckgen.tour.visits import DeckSources, PlannedVisit, plan_visit
from deckgen.visits.record import VisitRecord
from deckgen.visits.register import Register
from deckgen.visits.service import Project, ordered, visit_of


def record_of(planned: PlannedVisit) -> VisitRecord:
    """The record of a row as planned (director by id, committee as the register spells it)."""
    visit = planned.visit
    return VisitRecord(
        date=visit.date,
        director=planned.director.id,
        committee=visit.committee,
        place=visit.place,
        extra=visit.extra,
        drop=visit.drop,
        local_example=visit.local_example,
    )


def kept_choices(row: VisitRecord, kept: VisitRecord) -> VisitRecord:
    """A row's record with what the register's visit has and the row does not say: the
    slides' order (a row has none), and an optional column the row leaves empty (a plan
    made before the visit got its place or local example on the page does not undo it)."""
    given = {
        name: getattr(kept, name)
        for name in ("place", "extra", "drop", "local_example", "slides")
        if not getattr(row, name)
    }
    return msgspec.structs.replace(row, **given)


def tour_through_register(
    schedule: Path,
    out_dir: Path,
    register: Register,
    who: str,
    *,
    profiles_path: Path | None = None,
    project: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[VisitOutcome], None] | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    today: dt.date | None = None,
    served: Project | None = None,
) -> TourResult:
    """Keep each row of `schedule` in `register` as a visit and build its deck into `out_dir`;
    the result's `changes` count what the rows did to their visits. With `served` (a
    server's last good library: profiles, deck files, builder), the rows are planned and
    drawn from it alone, never from files on disk that have not checked whole."""
    changes: Counter[str] = Counter()
    kept: dict[Path, _Kept] = {}
    """By the file each row's deck goes into (one per row): the visit it is."""
    read: list[tuple[Profiles, DeckSources]] = []

    def planning() -> tuple[Profiles, DeckSources]:
        if served is not None:
            return served.profiles, served.sources
        if not read:
            path = profiles_path or find_profiles(schedule, project)
            read.append((load_profiles(path), DeckSources()))
        return read[0]

    def prepare(rows: list[Row]) -> list[Row]:
        # The deck files `deckgen new` once wrote are visits: taken in (once) before the
        # rows are matched, so what was chosen in them is not undone.
        from deckgen.build import Builder
        from deckgen.visits.files import take_in_visit_files

        take_in_visit_files(register, served or Project(*planning(), Builder()), who)
        prepared: list[Row] = []
        for row in rows:
            if isinstance(row, VisitOutcome):
                prepared.append(row)
                continue
            planned, output = row
            impossible = doubt(dt.date.fromisoformat(planned.visit.date), today)
            if impossible is not None and not impossible.confirmable:
                # A year before 2000 is a mistake, not a doubt: the row is not kept or made.
                cell = column_cell(planned.visit.row, "date")
                failed = DeckgenError(impossible.message, cell, impossible.hint)
                prepared.append(failed_row(planned.visit.row, failed))
                continue
            record = record_of(planned)
            found = register.find(record.key)
            if found is not None:
                record = kept_choices(record, found.record)
            saved = register.save(record, who)
            changes[saved.outcome] += 1
            kept[output] = _Kept(saved.visit.id, saved.visit.revision, saved.outcome, record.date)
            if saved.visit.record == record_of(planned):
                prepared.append((planned, output))
                continue
            # Built as kept: what the page chose that the row does not say is in the deck.
            try:
                again = plan_visit(visit_of(saved.visit.record, planned.visit.row), *planning())
            except DeckgenError as exc:
                prepared.append(failed_row(planned.visit.row, exc))
                continue
            prepared.append((ordered(again, saved.visit.record.slides), output))
        # The builders may run in forked processes: no connection of ours goes with them.
        register.close()
        return prepared

    result = run_tour(
        schedule,
        out_dir,
        profiles_path=profiles_path,
        project=project,
        jobs=jobs,
        force=force,
        strict=strict,
        on_outcome=on_outcome,
        on_start=on_start,
        prepare=prepare,
        max_rows=max_rows,
        max_bytes=max_bytes,
        served=(served.profiles, served.sources, served.builder) if served is not None else None,
    )
    for outcome in result.outcomes:
        visit = kept.get(outcome.output) if outcome.output is not None else None
        if visit is not None:
            _annotate(outcome, visit, register, who, today)
    result.changes = dict(changes)
    return result


@dataclass(frozen=True)
class _Kept:
    visit_id: int
    revision: int
    change: str
    date: str


def _annotate(
    outcome: VisitOutcome, visit: _Kept, register: Register, who: str, today: dt.date | None
) -> None:
    """Give the outcome its visit and change, warn of a doubtful date, record the deck."""
    outcome.visit_id, outcome.change = visit.visit_id, visit.change
    if not outcome.ok:
        return
    found = doubt(dt.date.fromisoformat(visit.date), today)
    if found is not None:
        outcome.doubt = f"{outcome.row}: {found.message}"
    if outcome.output is None or outcome.skipped:
        return
    record = read_provenance(outcome.output)
    if record is None:
        return
    # The deck is written: that it is recorded is a help, not a need.
    with contextlib.suppress(DeckgenError):
        register.record_deck(
            visit.visit_id, visit.revision, record.inputs, str(outcome.output.resolve()), who
        )


@dataclass
class PreviewRow:
    """What a row of a schedule would do, seen before anything is kept or built."""

    line: int
    change: str
    """`created`, `changed` or `unchanged` for the register's visit; "" if the row has
    problems (then nothing would be kept for it)."""
    record: VisitRecord | None = None
    before: VisitRecord | None = None
    """The register's visit as it is now, when the row matches one."""
    visit_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    doubt: str = ""
    """Why the row's date is unlikely, naming it as understood (the row is still made)."""
    name: str = ""
    """The deck's file name."""


def preview_tour(
    schedule: Path,
    out_dir: Path,
    register: Register,
    *,
    profiles_path: Path | None = None,
    max_rows: int | None = None,
    today: dt.date | None = None,
    served: Project | None = None,
) -> list[PreviewRow]:
    """What `tour_through_register` would do with each row of `schedule`, reading the
    register and writing nothing: new, changed or unchanged visits, and the rows' problems
    (planned with `served`, a server's last good library, when given)."""
    found_rows: list[PreviewRow] = []
    rows = plan_tour(
        schedule,
        out_dir,
        profiles_path,
        served.sources if served is not None else None,
        None,
        max_rows,
        profiles=served.profiles if served is not None else None,
    )
    for row in rows:
        if isinstance(row, VisitOutcome):
            problems = row.problems or [Problem(row.row, line) for line in row.error.splitlines()]
            found_rows.append(PreviewRow(row.row.line, "", problems=problems))
            continue
        planned, output = row
        record = record_of(planned)
        kept = register.find(record.key)
        change = "created"
        if kept is not None:
            record = kept_choices(record, kept.record)
            change = "unchanged" if record == kept.record else "changed"
        worry = doubt(dt.date.fromisoformat(record.date), today)
        found_rows.append(
            PreviewRow(
                planned.visit.row.line,
                change,
                record,
                kept.record if kept is not None else None,
                kept.id if kept is not None else None,
                doubt=worry.message if worry is not None else "",
                name=output.name,
            )
        )
    return found_rows
