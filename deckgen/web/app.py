"""The web app: the pages a secretary uses, and the JSON API beside them.

`create_app` makes a Flask app over one project (its profile file, and through it the deck
and the block library). Every page is a thin shell over `deckgen.api`, as the command line
is. Nothing a visitor sends names a file: directors, committees, blocks, previews and tour
results are chosen by ids from lists the server made, and uploads go to a folder of ours.
"""

from __future__ import annotations

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
    render_template,
    request,
    send_file,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.i18n import _
from deckgen.visits.register import UNKNOWN_USER
from deckgen.web import (
    librarypage,
    openapi,
    tourpage,
    visitlist,
    visitpage,
    visitsapi,
    visitviews,
    words,
)
from deckgen.web.hosts import allowed_hosts, host_allowed
from deckgen.web.rows import make_visit
from deckgen.web.site import Site
from deckgen.web.visitsapi import LARGEST_ROW_NUMBER

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""The largest request (a schedule upload, a form): 2 MB is some ten thousand rows."""


USER_HEADER_ENV = "DECKGEN_USER_HEADER"
"""The environment variable naming the header a reverse proxy puts the user's name in."""


class RowId(IntegerConverter):
    """Flask's `int` for ids and numbers in URLs, at most what the database holds."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ROW_NUMBER)
        super().__init__(url_map, *args, **kwargs)


def create_app(
    profiles: Path,
    *,
    scratch: Path | None = None,
    user_header: str | None = None,
    database: str | None = None,
    hosts: Iterable[str] = (),
) -> Flask:
    """The app serving the project whose director profiles are at `profiles`.

    `user_header` names the request header that says who is logged in (set by the
    municipality's reverse proxy; default `DECKGEN_USER_HEADER`): the register records that
    name with each change. Without it, nobody's header is trusted and changes are made by
    "ukendt". `database` is the register's URL (default: `DECKGEN_DATABASE_URL`, else the
    project's SQLite file). It answers requests for `hosts` (and `allowed_hosts` says which
    others, `deckgen.web.hosts`)."""
    app = Flask(__name__)
    # An id in a URL is a database row's: one too large for its integers is no page (404),
    # not an error deep in the database.
    app.url_map.converters["int"] = RowId
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
        if site.profiles is None and request.endpoint != "static":
            # No version of the library has been whole since the server started: say why,
            # located, instead of failing on every page.
            return _error_page(
                _("The library has errors"),
                _(
                    "The pages open when the library's files are whole again. "
                    "Communication can fix these errors in the files:"
                ),
                503,
                [str(problem) for problem in site.keeper.problems],
            )
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
            "problems": words.by_field([p for p in outcome.problems if not p.confirm]),
            "understood": outcome.understood or visitviews.date_understood(values.get("dato", "")),
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

    @app.get("/hjaelp")
    def guide() -> str:
        # The Danish guide to the page, served by the page (each page's menu links here).
        return render_template("guide.html")

    uses = librarypage.Uses()

    @app.get("/bibliotek")
    def library() -> str:
        return librarypage.library_page(site, uses)

    visitsapi.add_routes(app, site, who, csrf)

    @app.get("/api/openapi.json")
    def api_description() -> dict[str, Any]:
        return openapi.description()

    tourpage.add_routes(app, site, who)
    visitviews.add_routes(app, site, who)
    visitlist.add_routes(app, site, who)

    @app.errorhandler(CSRFError)
    def refused(error: CSRFError) -> Any:
        # A visit's step from a page older than the server's secret: the page again, from
        # what she sent, with a fresh token and nothing saved; she (or the page's script)
        # sends it again. Nothing she did is lost, and doing it again works.
        stale = visitviews.stale_page(site)
        if stale is not None:
            return stale
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
        if isinstance(error, api.DeckgenError):  # a mistake in what was sent or read, not ours
            return _error_page(
                _("It did not work"),
                str(error.problem) if _wants_json() else words.plain(str(error.problem)),
                422,
            )
        return _error_page(
            _("Something went wrong"),
            _(
                "The presentation could not be made. The error is written in the server's "
                "log; try again, and contact IT if it keeps happening."
            ),
            500,
        )

    return app


def _error_page(
    title: str, text: str, status: int, problems: list[str] | None = None
) -> tuple[Any, int]:
    """An error as a page, or as JSON for the API and whatever sent JSON (a script, the
    page's field check, reads JSON, never HTML); `problems` are listed under the text."""
    if _wants_json():
        listed = [{"field": "", "message": f"{title}: {text}"}]
        listed += [{"field": "", "message": problem} for problem in problems or []]
        return jsonify({"problems": listed}), status
    return render_template("error.html", title=title, text=text, problems=problems), status


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
