"""Besøg, the front page: the visits in the register, upcoming first, each with its state in
words and what to do; a visit's history; delete, undo and restore.

A visit's state is told from the register and the library: a draft (no deck made yet), made
(the deck of this revision is made and the library has not changed since), changed after the
deck was made, a block changed since (the deck's inputs are no longer the library's), or a
problem (the visit cannot be made as it is, e.g. a block is gone). Telling "a block changed"
composes the deck (no drawing), once per visit, revision and version of the library.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Flask, abort, redirect, render_template, request
from werkzeug.wrappers import Response

from deckgen.errors import DeckgenError
from deckgen.tour.dates import understood
from deckgen.variables import MONTHS
from deckgen.visits.register import Conflict, NotFound, StoredVisit
from deckgen.visits.service import inputs_hash, plan_record
from deckgen.web import visitpage, visitviews, words

SHOWN = 50
"""Visits listed at a time (upcoming); more are a page further."""
PAST = 20
"""Past visits listed below the upcoming ones (the latest first)."""
_KEPT = 2048
"""States remembered, by visit, revision and version of the library."""


@dataclass(frozen=True)
class State:
    """A visit's state (the page words it, and what she can do about it)."""

    code: str
    """`kladde`, `lavet`, `aendret`, `blok` or `fejl`."""
    problem: str = ""
    """Why the visit cannot be made as it is (`fejl`), in plain words."""
    when: str = ""
    """When its latest deck was made."""


def add_routes(app: Flask, site: Any, who: Any) -> None:
    """Besøg and a visit's history on `app`, over `site`'s register."""
    states: OrderedDict[tuple[int, int, Any], tuple[str, str]] = OrderedDict()

    def state_of(visit: StoredVisit) -> State:
        decks = site.register.decks(visit.id)
        key = (visit.id, visit.revision, site.stamp)
        if key not in states:
            with site.lock:
                try:
                    planned = plan_record(visit.record, site.project)
                    states[key] = ("", inputs_hash(planned, site.project))
                except DeckgenError as exc:
                    states[key] = (words.plain(exc.problem.message), "")
            while len(states) > _KEPT:
                states.popitem(last=False)
        problem, inputs = states[key]
        if problem:
            return State("fejl", problem)
        if not decks:
            return State("kladde")
        latest = decks[0]
        when = visitviews.when(latest.built_at)
        if latest.revision < visit.revision:
            return State("aendret", when=when)
        if latest.inputs_hash != inputs:
            return State("blok", when=when)
        return State("lavet", when=when)

    @app.get("/")
    def visits() -> str:
        return _list_page(site, state_of)

    @app.get("/besoeg/<int:visit_id>/historik")
    def history(visit_id: int) -> str:
        stored = site.register.get(visit_id)
        if stored is None:
            abort(404)
        revisions = [visitviews.revision_words(r, site) for r in site.register.history(visit_id)]
        return render_template(
            "history.html",
            visit=stored,
            title=visitviews.visit_title(site, stored),
            revisions=list(reversed(revisions)),
            restored=request.args.get("gendannet", ""),
        )

    @app.post("/besoeg/<int:visit_id>/slet")
    def delete(visit_id: int) -> Response:
        # Deleted or changed meanwhile: the list shows it as it is.
        with contextlib.suppress(Conflict, NotFound):
            site.register.delete(visit_id, who())
        return redirect(f"/?{urlencode({'slettet': visit_id})}", 303)

    @app.post("/besoeg/<int:visit_id>/gendan")
    def restore(visit_id: int) -> Response:
        number = visitviews.whole_number(request.form.get("udgave"))
        try:
            site.register.restore(visit_id, who(), number)
        except Conflict as conflict:
            # Another visit has that date, director and committee now: open that one.
            return redirect(f"/besoeg/{conflict.current.id}", 303)
        if number is not None:
            return redirect(f"/besoeg/{visit_id}/historik?gendannet={number}", 303)
        return redirect(f"/?{urlencode({'gendannet': visit_id})}", 303)

    @app.post("/kladde/<int:draft_id>/slet")
    def delete_draft(draft_id: int) -> Response:
        site.drafts.drop(draft_id)
        return redirect(f"/?{urlencode({'kladde_slettet': draft_id})}", 303)

    @app.post("/kladde/<int:draft_id>/fortryd")
    def undelete_draft(draft_id: int) -> Response:
        site.drafts.drop(draft_id, undo=True)
        return redirect("/", 303)


def _list_page(site: Any, state_of: Any) -> str:
    query = request.args
    director = query.get("direktør", "")
    director = director if director in site.profiles.directors else ""
    committee = query.get("udvalg", "").strip()[:400]
    month = query.get("maaned", "")
    search = " ".join(query.get("søg", "").split())[:200]
    start, end = _month(month)
    today = dt.date.today().isoformat()
    filters: dict[str, Any] = {"director": director or None, "committee": committee or None}
    upcoming = site.register.list_visits(
        **filters, start=max(start or today, today), end=end, limit=500
    )
    past: list[StoredVisit] = []
    if not start or start < today:
        past_end = min(end or today, _day_before(today))
        count = site.register.count(**filters, start=start, end=past_end)
        past = site.register.list_visits(
            **filters, start=start, end=past_end, limit=500, offset=max(0, count - 500)
        )
        past.reverse()
    if search:
        upcoming = [v for v in upcoming if _matches(site, v, search)]
        past = [v for v in past if _matches(site, v, search)]
    drafts = site.drafts.with_visits()
    new_drafts = site.drafts.new_visits()
    deleted_id = visitviews.whole_number(query.get("slettet"))
    deleted = site.register.get(deleted_id) if deleted_id is not None else None
    return render_template(
        "visits.html",
        upcoming=[_row(site, v, state_of, drafts) for v in upcoming[:SHOWN]],
        more=max(0, len(upcoming) - SHOWN),
        past=[_row(site, v, state_of, drafts) for v in past[:PAST]],
        new_drafts=[_draft_row(site, d) for d in new_drafts],
        directors=list(site.profiles.directors.values()),
        committees=sorted(site.profiles.committees),
        months=_months(),
        chosen={"direktør": director, "udvalg": committee, "maaned": month, "søg": search},
        filtered=bool(director or committee or month or search),
        deleted=deleted if deleted is not None and deleted.deleted else None,
        deleted_title=visitviews.visit_title(site, deleted) if deleted is not None else "",
        restored=query.get("gendannet", ""),
        draft_deleted=query.get("kladde_slettet", ""),
    )


def _row(site: Any, visit: StoredVisit, state_of: Any, drafts: dict[int, Any]) -> dict[str, Any]:
    record = visit.record
    person = site.profiles.directors.get(record.director)
    try:
        day = understood(dt.date.fromisoformat(record.date))
    except ValueError:
        day = record.date
    return {
        "id": visit.id,
        "day": day,
        "director": person.name if person is not None else record.director,
        "committee": record.committee,
        "place": record.place,
        "state": state_of(visit),
        "draft": drafts.get(visit.id),
        "new_committee": site.profiles.register.find(record.committee) is None,
    }


def _draft_row(site: Any, draft: Any) -> dict[str, Any]:
    state = visitpage.from_json(draft.state, site)
    values = state.values
    person = site.profiles.directors.get(state.director)
    missing = [name for name in ("udvalg", "dato") if not values[name]]
    return {
        "id": draft.id,
        "director": person.name if person is not None else state.director,
        "committee": values["udvalg"],
        "date": values["dato"],
        "missing": missing,
        "when": visitviews.when(draft.updated_at),
    }


def _matches(site: Any, visit: StoredVisit, search: str) -> bool:
    record = visit.record
    person = site.profiles.directors.get(record.director)
    text = " ".join(
        [record.committee, record.place, person.name if person else record.director, record.date]
    )
    return all(word in text.casefold() for word in search.casefold().split())


def _month(value: str) -> tuple[str | None, str | None]:
    """The first and last day of a month `2026-03`; (None, None) if it is not one."""
    try:
        first = dt.date.fromisoformat(f"{value}-01")
    except ValueError:
        return None, None
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()


def _months() -> list[tuple[str, str]]:
    """The months offered in the filter: a year back, two years ahead."""
    today = dt.date.today()
    found = []
    for step in range(-12, 25):
        total = today.year * 12 + today.month - 1 + step
        year, month = divmod(total, 12)
        found.append((f"{year:04d}-{month + 1:02d}", f"{MONTHS[month]} {year}"))
    return found


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()
