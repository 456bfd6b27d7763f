"""Besøgsturné: upload a schedule, see each row's result, download the decks.

Each upload gets a folder of ours (under the site's scratch folder, named by a random
token); the schedule is saved there under a fixed name (an Excel workbook as the CSV it
holds, `deckgen.tour.workbook`). The tour runs through the visit register, as `deckgen tour`
does (each row kept as a visit, by whom the proxy's header names), and builds into the
project's own output folder, one deck after another in the server's thread (forking workers
from a threaded server is not safe): so a deck edited since it was built is left as it is
and shown as skipped, as the command line does. Each row's problems come with the column
they concern, as the tour found them. Downloads name the upload by its token and a deck by
its number in the list: never a path.
"""

from __future__ import annotations

import io
import secrets
import shutil
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from flask import Flask, abort, render_template, request, send_file
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.tour.run import TooManyRows
from deckgen.tour.workbook import BadWorkbook, xlsx_to_csv

MAX_ROWS = 1000
"""The most rows an uploaded schedule may have, counted as read (a year's tour is some 240)."""
MAX_WRITTEN_BYTES = 256 * 1024 * 1024
"""The most one upload may write as decks (a deck is some 300 KB; 1,000 rows 300 MB)."""
KEPT_TOURS = 10
"""Uploads whose decks stay downloadable; the oldest is removed first."""
_SUFFIXES = (".csv", ".txt", ".yaml", ".yml", ".xlsx")


@dataclass
class RowResult:
    """One row of an uploaded schedule, as the page lists it."""

    row: int
    name: str
    status: str
    """`built`, `skipped` (edited since it was built, left as it is) or `problem`."""
    messages: list[tuple[str, str]] = field(default_factory=list)
    """Each problem: the column it concerns ("" when not one column) and what is wrong."""
    number: int = 0
    """The deck's number in the upload's downloads (from 1); 0 when there is none."""
    change: str = ""
    """What the row did to its visit in the register: `created`, `changed`, `unchanged`."""


@dataclass
class Tour:
    """An upload and what became of it."""

    token: str
    filename: str
    folder: Path
    rows: list[RowResult]
    decks: list[Path]
    changes: dict[str, int] = field(default_factory=dict)
    """How many rows made, changed or left unchanged their visit in the register."""


class Tours:
    """The uploads kept, by token."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.lock = threading.Lock()
        self.kept: OrderedDict[str, Tour] = OrderedDict()

    def add(self, tour: Tour) -> None:
        with self.lock:
            self.kept[tour.token] = tour
            while len(self.kept) > KEPT_TOURS:
                _, old = self.kept.popitem(last=False)
                shutil.rmtree(old.folder, ignore_errors=True)

    def get(self, token: str) -> Tour:
        with self.lock:
            tour = self.kept.get(token)
        if tour is None:
            abort(404)
        return tour


def add_routes(app: Flask, site: Any, who: Any) -> None:
    """The tour page's routes, on `app`, building with `site`'s profiles."""
    tours = Tours(site.scratch)

    @app.route("/turne", methods=["GET", "POST"])
    def tour_page() -> Any:
        if request.method == "GET":
            return render_template("tour.html", tour=None, problem="")
        upload = request.files.get("plan")
        if upload is None or not upload.filename:
            return render_template("tour.html", tour=None, problem="Vælg en fil først."), 422
        suffix = Path(upload.filename).suffix.lower()
        if suffix not in _SUFFIXES:
            problem = "Filen skal være et Excel-regneark (.xlsx) eller en CSV-fil."
            return render_template("tour.html", tour=None, problem=problem), 422
        data = upload.read()
        token = secrets.token_urlsafe(12)
        folder = site.scratch / f"tour-{token}"
        folder.mkdir(parents=True)
        shown = Path(upload.filename).name
        schedule = folder / f"plan{'.csv' if suffix in ('.txt', '.xlsx') else suffix}"
        if suffix == ".xlsx":
            try:
                xlsx_to_csv(data, schedule, MAX_ROWS)
            except BadWorkbook as exc:
                shutil.rmtree(folder, ignore_errors=True)
                return render_template("tour.html", tour=None, problem=str(exc)), 422
        else:
            schedule.write_bytes(data)
        output = api.tour_output_folder(site.profiles_path)
        try:
            with site.lock:
                # Rows are counted as read (a CSV with CR line endings, a YAML schedule on
                # one line), and what one upload writes is bounded.
                result = api.build_tour(
                    schedule,
                    output,
                    directors=site.profiles_path,
                    jobs=1,
                    who=who(),
                    register=site.register,
                    max_rows=MAX_ROWS,
                    max_bytes=MAX_WRITTEN_BYTES,
                )
        except api.DeckgenError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            problem = _named(str(exc.problem), schedule, shown)
            code = 413 if isinstance(exc, TooManyRows) else 422
            return render_template("tour.html", tour=None, problem=problem), code
        rows, decks = [], []
        for outcome in result.outcomes:
            line = outcome.row.line
            if outcome.ok and outcome.output is not None:
                decks.append(outcome.output)
                status = "skipped" if outcome.skipped else "built"
                rows.append(
                    RowResult(
                        line, outcome.output.name, status, number=len(decks), change=outcome.change
                    )
                )
            else:
                messages = _messages(outcome, schedule, shown)
                rows.append(RowResult(line, "", "problem", messages, change=outcome.change))
        tour = Tour(token, shown, folder, rows, decks, dict(result.changes))
        tours.add(tour)
        return render_template("tour.html", tour=tour, problem="")

    @app.get("/turne/<token>/alle.zip")
    def tour_zip(token: str) -> Response:
        tour = tours.get(token)
        name = f"{Path(tour.filename).stem or 'besoeg'}.zip"
        response = Response(zip_stream(tour.decks), mimetype="application/zip")
        response.headers.set("Content-Disposition", "attachment", filename=name)
        return response

    @app.get("/turne/<token>/<int:number>")
    def tour_deck(token: str, number: int) -> Response:
        tour = tours.get(token)
        if not 1 <= number <= len(tour.decks):
            abort(404)
        deck = tour.decks[number - 1]
        return send_file(deck, as_attachment=True, download_name=deck.name)


def _messages(outcome: Any, schedule: Path, shown: str) -> list[tuple[str, str]]:
    """Each problem of a row that was not built, with the column it concerns (its cell's),
    named as the visitor named the schedule."""
    if not outcome.problems:
        lines = [*outcome.source_errors, *outcome.error.splitlines()]
        return [("", _named(line, schedule, shown)) for line in lines]
    found = []
    for problem in outcome.problems:
        location = problem.location
        column = ""
        if location is not None and location.file == schedule and location.heading:
            column = api.schedule_column(location.heading) or location.heading
            # The page says "Kolonne udvalg:" before it; the message names the row only.
            problem = api.Problem(replace(location, heading=""), problem.message, problem.hint)
        found.append((column, _named(str(problem), schedule, shown)))
    return found


ZIP_CHUNK = 256 * 1024
"""How much of a deck is read, and sent, at a time when the decks are zipped for download."""


class _Pending(io.RawIOBase):
    """A stream `zipfile` writes into and the response takes the bytes out of as they come."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        taken, self.chunks = b"".join(self.chunks), []
        return taken


def zip_stream(decks: list[Path]) -> Iterator[bytes]:
    """The decks as one zip, made while it is sent: a piece of a deck at a time is in memory,
    not the whole zip (it was built in memory on every click, and eight downloads held 940 MB).
    A deck gone since the tour (another tour rebuilt the folder) is left out."""
    pending = _Pending()
    with zipfile.ZipFile(pending, "w", zipfile.ZIP_STORED) as archive:
        for deck in decks:
            try:
                source = deck.open("rb")
            except OSError:
                continue
            with source, archive.open(deck.name, "w", force_zip64=True) as member:
                while chunk := source.read(ZIP_CHUNK):
                    member.write(chunk)
                    yield pending.take()
        yield pending.take()
    yield pending.take()


def _named(text: str, schedule: Path, shown: str) -> str:
    """`text` with our copy of the schedule called by the name the visitor gave it."""
    for form in (str(schedule), api.Location(schedule).__str__()):
        text = text.replace(form, shown)
    return text
