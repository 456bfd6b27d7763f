"""Besøgsturné: upload a schedule, see each row's result, download the decks.

Each upload gets a folder of ours (under the site's scratch folder, named by a random
token); the schedule is saved there under a fixed name (an Excel workbook as the CSV it
holds, `deckgen.web.xlsx`). The tour builds into the project's own output folder, where
`deckgen tour` writes, one deck after another in the server's thread (forking workers from a
threaded server is not safe): so a deck edited since it was built is left as it is and shown
as skipped, as the command line does. Downloads name the upload by its token and a deck by
its number in the list: never a path.
"""

from __future__ import annotations

import csv
import io
import secrets
import shutil
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, abort, render_template, request, send_file
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.web import words
from deckgen.web.rows import make_visit
from deckgen.web.xlsx import BadWorkbook, xlsx_to_csv

MAX_ROWS = 1000
"""The most rows an uploaded schedule may have (a year's tour is some 240)."""
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


@dataclass
class Tour:
    """An upload and what became of it."""

    token: str
    filename: str
    folder: Path
    rows: list[RowResult]
    decks: list[Path]


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
        if suffix != ".xlsx" and data.count(b"\n") > MAX_ROWS:
            problem = f"Planen har mere end {MAX_ROWS} rækker. Del den op i flere filer."
            return render_template("tour.html", tour=None, problem=problem), 413
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
                result = api.build_tour(schedule, output, directors=site.profiles_path, jobs=1)
        except api.DeckgenError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            problem = words.plain(_named(str(exc.problem), schedule, shown))
            return render_template("tour.html", tour=None, problem=problem), 422
        rows, decks = [], []
        cells = _rows_cells(schedule)
        for outcome in result.outcomes:
            line = outcome.row.line
            if outcome.ok and outcome.output is not None:
                decks.append(outcome.output)
                status = "skipped" if outcome.skipped else "built"
                rows.append(RowResult(line, outcome.output.name, status, number=len(decks)))
            else:
                lines = [*outcome.source_errors, *outcome.error.splitlines()]
                columns = _columns(cells.get(line), site)
                messages = []
                for m in lines:
                    column = next((c for text, c in columns if text in m), "")
                    if column:  # the page says "Kolonne udvalg:" before it; the message need not
                        at_cell = str(api.Location(schedule, line, heading=column))
                        m = m.replace(at_cell, str(api.Location(schedule, line)))
                    messages.append((column, words.plain(_named(m, schedule, shown))))
                rows.append(RowResult(line, "", "problem", messages))
        tour = Tour(token, shown, folder, rows, decks)
        tours.add(tour)
        return render_template("tour.html", tour=tour, problem="")

    @app.get("/turne/<token>/alle.zip")
    def tour_zip(token: str) -> Response:
        tour = tours.get(token)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for deck in tour.decks:
                archive.write(deck, deck.name)
        buffer.seek(0)
        name = f"{Path(tour.filename).stem or 'besoeg'}.zip"
        return send_file(buffer, mimetype="application/zip", as_attachment=True, download_name=name)

    @app.get("/turne/<token>/<int:number>")
    def tour_deck(token: str, number: int) -> Response:
        tour = tours.get(token)
        if not 1 <= number <= len(tour.decks):
            abort(404)
        deck = tour.decks[number - 1]
        return send_file(deck, as_attachment=True, download_name=deck.name)


def _rows_cells(schedule: Path) -> dict[int, dict[str, str]]:
    """A CSV schedule's cells by row number (as the tour counts rows) and column name."""
    if schedule.suffix != ".csv":
        return {}
    try:
        text = schedule.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}  # the tour said why; the columns are a help, not needed
    first = text.split("\n", 1)[0]
    declared = first.strip().lower().startswith("sep=") and len(first.strip()) == 5
    delimiter = first.strip()[4] if declared else max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if declared:
            next(reader, None)
        header = next(reader, [])
        found = {}
        number = reader.line_num
        for record in reader:
            number += 1
            found[number] = {name: cell for name, cell in zip(header, record, strict=False) if name}
        return found
    except csv.Error:
        return {}


def _columns(cells: dict[str, str] | None, site: Any) -> list[tuple[str, str]]:
    """Each problem of a row's `cells` (without its place) and the column it concerns: the
    web form's own check, which reads and plans the row as the tour does."""
    if not cells:
        return []
    outcome = make_visit(cells, site, build=False)
    return [(problem.message, problem.field) for problem in outcome.problems if problem.field]


def _named(text: str, schedule: Path, shown: str) -> str:
    """`text` with our copy of the schedule called by the name the visitor gave it."""
    for form in (str(schedule), api.Location(schedule).__str__()):
        text = text.replace(form, shown)
    return text
