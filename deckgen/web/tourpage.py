"""Besøgsturné: upload a schedule, see first what will happen, then make the decks, kept as a
run she can open again.

An upload is checked, not applied (`deckgen.visits.tour.preview_tour`): each row is shown as
a new visit, a changed one (and what changes), an unchanged one, or its problems beside
its column. Nothing is kept until she presses **Lav præsentationerne**; then the tour runs
through the visit register, as `deckgen tour` does, in a thread of its own, and the page
shows its progress (the script asks `…/status` and a live region says it). The run, its
schedule and every row's result are kept in the register's database and the schedule in
the project's `.deckgen/turne/<run>/`, so a run is there after a restart. Decks are written
where `deckgen tour` writes them (the project's `build/`); downloads name a run by its
number and a deck by its place in the run: never a path.

A tour is planned and built from the library the site serves (the last version that checked
whole, `deckgen.librarian.lastgood`), as a visit on the page is: a block file saved half-way
through an edit reaches no tour, and Biblioteket shows communication what is wrong with it.
The run takes a copy of what the site serves when it starts, so a newer version served while
it runs does not change decks half-way through a run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Flask, abort, redirect, render_template, request, send_file
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.tour.dates import understood
from deckgen.tour.run import TooManyRows, VisitOutcome
from deckgen.tour.workbook import BadWorkbook, xlsx_to_csv
from deckgen.visits.record import changes as record_changes
from deckgen.visits.tour import preview_tour, tour_through_register
from deckgen.web import visitviews, words

MAX_ROWS = 1000
"""The most rows an uploaded schedule may have, counted as read (a year's tour is some 240)."""
MAX_WRITTEN_BYTES = 256 * 1024 * 1024
"""The most one upload may write as decks (a deck is some 300 KB; 1,000 rows 300 MB)."""
RUNS_LISTED = 20
"""Earlier runs listed on the tour page."""
SAVE_EVERY = 10
"""A running tour keeps its results every so many rows (a restart loses no more)."""
_SUFFIXES = (".csv", ".txt", ".yaml", ".yml", ".xlsx")
_DECK_NAME = re.compile(r"\d{4}-\d{2}-\d{2}_[^/\\]+\.pptx")


def add_routes(app: Flask, site: Any, who: Any) -> None:
    """The tour page's routes on `app`, over `site`'s register and profiles."""
    running: dict[int, dict[str, Any]] = {}
    """Progress of the runs going on in this server, by run id."""
    one_at_a_time = threading.Lock()

    @app.get("/turne")
    def tour_page() -> Any:
        return _upload_page(site, "")

    @app.post("/turne")
    def tour_upload() -> Any:
        upload = request.files.get("plan")
        if upload is None or not upload.filename:
            return _upload_page(site, "Vælg besøgsplanen først."), 422
        shown = Path(upload.filename).name[:200]
        suffix = Path(shown).suffix.lower()
        if suffix not in _SUFFIXES:
            problem = "Filen skal være et Excel-regneark (.xlsx) eller en CSV-fil."
            return _upload_page(site, problem), 422
        data = upload.read()
        run = site.drafts.add_run(who(), shown, "checking", {})
        folder = runs_folder(site) / str(run.id)
        folder.mkdir(parents=True, exist_ok=True)
        schedule = folder / f"plan{'.csv' if suffix in ('.txt', '.xlsx') else suffix}"
        try:
            if suffix == ".xlsx":
                xlsx_to_csv(data, schedule, MAX_ROWS)
            else:
                schedule.write_bytes(data)
            output = api.tour_output_folder(site.profiles_path)
            rows = preview_tour(
                schedule,
                output,
                site.register,
                profiles_path=site.profiles_path,
                max_rows=MAX_ROWS,
                served=served_copy(site),
            )
        except (BadWorkbook, DeckgenError) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            site.drafts.update_run(run.id, "refused", {})
            text = str(exc.problem) if isinstance(exc, DeckgenError) else str(exc)
            code = 413 if isinstance(exc, TooManyRows) else 422
            return _upload_page(site, words.plain(_named(text, schedule, shown))), code
        site.drafts.update_run(
            run.id,
            "checked",
            {
                "schedule": schedule.name,
                "rows": [_preview_row(site, row, schedule) for row in rows],
            },
        )
        return redirect(f"/turne/{run.id}", 303)

    @app.get("/turne/<int:run_id>")
    def tour_run(run_id: int) -> Any:
        # Its progress before its row: the tour's thread writes "done" and only then drops
        # its progress, so a run read afterwards is never "running" without it unless it
        # really was cut short (read the other way round, a tour ending in between looked
        # interrupted, and its page never went on to the result).
        progress = running.get(run_id)
        run = site.drafts.run(run_id)
        if run is None or run.state in ("refused", "checking"):
            abort(404)
        interrupted = run.state == "running" and progress is None
        return render_template(
            "tour_run.html",
            run=run,
            rows=run.data.get("rows", []),
            results=run.data.get("results", []),
            counts=_counts(run.data),
            progress=progress,
            interrupted=interrupted,
            when=visitviews.when(run.created_at),
        )

    @app.get("/turne/<int:run_id>/status")
    def tour_status(run_id: int) -> Any:
        progress = running.get(run_id)  # before the row, as on the run's page
        run = site.drafts.run(run_id)
        if run is None:
            abort(404)
        if progress is not None:
            return {"state": "running", **{k: progress[k] for k in ("done", "total")}}
        total = len(run.data.get("rows", []))
        return {"state": run.state, "done": len(run.data.get("results", [])), "total": total}

    @app.post("/turne/<int:run_id>/lav")
    def tour_apply(run_id: int) -> Any:
        run = site.drafts.run(run_id)
        if run is None or run.state not in ("checked", "running", "done"):
            abort(404)
        if run_id in running:
            return redirect(f"/turne/{run_id}", 303)
        if not one_at_a_time.acquire(blocking=False):
            return redirect(f"/turne/{run_id}?vent=1", 303)
        folder = runs_folder(site) / str(run_id)
        schedule = folder / str(run.data.get("schedule", ""))
        if not schedule.is_file() or schedule.parent != folder:
            one_at_a_time.release()
            abort(404)
        progress = {"done": 0, "total": len(run.data.get("rows", []))}
        running[run_id] = progress
        data = {**run.data, "results": []}
        site.drafts.update_run(run_id, "running", data)
        person = who()
        served = served_copy(site)

        def work() -> None:
            try:
                _apply(site, run_id, schedule, data, progress, person, served)
            finally:
                running.pop(run_id, None)
                one_at_a_time.release()

        threading.Thread(target=work, name=f"turne-{run_id}", daemon=True).start()
        return redirect(f"/turne/{run_id}", 303)

    @app.get("/turne/<int:run_id>/alle.zip")
    def tour_zip(run_id: int) -> Response:
        run = site.drafts.run(run_id)
        if run is None:
            abort(404)
        decks = [deck for deck in _decks(site, run.data) if deck.is_file()]
        if not decks:
            abort(404)
        response = Response(zip_stream(decks), mimetype="application/zip")
        name = f"{Path(run.filename).stem or 'besoeg'}.zip"
        response.headers.set("Content-Disposition", "attachment", filename=name)
        return response

    @app.get("/turne/<int:run_id>/<int:number>")
    def tour_deck(run_id: int, number: int) -> Response:
        run = site.drafts.run(run_id)
        if run is None:
            abort(404)
        decks = _decks(site, run.data)
        if not 1 <= number <= len(decks) or not decks[number - 1].is_file():
            abort(404)
        deck = decks[number - 1]
        return send_file(deck, as_attachment=True, download_name=deck.name)

    @app.get("/turne/tom-plan.xlsx")
    def empty_plan() -> Response:
        return redirect("/api/visits/plan.xlsx?tom=1", 303)


def served_copy(site: Any) -> Any:
    """What the site serves (its last good library), for a tour's thread: the profiles and
    deck files as checked, and a builder of its own that starts from the site's libraries and
    themes (a `deckgen.visits.service.Project`); nothing is read from disk again."""
    with site.lock:
        project = site.project
        builder = project.builder.copy()
        sources = project.sources.copy(builder.libraries)
    return api.visit_project(project.profiles, sources, builder)


def runs_folder(site: Any) -> Path:
    """Where the web tour keeps each run's schedule: `.deckgen/turne/` in the project."""
    from deckgen.project import project_root
    from deckgen.visits.register import REGISTER_FOLDER

    return project_root(site.profiles_path) / REGISTER_FOLDER / "turne"


def _upload_page(site: Any, problem: str) -> str:
    runs = [
        {
            "id": run.id,
            "filename": run.filename,
            "who": run.who,
            "when": visitviews.when(run.created_at),
            "state": run.state,
            "counts": _counts(run.data),
        }
        for run in site.drafts.runs(RUNS_LISTED)
        if run.state not in ("refused", "checking")
    ]
    return render_template("tour.html", problem=problem, runs=runs)


def _preview_row(site: Any, row: Any, schedule: Path) -> dict[str, Any]:
    """A row as the run keeps it for the page: the visit in words, and what would happen."""
    found: dict[str, Any] = {
        "line": row.line,
        "change": row.change,
        "messages": [_message(p, schedule) for p in row.problems],
        "doubt": words.plain(row.doubt),
        "visit_id": row.visit_id,
        "name": row.name,
    }
    record = row.record
    if record is not None:
        person = site.profiles.directors.get(record.director)
        found |= {
            "committee": record.committee,
            "day": understood(dt.date.fromisoformat(record.date)),
            "director": person.name if person is not None else record.director,
            "changes": visitviews.change_lines(site, record_changes(row.before, record))
            if row.before is not None
            else [],
        }
    return found


def _message(problem: Any, schedule: Path) -> list[str]:
    """A problem as [column, plain words] ("" when it is not one column's)."""
    location = problem.location
    column = ""
    if location is not None and location.heading:
        column = api.schedule_column(location.heading) or location.heading
    text = problem.message if not problem.hint else f"{problem.message} — {problem.hint}"
    return [column, words.plain(_named(text, schedule, ""))]


def _apply(
    site: Any,
    run_id: int,
    schedule: Path,
    data: dict[str, Any],
    progress: dict[str, Any],
    who: str,
    served: Any,
) -> None:
    """Run the tour of the run's schedule through the register with the library `served`,
    keeping its progress."""
    results: list[dict[str, Any]] = data["results"]

    def started(total: int) -> None:
        progress["total"] = total

    def one_done(outcome: VisitOutcome) -> None:
        results.append(_result(outcome, schedule))
        progress["done"] = len(results)
        if len(results) % SAVE_EVERY == 0:
            site.drafts.update_run(run_id, "running", data)

    try:
        result = tour_through_register(
            schedule,
            api.tour_output_folder(site.profiles_path),
            site.register,
            who,
            profiles_path=site.profiles_path,
            jobs=1,
            on_start=started,
            on_outcome=one_done,
            max_rows=MAX_ROWS,
            max_bytes=MAX_WRITTEN_BYTES,
            served=served,
        )
    except DeckgenError as exc:
        data["failure"] = words.plain(str(exc.problem))
        site.drafts.update_run(run_id, "failed", data)
        return
    # The outcomes as annotated at the end (each row's visit and what it did to it).
    data["results"] = [_result(outcome, schedule) for outcome in result.outcomes]
    data["changes"] = dict(result.changes)
    site.drafts.update_run(run_id, "done", data)


def _result(outcome: VisitOutcome, schedule: Path) -> dict[str, Any]:
    if outcome.ok and outcome.output is not None:
        status = "skipped" if outcome.skipped else "built"
        return {
            "line": outcome.row.line,
            "status": status,
            "name": outcome.output.name,
            "visit_id": outcome.visit_id,
            "change": outcome.change,
        }
    if outcome.problems:
        messages = [_message(p, schedule) for p in outcome.problems]
    else:
        lines = [*outcome.source_errors, *outcome.error.splitlines()]
        messages = [["", words.plain(_named(line, schedule, ""))] for line in lines]
    return {"line": outcome.row.line, "status": "problem", "messages": messages}


def _counts(data: dict[str, Any]) -> dict[str, int]:
    found = {"created": 0, "changed": 0, "unchanged": 0, "problem": 0}
    for row in data.get("rows", []):
        found[row.get("change") or "problem"] += 1
    for result in data.get("results", []):
        found[f"result-{result.get('status')}"] = found.get(f"result-{result.get('status')}", 0) + 1
    return found


def _decks(site: Any, data: dict[str, Any]) -> list[Path]:
    """The decks a run made, in its order, where the tour wrote them (by name, checked:
    never a path of the visitor's)."""
    folder = api.tour_output_folder(site.profiles_path)
    return [
        folder / str(result.get("name", ""))
        for result in data.get("results", [])
        if result.get("status") in ("built", "skipped")
        and _DECK_NAME.fullmatch(str(result.get("name", "")))
    ]


def zip_stream(decks: list[Path]) -> Iterator[bytes]:
    """The decks as one zip file, made as it is sent (no copy in memory or on disk)."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_STORED) as archive:
        for deck in decks:
            try:
                source = deck.open("rb")
            except OSError:
                continue  # gone since the tour (another tour rebuilt the folder): left out
            with source, archive.open(deck.name, "w", force_zip64=True) as target:
                while chunk := source.read(256 * 1024):
                    target.write(chunk)
                    yield pipe.take()
        yield pipe.take()
    yield pipe.take()


class _Pipe(io.RawIOBase):
    """A file the zip is written into, emptied as it is sent."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        found = b"".join(self.chunks)
        self.chunks.clear()
        return found


def _named(text: str, schedule: Path, shown: str) -> str:
    """`text` with our copy of the schedule called by the name the visitor gave it."""
    for form in (str(schedule), api.Location(schedule).__str__()):
        text = text.replace(form, shown)
    return text
