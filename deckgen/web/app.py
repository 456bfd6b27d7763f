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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.i18n import _
from deckgen.visits.record import LIST_COLUMNS, SCHEDULE_COLUMNS
from deckgen.visits.register import UNKNOWN_USER
from deckgen.web import openapi, tourpage, visitsapi
from deckgen.web.hosts import allowed_hosts, host_allowed
from deckgen.web.rows import Outcome, make_visit
from deckgen.web.site import Site

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""The largest request (a schedule upload, a form): 2 MB is some ten thousand rows."""
FORM_FIELDS = tuple(column for column in SCHEDULE_COLUMNS if column not in LIST_COLUMNS)
"""The visit's fields typed on Ny præsentation (the record's text columns); the slides are
ticked."""
CLOSING_KINDS = ("closing", "call_to_action")
"""Blocks of these kinds end a deck: a block added by hand goes before them, as the tour does."""


USER_HEADER_ENV = "DECKGEN_USER_HEADER"
"""The environment variable naming the header a reverse proxy puts the user's name in."""


def create_app(
    profiles: Path,
    *,
    scratch: Path | None = None,
    hosts: Iterable[str] = (),
    user_header: str | None = None,
    database: str | None = None,
) -> Flask:
    """The app serving the project whose director profiles are at `profiles`; it answers
    requests for `hosts` (and `allowed_hosts` says which others, `deckgen.web.hosts`).

    `user_header` names the request header that says who is logged in (set by the
    municipality's reverse proxy; default `DECKGEN_USER_HEADER`): the register records that
    name with each change. Without it, nobody's header is trusted and changes are made by
    "ukendt". `database` is the register's URL (default: `DECKGEN_DATABASE_URL`, else the
    project's SQLite file)."""
    app = Flask(__name__)
    allowed = allowed_hosts(hosts)
    site = Site(profiles, scratch, database)
    app.extensions["deckgen_site"] = site
    header = (user_header or os.environ.get(USER_HEADER_ENV, "")).strip()

    def who() -> str:
        """Who makes this request: the trusted header's name, else "ukendt"."""
        if not header:
            return UNKNOWN_USER
        name = " ".join(request.headers.get(header, "").split())[:200]
        return name or UNKNOWN_USER

    # Kept with the register when not given, so an open page still works after a restart.
    secret = os.environ.get("DECKGEN_SECRET") or site.register.setting(
        "secret_key", lambda: secrets.token_hex(32)
    )
    app.config.update(
        SECRET_KEY=secret,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_UPLOAD_BYTES,
        WTF_CSRF_TIME_LIMIT=None,  # a form left open over lunch still submits
        SESSION_COOKIE_SAMESITE="Lax",
    )
    csrf = CSRFProtect(app)

    @app.before_request
    def reread() -> Any:
        g.started = time.perf_counter()
        # First the Host: a page elsewhere whose name is made to point here (DNS rebinding)
        # must not read or drive the server through the visitor's browser.
        if not host_allowed(request.host, allowed):
            current_app.logger.warning(
                _("refused a request for the host {host}").format(host=repr(request.host[:100]))
            )
            return _error_page(
                _("Unknown address"),
                _("The server does not answer to the address {host}.").format(
                    host=request.host[:100]
                ),
                400,
            )
        site.refresh()
        return None

    @app.after_request
    def harden(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:"
        )
        # The server's time for the request, as a browser's developer tools show it (and
        # bench/visits.py reads): from before the files are stat-ed to the answer made.
        started = g.get("started")
        if started is not None and "Server-Timing" not in response.headers:
            took = (time.perf_counter() - started) * 1000
            response.headers["Server-Timing"] = f"app;dur={took:.1f}"
        return response

    @app.get("/")
    def home() -> Response:
        return redirect(url_for("new_visit"))

    @app.route("/ny", methods=["GET", "POST"])
    def new_visit() -> Any:
        return _new_visit(site, who())

    @csrf.exempt
    @app.post("/ny/tjek")
    def check_fields() -> Any:
        # The form's fields checked as she types (app.js): JSON only, writes nothing.
        body = _json_body() if request.is_json else None
        if not isinstance(body, dict):
            return {"problems": {}}, 400
        values = {name: _cell(body.get(name, "")) for name in FORM_FIELDS}
        outcome = make_visit(values, site, build=False)
        return {"problems": _by_field(outcome.problems)}

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

    visitsapi.add_routes(app, site, who, csrf)

    @app.get("/api/openapi.json")
    def api_description() -> dict[str, Any]:
        return openapi.description()

    tourpage.add_routes(app, site, who)

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
            if _wants_json() and error.code:
                # werkzeug's words are English: the status says what it was.
                return _error_page(
                    _("The request cannot be answered"),
                    _("the server answers it with status {code}").format(code=error.code),
                    error.code,
                )
            return error
        app.logger.exception(_("request failed"))
        if isinstance(error, api.DeckgenError):
            return _error_page(_("It did not work"), str(error.problem), 500)
        return _error_page(
            _("Something went wrong"),
            _(
                "The presentation could not be made. The error is written in the server's "
                "log; try again, and contact IT if it keeps happening."
            ),
            500,
        )

    return app


def _error_page(title: str, text: str, status: int) -> tuple[Any, int]:
    """An error as a page, or as JSON for the API and whatever sent JSON (a script, the
    page's field check, reads JSON, never HTML)."""
    if _wants_json():
        return jsonify({"problems": [{"field": "", "message": f"{title}: {text}"}]}), status
    return render_template("error.html", title=title, text=text), status


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json


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


# Ny præsentation ---------------------------------------------------------------------------


def _new_visit(site: Site, who: str) -> Any:
    form = request.form
    directors = list(site.profiles.directors.values())
    director = form.get("direktør", "")
    if director not in site.profiles.directors:
        director = directors[0].id
    action = form.get("handling", "")
    base = api.visit_slide_ids(site.profiles, director, site.sources())
    slides = [s for s in form.getlist("slide") if site.library and site.library.get(s)]
    chosen = set(form.getlist("med"))
    # The slides listed were the previous director's if she changed the list and not the page.
    stale = form.get("diasene_til") != director
    if request.method == "GET" or action == "direktør" or stale or not slides:
        slides, chosen = list(base), set(base)
    slides = list(dict.fromkeys(slides))
    verb, _, target = action.partition(":")
    if target in slides and verb in ("op", "ned"):
        index = slides.index(target)
        other = index - 1 if verb == "op" else index + 1
        if 0 <= other < len(slides):
            slides[index], slides[other] = slides[other], slides[index]
    elif verb == "tilføj" and site.library and site.library.get(target) and target not in slides:
        # As the tour places an added block: a closing slide last, anything else before the
        # closing slides; so the page and the tour make the same deck of the same visit.
        end = len(slides)
        while end > 0 and _kind(site, slides[end - 1]) in CLOSING_KINDS:
            end -= 1
        slides.insert(len(slides) if _kind(site, target) in CLOSING_KINDS else end, target)
        chosen.add(target)
    values = {
        "dato": form.get("dato", dt.date.today().isoformat()),
        "direktør": director,
        "udvalg": form.get("udvalg", ""),
        "sted": form.get("sted", ""),
        "lokalt eksempel": form.get("lokalt_eksempel", ""),
    }
    ticked = [s for s in slides if s in chosen]
    values["tilføj"] = " ".join(s for s in ticked if s not in base)
    values["fjern"] = " ".join(s for s in base if s not in chosen)
    outcome: Outcome | None = None
    preview: tuple[str, int] | None = None
    confirmed = form.getlist("bekræft")
    if action in ("forhåndsvis", "hent"):
        hent = action == "hent"
        outcome = make_visit(values, site, order=ticked, confirmed=confirmed, build=not hent)
        if outcome.ok and hent and outcome.record is not None:
            # Kept, then its deck drawn once for this revision and recorded, as the API does.
            saved = site.register.save(outcome.record, who)
            current_app.logger.info("visit %s saved (%s)", saved.visit.id, saved.outcome)
            deck = visitsapi.deck_file(site, saved.visit, who)
            return send_file(
                deck, mimetype=visitsapi.PPTX, as_attachment=True, download_name=deck.name
            )
        if outcome.ok:
            key, pages = site.preview(outcome.data)
            preview = (key, len(pages))
    problems = outcome.problems if outcome else []
    by_field = _by_field(problems)
    query = form.get("søg", "").strip()
    tag = form.get("emne", "")
    blocks = site.blocks(wait=False)
    return render_template(
        "new.html",
        directors=directors,
        director=director,
        committees=api.committee_names(site.profiles),
        values=values,
        slides=[_block(site, s, blocks) for s in slides],
        chosen=chosen,
        addable=_addable(site, slides, query, tag, blocks),
        tags=sorted({t for entry in (site.library or []) for t in entry.block.tags}),
        query=query,
        tag=tag,
        by_field=by_field,
        doubted=outcome.doubted if outcome else set(),
        understood=outcome.understood if outcome else "",
        problem_count=len(problems),
        preview=preview,
        warnings=outcome.warnings if outcome else [],
        pictures_error=blocks.error,
        pictures_pending=blocks.pending,
    )


def _by_field(problems: list[Any]) -> dict[str, list[str]]:
    """The problems' texts by the field they concern ("" for the visit as a whole)."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        text = f"{problem.where}: {problem.text}" if problem.where else problem.text
        found.setdefault(problem.field, []).append(text)
    return found


def _kind(site: Site, block_id: str) -> str:
    found = site.library.get(block_id) if site.library else None
    return str(getattr(found.block, "kind", "")) if found else ""


def _block(site: Site, block_id: str, blocks: Any) -> dict[str, Any]:
    found = site.library.get(block_id) if site.library else None
    heading = " ".join(found.block.heading.split()) if found else ""
    return {
        "id": block_id,
        "heading": heading,
        "kind": _kind(site, block_id),
        "tags": list(found.block.tags) if found else [],
        "picture": block_id in blocks.pictures,
    }


def _addable(site: Site, slides: list[str], query: str, tag: str, blocks: Any) -> list[dict]:
    wanted = query.casefold()
    found = []
    for entry in site.library or []:
        info = _block(site, entry.block.id, blocks)
        if info["id"] in slides:
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
