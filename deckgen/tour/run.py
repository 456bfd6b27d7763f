"""Build one deck per visit of a schedule, on all the machine's cores.

The schedule, the profiles, the deck files and the block libraries are read once, in the main
process; each visit is then composed and drawn by a worker process, which keeps the theme and
the libraries between decks and writes each deck itself, so only a small outcome travels
back and no deck stays in memory after it is written. A row that cannot be built is reported
with its row number and stops nothing else.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from deckgen.build import Builder
from deckgen.errors import DeckgenError, Location, Problem, display_path
from deckgen.i18n import _
from deckgen.output import (
    LeftUntouched,
    is_backup,
    made_by_deckgen,
)
from deckgen.tour.filenames import unique_stems
from deckgen.tour.profiles import Profiles, find_profiles, load_profiles
from deckgen.tour.schedule import column_cell, load_schedule
from deckgen.tour.visits import (
    DeckSources,
    PlannedVisit,
    RowDoc,
    plan_visit,
    visit_stem,
)


class TooManyRows(DeckgenError):
    """The schedule has more rows (as read) than one run may build."""


@dataclass
class VisitOutcome:
    """What became of one visit: the deck written, or why not."""

    row: Location
    output: Path | None = None
    slides: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    """Why the row was not built, each line starting with the row."""
    source_errors: list[str] = field(default_factory=list)
    """Errors in the files the row's deck is made from (the director's deck file, the profile
    file, a block file), at their own file and line: the same for every row that uses them."""
    backup: Path | None = None
    skipped: str = ""
    """Why the deck was left as it is (edited since it was built), if it was: not a failure."""
    problems: list[Problem] = field(default_factory=list)
    """Why the row was not built, as problems (each at its cell when it concerns one column)."""
    visit_id: int | None = None
    """The visit in the register this row is (when the tour runs through the register)."""
    change: str = ""
    """What the row did to the register's visit: `created`, `changed` or `unchanged`."""
    doubt: str = ""
    """Why the row's date is unlikely (more than a year ago, …), naming it as understood."""
    trace: str = ""
    """A traceback, for failures that are bugs in deckgen rather than in the inputs."""
    current: bool = False
    """The deck was already up to date (built from the same blocks, values, theme and
    deckgen, and not edited since), so it was left as it is."""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class TourResult:
    """Every visit's outcome, in schedule order, and how long the tour took."""

    outcomes: list[VisitOutcome]
    seconds: float
    jobs: int
    library_problems: list[str] = field(default_factory=list)
    """The problems in the block libraries the visits use, each once; they stop only the
    visits that show the blocks concerned (those rows say so)."""
    stale: list[Path] = field(default_factory=list)
    """Tour decks in the output folder that no row of the schedule makes any more (a visit
    moved or was removed), left where they are."""
    changes: dict[str, int] = field(default_factory=dict)
    """When run through the register: how many rows `created`, `changed` or left
    `unchanged` their visit."""

    @property
    def built(self) -> list[VisitOutcome]:
        return [o for o in self.outcomes if o.ok and not o.skipped and not o.current]

    @property
    def current(self) -> list[VisitOutcome]:
        """Visits whose deck was already up to date, and so not built again."""
        return [o for o in self.outcomes if o.current]

    @property
    def skipped(self) -> list[VisitOutcome]:
        """Visits whose deck was edited since it was built, and so left alone."""
        return [o for o in self.outcomes if o.skipped]

    @property
    def failed(self) -> list[VisitOutcome]:
        return [o for o in self.outcomes if not o.ok]


Row = tuple[PlannedVisit, Path] | VisitOutcome
"""A row of a tour: planned with the file its deck goes into, or why it cannot be built."""


@dataclass(frozen=True)
class _Task:
    planned: PlannedVisit
    output: Path
    force: bool
    strict: bool
    inputs: tuple[Path, ...]


def default_jobs() -> int:
    """How many decks to build at once: one per core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def plan_tour(
    schedule_path: Path,
    out_dir: Path,
    profiles_path: Path | None = None,
    sources: DeckSources | None = None,
    project: Path | None = None,
    max_rows: int | None = None,
    *,
    profiles: Profiles | None = None,
) -> list[tuple[PlannedVisit, Path] | VisitOutcome]:
    """Read the schedule and the profiles: each row's deck and file, or why it cannot be built.

    The profiles are `profiles` (as read already: a server's last good library), else read
    from `profiles_path`, else found by `find_profiles` (beside the schedule, else in
    `project` or the current folder's project). Rows come back in schedule order.
    Problems with the schedule or the profile file as a whole raise; problems with a row are
    that row's outcome. With `max_rows`, a schedule of more rows (as read, however its lines
    end) is refused before anything is built.
    """
    schedule = load_schedule(schedule_path)
    rows_read = len(schedule.visits) + len({p.location for p in schedule.problems})
    if max_rows is not None and rows_read > max_rows:
        raise TooManyRows(
            _("the schedule has {count} rows; at most {most} are built at a time").format(
                count=rows_read, most=max_rows
            ),
            Location(schedule_path),
            _("split it into several schedules"),
        )
    if profiles is None:
        profiles = load_profiles(profiles_path or find_profiles(schedule_path, project))
    sources = sources if sources is not None else DeckSources()
    # Every row read gets its name, built or not, so that a deck's name does not depend on
    # whether the rows before it could be built (nor change when they are fixed).
    # Names go by the visit, not by its line: a YAML schedule may hold several on one line.
    names = unique_stems(visit_stem(visit, profiles) for visit in schedule.visits)
    rows: list[tuple[PlannedVisit, Path] | VisitOutcome] = []
    for visit, name in zip(schedule.visits, names, strict=True):
        try:
            planned = plan_visit(visit, profiles, sources)
            rows.append((planned, out_dir / f"{name}.pptx"))
        except DeckgenError as exc:
            rows.append(_failed(visit.row, exc))
    problems = schedule.problems + [
        profiles.unknown(director, column_cell(row, "director"))
        for row, director in schedule.unread_directors
        if profiles.find(director) is None
    ]
    # One outcome per row, however many problems it has: the summary counts visits.
    by_row: dict[Location, list[Problem]] = {}
    for problem in problems:
        # A cell's problem (`række 2, kolonne "dato"`) belongs to its row.
        row = msgspec.structs.replace(problem.location, heading="") if problem.location else None
        by_row.setdefault(row or Location(schedule_path), []).append(problem)
    rows.extend(
        VisitOutcome(row, error="\n".join(map(str, found)), problems=found)
        for row, found in by_row.items()
    )
    rows.sort(key=_row_line)
    return rows


def run_tour(
    schedule_path: Path,
    out_dir: Path,
    *,
    profiles_path: Path | None = None,
    project: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    on_outcome: Callable[[VisitOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    prepare: Callable[[list[Row]], list[Row]] | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
    served: tuple[Profiles, DeckSources, Builder] | None = None,
) -> TourResult:
    """Build every visit of the schedule at `schedule_path` into `out_dir`.

    `on_start` hears how many rows there are once the schedule is read; `on_outcome` hears
    of each row as it is done. `prepare` may replace the rows as planned before they are
    built (the register's visits for them); `max_rows` and `max_bytes` bound what one run
    reads and writes. With `served` (the profiles, deck files and builder a server checked
    whole), the tour plans and draws from those, in this process, and reads no profile,
    deck or block file from disk: a half-finished edit there does not reach it.
    """
    started = time.perf_counter()
    _check_folder(out_dir)
    profiles, sources, builder = served or (None, DeckSources(), None)
    rows = plan_tour(
        schedule_path, out_dir, profiles_path, sources, project, max_rows, profiles=profiles
    )
    if prepare is not None:
        rows = prepare(rows)
    if on_start is not None:
        on_start(len(rows))
    result = build_rows(
        rows,
        schedule_path,
        jobs=jobs,
        force=force,
        strict=strict,
        on_outcome=on_outcome,
        started=started,
        max_bytes=max_bytes,
        worker=_Worker(builder, sources) if builder is not None else None,
    )
    made = {row[1].name for row in rows if not isinstance(row, VisitOutcome)}
    made |= {o.output.name for o in result.outcomes if o.output is not None}
    result.stale = stale_decks(out_dir, made)
    result.library_problems = list(
        dict.fromkeys(str(p) for library in sources.libraries() for p in library.problems)
    )
    return result


_TOUR_DECK = re.compile(r"\d{4}-\d{2}-\d{2}_.+\.pptx")
"""How a tour deck's file name looks (see `deckgen.tour.filenames`)."""


def stale_decks(out_dir: Path, made: set[str]) -> list[Path]:
    """The tour decks deckgen made in `out_dir` whose names are not in `made` (the decks this
    run's rows make): left over from a visit that moved or went. Kept copies of edited decks
    are not counted."""
    if not out_dir.is_dir():
        return []
    return [
        path
        for path in sorted(out_dir.glob("*.pptx"))
        if _TOUR_DECK.fullmatch(path.name)
        and path.name not in made
        and not is_backup(path)
        and made_by_deckgen(path)
    ]


def _task(
    planned: PlannedVisit, output: Path, force: bool, strict: bool, schedule_path: Path
) -> _Task:
    """The build of one row, from the row as planned (the register's visit, when the tour
    runs through the register: never a file found by a name cut short)."""
    return _Task(planned, output, force, strict, (schedule_path, planned.deck_path))


def build_rows(
    rows: list[tuple[PlannedVisit, Path] | VisitOutcome],
    schedule_path: Path,
    *,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    on_outcome: Callable[[VisitOutcome], None] | None = None,
    started: float | None = None,
    max_bytes: int | None = None,
    worker: _Worker | None = None,
) -> TourResult:
    """Build the rows `plan_tour` made, `jobs` at a time; `on_outcome` hears of each row.

    With `max_bytes`, decks are built one after another until that much has been written;
    the rows after that are reported as not built (a bound on what one upload may write).
    With `worker`, every row is built by it, one after another, in this process."""
    started = time.perf_counter() if started is None else started
    tasks = [
        _task(row[0], row[1], force, strict, schedule_path)
        for row in rows
        if not isinstance(row, VisitOutcome)
    ]
    outcomes = [row for row in rows if isinstance(row, VisitOutcome)]
    report = on_outcome or (lambda outcome: None)
    for outcome in outcomes:
        report(outcome)
    jobs = max(1, min(jobs or default_jobs(), len(tasks) or 1))
    if jobs == 1 or max_bytes is not None or worker is not None:
        builder = worker or _Worker()
        written = 0
        for task in tasks:
            if max_bytes is not None and written > max_bytes:
                outcome = _over_budget(task, max_bytes)
            else:
                outcome = builder.build(task)
                written += _size(outcome.output) if outcome.ok and not outcome.current else 0
            outcomes.append(outcome)
            report(outcome)
    else:
        outcomes.extend(_run_parallel(tasks, jobs, report))
    outcomes.sort(key=lambda outcome: outcome.row.line)
    return TourResult(outcomes, time.perf_counter() - started, jobs)


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def _over_budget(task: _Task, max_bytes: int) -> VisitOutcome:
    row = task.planned.visit.row
    problem = Problem(
        row,
        _("not built: this run has written {mb} MB of decks, the most one run may").format(
            mb=max_bytes // (1024 * 1024)
        ),
        _("build the rest in another run"),
    )
    return VisitOutcome(row, error=str(problem), problems=[problem])


def _run_parallel(
    tasks: list[_Task], jobs: int, report: Callable[[VisitOutcome], None]
) -> list[VisitOutcome]:
    # Fork where we can: the workers start at once with everything already imported.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    outcomes: list[VisitOutcome] = []
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    futures: dict[Future[VisitOutcome], _Task] = {}
    try:
        futures = {executor.submit(_build_in_worker, task): task for task in tasks}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died (killed, out of memory)
                row = futures[future].planned.visit.row
                outcome = VisitOutcome(
                    row,
                    error=_("{row}: the build stopped: {error}").format(row=row, error=repr(exc)),
                )
            outcomes.append(outcome)
            report(outcome)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return outcomes


class _Worker:
    """Builds visits one after another through one `Builder`, which keeps libraries, themes
    and drawn slides between decks."""

    def __init__(self, builder: Builder | None = None, sources: DeckSources | None = None) -> None:
        """`builder` and `sources` as read already (default: new ones, reading from disk)."""
        self.builder = builder or Builder(reuse_slides=True)
        self.sources = sources or DeckSources(self.builder.libraries)

    def build(self, task: _Task) -> VisitOutcome:
        """Compose, draw and write one visit's deck; any failure becomes the outcome's error."""
        planned = task.planned
        row = planned.visit.row
        try:
            result = self.builder.build(
                planned.deck_path,
                task.output,
                force=task.force,
                strict=task.strict,
                library=self.builder.library(planned.library_folder),
                doc=RowDoc(planned, self.sources.deck(planned.deck_path)),
                inputs=task.inputs,
                keep_current=not task.force,
            )
        except LeftUntouched as exc:
            return VisitOutcome(row, task.output, skipped=f"{row}: {exc.problem}")
        except DeckgenError as exc:
            return _failed(row, exc, task.output)
        except Exception as exc:
            return VisitOutcome(
                row,
                error=_(
                    "{row}: deckgen failed on this row ({kind}: {error}); this is a bug in "
                    "deckgen, please report it"
                ).format(row=row, kind=type(exc).__name__, error=exc),
                trace=traceback.format_exc(),
            )
        warnings = [str(w) for w in result.warnings]
        return VisitOutcome(
            row, task.output, result.slides, warnings, backup=result.backup, current=result.current
        )


_WORKER: _Worker | None = None
"""The builder of this worker process (one per process, made by `_start_worker`)."""


def _start_worker(parent: int) -> None:
    global _WORKER
    from deckgen.tour.orphan import exit_with_parent

    exit_with_parent(parent)
    _WORKER = _Worker()


def _build_in_worker(task: _Task) -> VisitOutcome:
    assert _WORKER is not None
    return _WORKER.build(task)


def _check_folder(out_dir: Path) -> None:
    """Refuse an output folder that is a file, a pipe or a device, before any row is built."""
    from deckgen.regular import NotRegular, check_output_folder

    try:
        check_output_folder(out_dir)
    except NotRegular as exc:
        raise DeckgenError(exc.message, Location(out_dir), exc.hint) from None


def failed_row(row: Location, exc: DeckgenError) -> VisitOutcome:
    """The outcome of a row that could not be planned because of `exc`."""
    return _failed(row, exc)


def _failed(row: Location, exc: DeckgenError, output: Path | None = None) -> VisitOutcome:
    """The outcome of a row that failed with `exc`: the problems of the row (and of its
    output file) on the row; the ones in the files it is made from at their own file and
    line, with a line on the row pointing to them."""
    problems = getattr(exc, "problems", None) or [exc.problem]
    prefix = str(row)
    own = (row.file, output)
    elsewhere = [p for p in problems if p.location is not None and p.location.file not in own]
    lines = [_on_row(prefix, problem) for problem in problems if problem not in elsewhere]
    if elsewhere:
        files = ", ".join(
            dict.fromkeys(display_path(p.location.file) for p in elsewhere if p.location)
        )
        lines.append(
            _("{row}: not built because of the errors in {files} (reported above)").format(
                row=prefix, files=files
            )
        )
    return VisitOutcome(
        row,
        error="\n".join(lines),
        source_errors=[str(p) for p in elsewhere],
        problems=list(problems),
    )


def _on_row(prefix: str, problem: Problem) -> str:
    text = str(problem)
    # A problem at the row, or at one of its cells ("række 3, kolonne …"), already says where.
    return text if text.startswith((prefix + ":", prefix + ",")) else f"{prefix}: {text}"


def _row_line(row: tuple[PlannedVisit, Path] | VisitOutcome) -> int:
    return row.row.line if isinstance(row, VisitOutcome) else row[0].visit.row.line
