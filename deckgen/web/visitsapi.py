"""The visits' JSON API: make, list, open, change, delete and restore kept visits.

`POST /api/visits` keeps a visit (or a new revision of the one of the same date, director
and committee) and answers with its deck; `GET /api/visits` lists them; `GET`, `PATCH` and
`DELETE /api/visits/<id>` open, change and delete one (a change names the revision it was
based on: 409 with what changed meanwhile if someone saved first); `/pptx` is its deck,
drawn once per revision and library. Each is one call into `deckgen.visits` through
`deckgen.api`; problems are the service's, each with its field.

JSON only: a browser cannot send JSON (or PATCH, DELETE) to another site without asking
(CORS), so these need no CSRF token.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from flask import Flask, Response, request, send_file

from deckgen import api
from deckgen.i18n import _
from deckgen.visits import plan as plans
from deckgen.visits.record import COLUMNS, as_columns
from deckgen.visits.register import (
    PAGE,
    Conflict,
    NotFound,
    RegisterError,
    Revision,
    StoredVisit,
)
from deckgen.visits.service import CONFIRM, FieldProblem, merged, plan_record, read_visit

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MOST_LISTED = 500
"""The most visits one `GET /api/visits` lists (`antal`); more are paged (`side`)."""
KEPT_DECKS = 256
"""Decks remembered by visit and revision (their files stay in the register's folder)."""
MOST_PAGES = 1_000_000
"""Pages past this are empty anyway; a larger number would not fit the database's integers."""
LARGEST_ROW_NUMBER = 2**63 - 1
"""The largest id or revision number the database holds (a signed 64-bit integer)."""


def _row_number(value: object) -> bool:
    """Whether `value` is a whole number the register can hold as an id or revision."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= LARGEST_ROW_NUMBER
    )


def problems(found: list[FieldProblem], status: int) -> tuple[dict[str, Any], int]:
    """The API's answer for problems: `{"problems": [{"field", "message", …}]}`."""
    return {"problems": [problem.as_json() for problem in found]}, status


def one_problem(message: str, status: int, field: str = "") -> tuple[dict[str, Any], int]:
    return problems([FieldProblem(field, message)], status)


def visit_json(visit: StoredVisit) -> dict[str, Any]:
    """A kept visit as the API shows it: `id`, the columns, `revision`, `state`."""
    return {
        "id": visit.id,
        **as_columns(visit.record),
        "revision": visit.revision,
        "state": visit.state,
        "created": visit.created_at.isoformat(),
        "changed": visit.updated_at.isoformat(),
    }


def revision_json(revision: Revision) -> dict[str, Any]:
    return {
        "revision": revision.number,
        "action": revision.action,
        "who": revision.who,
        "when": revision.at.isoformat(),
        "changes": revision.changes,
        **({"note": revision.note} if revision.note else {}),
    }


def add_routes(app: Flask, site: Any, who: Any, csrf: Any) -> None:
    """The visits' API on `app`, over `site`'s register and project; `who()` names the user."""

    def body() -> dict[str, Any] | tuple[dict[str, Any], int]:
        if not request.is_json:
            return one_problem(_("send JSON (application/json)"), 415)
        try:
            found = request.get_json(silent=True)
        except RecursionError:
            found = None
        if not isinstance(found, dict):
            return one_problem(_("send one JSON object"), 400)
        return {str(key): value for key, value in found.items()}

    def confirmed(fields: dict[str, Any]) -> Any:
        value = fields.pop(CONFIRM, ())
        if value is True:
            return True
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value] if isinstance(value, list) else ()

    @csrf.exempt
    @app.post("/api/visits")
    def create_visit() -> Any:
        fields = body()
        if isinstance(fields, tuple):
            return fields
        started, cpu = time.perf_counter(), time.thread_time()
        sure = confirmed(fields)
        with site.lock:
            checked = read_visit(_cells(fields), site.project, confirmed=sure)
        if not checked.ok or checked.record is None:
            return problems(checked.all_problems, 422)
        saved = site.register.save(checked.record, who())
        response = _deck_response(site, saved.visit, who())
        took = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu) * 1000
        response.headers["Location"] = f"/api/visits/{saved.visit.id}"
        response.headers["X-Deckgen-Revision"] = str(saved.visit.revision)
        response.headers["X-Deckgen-Saved"] = saved.outcome
        # Wall time, and this thread's processor time (what a busy machine does not inflate).
        response.headers["Server-Timing"] = f"build;dur={took:.1f}, cpu;dur={cpu:.1f}"
        return response

    @app.get("/api/visits")
    def list_visits() -> Any:
        query = request.args
        try:
            limit = min(MOST_LISTED, max(1, int(query.get("antal", PAGE))))
            page = min(MOST_PAGES, max(1, int(query.get("side", 1))))
        except ValueError:
            return one_problem(_("antal and side are whole numbers"), 400)
        period: dict[str, str | None] = {}
        for name, key in (("fra", "start"), ("til", "end")):
            value = query.get(name, "").strip()
            if not value:
                continue
            try:
                period[key] = dt.date.fromisoformat(value).isoformat()
            except ValueError:
                return one_problem(
                    _("{name}: write the date as 2026-03-12").format(name=name), 400, name
                )
        director = query.get("direktør", "").strip() or None
        if director is not None:
            found = site.profiles.find(director)
            director = found.id if found is not None else director
        committee = query.get("udvalg", "").strip() or None
        if committee is not None:
            committee = site.profiles.register.find(committee) or committee
        deleted = query.get("slettede", "") in ("1", "ja", "true")
        filters: dict[str, Any] = {
            "director": director,
            "committee": committee,
            "deleted": deleted,
            **period,
        }
        visits = site.register.list_visits(**filters, limit=limit, offset=(page - 1) * limit)
        total = site.register.count(**filters)
        return {"visits": [visit_json(v) for v in visits], "count": total, "page": page}

    @app.get("/api/visits/<int:visit_id>")
    def show_visit(visit_id: int) -> Any:
        visit = site.register.get(visit_id)
        if visit is None:
            return one_problem(_("there is no visit {id}").format(id=visit_id), 404)
        history = site.register.history(visit_id)
        decks = site.register.decks(visit_id)
        return {
            **visit_json(visit),
            "revisions": [revision_json(r) for r in history],
            "decks": [
                {"revision": d.revision, "when": d.built_at.isoformat(), "inputs": d.inputs_hash}
                for d in decks[:20]
            ],
        }

    @csrf.exempt
    @app.patch("/api/visits/<int:visit_id>")
    def change_visit(visit_id: int) -> Any:
        fields = body()
        if isinstance(fields, tuple):
            return fields
        base = fields.pop("revision", None)
        if not _row_number(base):
            return one_problem(
                _("send the revision your change is based on, as a number"), 422, "revision"
            )
        visit = site.register.get(visit_id)
        if visit is None or visit.deleted:
            return one_problem(_("there is no visit {id}").format(id=visit_id), 404)
        if visit.revision != base:
            return _conflict(Conflict(visit, site.register.history(visit_id, base)))
        sure = confirmed(fields)
        unknown = [key for key in fields if key not in COLUMNS and api.schedule_column(key) is None]
        if unknown:
            return one_problem(_("unknown field {value}").format(value=repr(unknown[0][:40])), 422)
        # A date kept was confirmed when it was saved; a date changed now is asked about.
        date_changed = "dato" in {api.schedule_column(key) for key in fields}
        with site.lock:
            checked = read_visit(
                merged(visit.record, _cells(fields)),
                site.project,
                confirmed=sure if date_changed else True,
            )
        if not checked.ok or checked.record is None:
            return problems(checked.all_problems, 422)
        try:
            changed = site.register.change(visit_id, checked.record, base, who())
        except Conflict as conflict:
            return _conflict(conflict)
        return visit_json(changed)

    @csrf.exempt
    @app.delete("/api/visits/<int:visit_id>")
    def delete_visit(visit_id: int) -> Any:
        base = request.args.get("revision")
        try:
            number = int(base) if base else None
        except ValueError:
            number = -1
        if number is not None and not _row_number(number):
            return one_problem(_("revision is a whole number"), 400, "revision")
        try:
            gone = site.register.delete(visit_id, who(), number)
        except Conflict as conflict:
            return _conflict(conflict)
        return visit_json(gone)

    @csrf.exempt
    @app.post("/api/visits/<int:visit_id>/restore")
    def restore_visit(visit_id: int) -> Any:
        # JSON even when there is nothing to say ({}): a page elsewhere can post a form here,
        # but not JSON without asking first (CORS), so no token is needed.
        fields = body()
        if isinstance(fields, tuple):
            return fields
        number = fields.get("revision")
        if number is not None and not _row_number(number):
            return one_problem(_("revision is a whole number"), 422, "revision")
        try:
            restored = site.register.restore(visit_id, who(), number)
        except Conflict as conflict:
            return _conflict(conflict)
        return visit_json(restored)

    @app.get("/api/visits/<int:visit_id>/pptx")
    def visit_deck(visit_id: int) -> Any:
        visit = site.register.get(visit_id)
        if visit is None or visit.deleted:
            return one_problem(_("there is no visit {id}").format(id=visit_id), 404)
        started, cpu = time.perf_counter(), time.thread_time()
        response = _deck_response(site, visit, who())
        took = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu) * 1000
        response.headers["X-Deckgen-Revision"] = str(visit.revision)
        response.headers["Server-Timing"] = f"build;dur={took:.1f}, cpu;dur={cpu:.1f}"
        return response

    @app.get("/api/visits/plan.<kind>")
    def plan_file(kind: str) -> Any:
        if kind not in ("csv", "xlsx"):
            return one_problem(_("ask for plan.csv or plan.xlsx"), 404)
        empty = request.args.get("tom", "") in ("1", "ja", "true")
        visits = [] if empty else _all_visits(site)
        data = plans.plan_bytes([v.record for v in visits], site.profiles, kind)
        mimetype = (
            "text/csv"
            if kind == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response = Response(data, mimetype=mimetype)
        response.headers.set("Content-Disposition", "attachment", filename=f"besoeg.{kind}")
        return response

    @app.errorhandler(RegisterError)
    def register_failed(error: RegisterError) -> Any:
        app.logger.error("%s", error.problem)
        return one_problem(str(error.problem.message) + " — " + error.problem.hint, 503)

    @app.errorhandler(NotFound)
    def visit_not_found(error: NotFound) -> Any:
        return one_problem(error.problem.message, 404)


def _all_visits(site: Any) -> list[StoredVisit]:
    visits: list[StoredVisit] = []
    while True:
        page = site.register.list_visits(limit=MOST_LISTED, offset=len(visits))
        visits += page
        if len(page) < MOST_LISTED:
            return visits


def _conflict(conflict: Conflict) -> tuple[dict[str, Any], int]:
    """409: the visit as it is now and the revisions saved since the one the change was
    based on."""
    return {
        "problems": [
            {
                "field": "",
                "message": _(
                    "someone else saved this visit after you opened it; nothing of yours "
                    "was saved — look at their changes and make yours again"
                ),
            }
        ],
        "current": visit_json(conflict.current),
        "changes": [revision_json(r) for r in conflict.since],
    }, 409


def _cells(fields: dict[str, Any]) -> dict[str, Any]:
    """JSON values as a schedule's cells: lists of ids stay lists, the rest becomes text."""
    cells: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, list):
            cells[key] = [str(item) for item in value[:201]]
        elif value is None:
            cells[key] = ""
        elif isinstance(value, (dict, bool)):
            cells[key] = [value] if isinstance(value, dict) else str(value)
        else:
            cells[key] = value if isinstance(value, str) else str(value)
    return cells


def _deck_response(site: Any, visit: StoredVisit, who: str) -> Response:
    """The visit's deck: the file drawn before for this revision and library, else drawn now,
    kept in the register's folder and recorded."""
    path = deck_file(site, visit, who)
    response = send_file(path, mimetype=PPTX, as_attachment=True, download_name=path.name)
    return response


def deck_file(site: Any, visit: StoredVisit, who: str) -> Path:
    """The file of the visit's deck for its current revision, drawn if need be."""
    key = (visit.id, visit.revision, site.stamp)
    with site.lock:
        found = site.decks.get(key)
        if found is not None and found.is_file():
            site.decks.move_to_end(key)
            return Path(found)
        planned = plan_record(visit.record, site.project)
        deck = site.build(planned)
        folder = decks_folder(site)
        target = folder / str(visit.id) / deck.name
        api.write_atomic(target, deck.data)
        inputs = deck.inputs_hash()
        site.decks[key] = target
        while len(site.decks) > KEPT_DECKS:
            site.decks.popitem(last=False)
    site.register.record_deck(visit.id, visit.revision, inputs, str(target), who)
    return target


def decks_folder(site: Any) -> Path:
    """Where the web server keeps the decks it draws for kept visits."""
    from deckgen.project import project_root
    from deckgen.visits.register import REGISTER_FOLDER

    return project_root(site.profiles_path) / REGISTER_FOLDER / "decks"
