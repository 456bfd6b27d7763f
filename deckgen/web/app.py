"""The web app: the pages a secretary uses, and the JSON API beside them.

`create_app` makes a Flask app over one project (its profile file, and through it the deck
and the block library). Every page is a thin shell over `deckgen.api`, as the command line
is. Nothing a visitor sends names a file: directors, committees, blocks, previews and tour
results are chosen by ids from lists the server made, and uploads go to a folder of ours.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
from pathlib import Path
from typing import Any

from flask import Flask, abort, current_app, redirect, render_template, request, send_file, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.i18n import N_, _
from deckgen.web import openapi, tourpage, visitpage, words
from deckgen.web.rows import Outcome, make_visit
from deckgen.web.site import Site

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""The largest request (a schedule upload, a form): 2 MB is some ten thousand rows."""


def create_app(profiles: Path, *, scratch: Path | None = None) -> Flask:
    """The app serving the project whose director profiles are at `profiles`."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("DECKGEN_SECRET") or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD_BYTES,
        WTF_CSRF_TIME_LIMIT=None,  # a form left open over lunch still submits
        SESSION_COOKIE_SAMESITE="Lax",
    )
    csrf = CSRFProtect(app)
    site = Site(profiles, scratch)
    app.extensions["deckgen_site"] = site

    @app.before_request
    def reread() -> None:
        site.refresh()

    @app.after_request
    def harden(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:"
        )
        return response

    @app.get("/")
    def home() -> Response:
        return redirect(url_for("new_visit"))

    @app.route("/ny", methods=["GET", "POST"])
    def new_visit() -> Any:
        return _new_visit(site)

    @csrf.exempt
    @app.post("/ny/tjek")
    def check_fields() -> Any:
        # The form's fields checked as she types (app.js): JSON only, writes nothing.
        body = _json_body() if request.is_json else None
        if not isinstance(body, dict):
            return {"problems": {}}, 400
        values = {name: _cell(body.get(name, "")) for name in visitpage.FIELDS}
        outcome = make_visit(values, site, build=False)
        return {
            "problems": _by_field(outcome.problems),
            "understood": _understood(values.get("dato", "")),
        }

    @app.get("/blok/<block_id>.png")
    def block_picture(block_id: str) -> Response:
        picture = site.blocks(wait=False).pictures.get(block_id)
        if picture is None:
            abort(404)
        return send_file(picture, mimetype="image/png", max_age=300)

    @app.get("/forhaandsvisning/<key>/<int:number>.jpg")
    def preview_picture(key: str, number: int) -> Response:
        picture = site.preview_page(key, number)
        if picture is None:
            abort(404)
        return send_file(picture, mimetype="image/jpeg", max_age=3600)

    @app.get("/bibliotek")
    def library() -> str:
        return _library_page(site)

    @csrf.exempt
    @app.post("/api/visits")
    def api_visits() -> Any:
        # JSON only: a browser cannot send application/json to another site without asking
        # (CORS), so this needs no CSRF token.
        if not request.is_json:
            return {"problems": [{"field": "", "message": _("send JSON (application/json)")}]}, 415
        body = _json_body()
        if not isinstance(body, dict):
            return {"problems": [{"field": "", "message": _("send one JSON object")}]}, 400
        started, cpu = time.perf_counter(), time.thread_time()
        outcome = make_visit({str(k): _cell(v) for k, v in body.items()}, site)
        took = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu) * 1000
        if not outcome.ok:
            problems = [
                {"field": p.field, "message": p.message, **({"where": p.where} if p.where else {})}
                for p in outcome.problems
            ]
            return {"problems": problems}, 422
        response = _pptx(outcome)
        # Wall time, and this thread's processor time (what a busy machine does not inflate).
        response.headers["Server-Timing"] = f"build;dur={took:.1f}, cpu;dur={cpu:.1f}"
        return response

    @app.get("/api/openapi.json")
    def api_description() -> dict[str, Any]:
        return openapi.description()

    tourpage.add_routes(app, site)

    @app.errorhandler(CSRFError)
    def refused(error: CSRFError) -> tuple[str, int]:
        return _error_page(
            _("The page was too old"),
            _(
                "The form could not be sent because the page has grown too old or was "
                "opened somewhere else. Go back, reload the page and try again."
            ),
            400,
        )

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> tuple[str, int]:
        return _error_page(
            _("The file is too large"),
            _(
                "At most {size} MB can be sent at a time. Split the schedule into several files."
            ).format(size=MAX_UPLOAD_BYTES // 1024 // 1024),
            413,
        )

    @app.errorhandler(404)
    def not_found(error: HTTPException) -> tuple[str, int]:
        return _error_page(_("The page does not exist"), _("Use the menu at the top."), 404)

    @app.errorhandler(Exception)
    def failed(error: Exception) -> Any:
        if isinstance(error, HTTPException):
            return error
        app.logger.exception(_("request failed"))
        if isinstance(error, api.DeckgenError):
            return _error_page(_("It did not work"), words.plain(str(error.problem)), 500)
        return _error_page(
            _("Something went wrong"),
            _(
                "The presentation could not be made. The error is written in the server's "
                "log; try again, and contact IT if it keeps happening."
            ),
            500,
        )

    return app


def _error_page(title: str, text: str, status: int) -> tuple[str, int]:
    return render_template("error.html", title=title, text=text), status


def _json_body() -> Any:
    """The request's JSON; None if it is not JSON, or nested deeper than Python's JSON reader
    goes (`[[[[…` thousands deep: a RecursionError `silent` does not catch)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def _cell(value: Any) -> Any:
    """A JSON value as a schedule cell: lists of ids stay lists, the rest becomes text."""
    if isinstance(value, list):
        return [str(item) for item in value]
    return "" if value is None else value if isinstance(value, str) else str(value)


def _pptx(outcome: Outcome) -> Response:
    name = f"{outcome.planned.stem}.pptx"
    response = Response(
        outcome.data,
        mimetype="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    )
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


# Ny præsentation ---------------------------------------------------------------------------


def _new_visit(site: Site) -> Any:
    fresh = request.method == "GET"
    state = visitpage.read_form(request.form, site, fresh=fresh)
    action = "" if fresh else request.form.get("handling", "gem")
    visitpage.apply(state, action, site)
    base = api.visit_slide_ids(site.profiles, state.director, site.sources())
    row = state.row(base)
    order = [visitpage.key_id(key) for key in state.ticked]
    # In the background (the page's script) a step only changes the list; the preview is
    # asked for on its own, so that moving a slide is not held up by LibreOffice.
    partial = request.headers.get("X-Deckgen-Del") == "1"
    wants_preview = action in ("forhåndsvis", "forhåndsvis-igen") or (
        request.form.get("forhaandsvisning") == "1" and not partial and not fresh
    )
    outcome: Outcome | None = None
    preview: tuple[str, int] | None = None
    if action == "hent" or wants_preview:
        outcome = make_visit(row, site, order=order)
        if outcome.ok and action == "hent":
            saved = api.save_visit_file(outcome.planned)
            current_app.logger.info("visit saved as %s", saved)
            return _pptx(outcome)
        if outcome.ok:
            key, pages = site.preview(outcome.data)
            preview = (key, len(pages))
    elif not fresh and action != "direktør-valgt":
        # Each step checks the fields as a submit would (no build): her problems stay shown.
        checked = make_visit(row, site, build=False)
        state.problems = [p for p in checked.problems if _typed(p.field, row)]
    problems = outcome.problems if outcome else state.problems
    blocks = site.blocks(wait=False)
    return render_template(
        "new.html",
        directors=list(site.profiles.directors.values()),
        state=state,
        understood=_understood(row["dato"]),
        committees=api.committee_names(site.profiles),
        slides=[_block(site, key, blocks) for key in state.slides],
        addable=_addable(site, state.slides, state.query, state.tag, blocks),
        tags=sorted({t for entry in (site.library or []) for t in entry.block.tags}),
        by_field=_by_field(problems),
        problem_count=len(problems) if outcome else 0,
        preview=preview,
        warnings=[words.plain(w) for w in outcome.warnings] if outcome else [],
        pictures_error=blocks.error,
        pictures_pending=blocks.pending,
        partial=partial,
    )


def _typed(column: str, row: dict[str, str]) -> bool:
    """A problem of a field she has filled in (an empty one is only said on submit)."""
    return not column or bool(row.get(column, "").strip())


def _understood(text: str) -> str:
    """The date typed, as read: "torsdag 12. marts 2026"; "" if it is not a date."""
    if not text.strip():
        return ""
    try:
        day = dt.date.fromisoformat(api.visit_date(text))
    except ValueError:
        return ""
    return f"{WEEKDAYS[day.weekday()]} {day.day}. {MONTHS[day.month - 1]} {day.year}"


WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def _by_field(problems: list[Any]) -> dict[str, list[str]]:
    """The problems' texts by the field they concern ("" for the visit as a whole), in plain
    words for her; a problem in the library's files is written to the log with its place,
    and the page says it is communication's to fix."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        text = words.plain(problem.message)
        if problem.where:
            current_app.logger.warning("%s: %s", problem.where, problem.message)
            text = _(LIBRARY_PROBLEM).format(text=text)
        found.setdefault(problem.field, []).append(text)
    return found


LIBRARY_PROBLEM = N_(
    "The library has a mistake that communication must put right: {text}. It is listed on "
    "the Biblioteket page too. Untick the slide if you need the presentation now."
)


def _block(site: Site, key: str, blocks: Any) -> dict[str, Any]:
    """A slide of the list, or a block of the library, as the page shows it."""
    block_id = visitpage.key_id(key)
    found = site.library.get(block_id) if site.library else None
    return {
        "key": key,
        "id": block_id,
        "heading": visitpage.heading(site, block_id),
        "kind": visitpage.kind(site, block_id),
        "tags": list(found.block.tags) if found else [],
        "picture": block_id in blocks.pictures,
    }


def _addable(site: Site, slides: list[str], query: str, tag: str, blocks: Any) -> list[dict]:
    shown = {visitpage.key_id(key) for key in slides}
    wanted = query.casefold()
    found = []
    for entry in site.library or []:
        info = _block(site, entry.block.id, blocks)
        if info["id"] in shown:
            continue
        if tag and tag not in info["tags"]:
            continue
        if wanted and wanted not in f"{info['id']} {info['heading']}".casefold():
            continue
        found.append(info)
    return found


# Biblioteket -------------------------------------------------------------------------------


def _library_page(site: Site) -> str:
    blocks = site.blocks(wait=False)
    users: dict[str, list[str]] = {}
    for person in site.profiles.directors.values():
        for block_id in api.visit_slide_ids(site.profiles, person.id, site.sources()):
            users.setdefault(block_id, []).append(person.name)
    everyone = len(site.profiles.directors)
    entries = [
        {
            **_block(site, entry.block.id, blocks),
            "where": f"{entry.location.file.name}, linje {entry.location.line}",
            "users": (
                "alle direktører"
                if len(users.get(entry.block.id, [])) == everyone
                else ", ".join(users.get(entry.block.id, [])) or "ingen"
            ),
        }
        for entry in site.library or []
    ]
    problems = [
        str(p) for p in [*(site.library.problems if site.library else []), *blocks.problems]
    ]
    return render_template(
        "library.html",
        entries=entries,
        users=users,
        problems=list(dict.fromkeys(problems)),
        pictures_error=blocks.error,
        pictures_pending=blocks.pending,
    )
