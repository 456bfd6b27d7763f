"""The visit page's addresses: a new visit (`/ny`), a kept one (`/besoeg/<id>`), a draft of a
new one (`/kladde/<id>`), and its PowerPoint.

A step is posted to the page's own address. The page's script sends it in the background and
gets the page back (`X-Deckgen-Del: 1`); without the script, the answer is a redirect to the
visit's address (post, redirect, get), so Back and reloading never send a step twice and
always show what is kept. The step's notice, the search and the preview ride in the
address's query (`trin`, `søg`, `emne`, `vis`).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from urllib.parse import urlencode

from flask import Flask, abort, current_app, redirect, render_template, request, send_file
from werkzeug.wrappers import Response

from deckgen import api
from deckgen.i18n import _
from deckgen.tour.dates import doubt, parse_visit_date, understood
from deckgen.variables import danish_date
from deckgen.visits.record import changes as record_changes
from deckgen.visits.register import UNKNOWN_USER
from deckgen.web import visitpage, visitsapi, words
from deckgen.web.rows import Outcome, make_visit
from deckgen.web.visitpage import Kept, VisitForm

PARTIAL = "X-Deckgen-Del"
"""The header the page's script sends: answer with the page, not a redirect."""
IN_PROGRESS = "igang"
"""The cookie naming the visit or draft this browser was last working on (`besoeg/12`)."""


def add_routes(app: Flask, site: Any, who: Any) -> None:
    """The visit page's routes on `app`, over `site`'s register; `who()` names the user."""

    @app.get("/ny")
    def new_visit() -> Any:
        copy = whole_number(request.args.get("kopi"))
        if copy is not None:
            stored = site.register.get(copy)
            if stored is None:
                abort(404)
            state = visitpage.from_record(stored.record, site)
            return _page(site, state, copied=stored)
        going = request.cookies.get(IN_PROGRESS, "")
        if going and "ny" not in request.args and _live(site, going):
            return redirect(f"/{going}?fortsat=1", 303)
        return _page(site, visitpage.fresh(site))

    @app.post("/ny")
    def new_visit_step() -> Any:
        return _step(site, who(), visit_id=None, draft_id=None)

    @app.get("/besoeg/<int:visit_id>")
    def visit_page(visit_id: int) -> Any:
        stored = site.register.get(visit_id)
        if stored is None:
            abort(404)
        draft = site.drafts.for_visit(visit_id)
        if draft is not None:
            state = visitpage.from_json(draft.state, site)
        else:
            state = visitpage.from_record(stored.record, site)
        _from_query(state, site)
        base = draft.base if draft is not None else stored.revision
        return _page(site, state, visit=stored, draft=draft, base=base)

    @app.post("/besoeg/<int:visit_id>")
    def visit_step(visit_id: int) -> Any:
        if site.register.get(visit_id) is None:
            abort(404)
        return _step(site, who(), visit_id=visit_id, draft_id=None)

    @app.get("/kladde/<int:draft_id>")
    def draft_page(draft_id: int) -> Any:
        draft = site.drafts.get(draft_id)
        if draft is None:
            abort(404)
        if draft.visit_id is not None:
            return redirect(f"/besoeg/{draft.visit_id}", 303)
        state = visitpage.from_json(draft.state, site)
        _from_query(state, site)
        return _page(site, state, draft=draft)

    @app.post("/kladde/<int:draft_id>")
    def draft_step(draft_id: int) -> Any:
        draft = site.drafts.get(draft_id)
        if draft is None:
            abort(404)
        return _step(site, who(), visit_id=draft.visit_id, draft_id=draft_id)

    @app.get("/besoeg/<int:visit_id>/powerpoint")
    def visit_powerpoint(visit_id: int) -> Any:
        stored = site.register.get(visit_id)
        if stored is None or stored.deleted:
            abort(404)
        path = visitsapi.deck_file(site, stored, who())
        return send_file(path, mimetype=visitsapi.PPTX, as_attachment=True, download_name=path.name)


def stale_page(site: Any) -> Any:
    """The visit page again from a step whose form was too old to be taken (its token no
    longer the server's): what she sent, nothing saved, a fresh token; None if the request
    was not a step of a visit page."""
    parts = request.path.strip("/").split("/")
    if request.method != "POST" or not parts or parts[0] not in ("ny", "besoeg", "kladde"):
        return None
    if parts[0] != "ny" and (len(parts) != 2 or not parts[1].isdigit()):
        return None
    visit = site.register.get(int(parts[1])) if parts[0] == "besoeg" else None
    draft = site.drafts.get(int(parts[1])) if parts[0] == "kladde" else None
    state = visitpage.from_form(request.form, site)
    shown = _page(
        site,
        state,
        visit=visit,
        draft=draft,
        base=whole_number(request.form.get("revision")),
        partial=request.headers.get(PARTIAL) == "1",
        address="/" + "/".join(parts),
        stale=True,
    )
    return shown, 400


def _live(site: Any, going: str) -> bool:
    """Whether the visit or draft the cookie names is still there to go on with."""
    kind, _sep, written = going.partition("/")
    number = whole_number(written)
    if number is None:
        return False
    if kind == "besoeg":
        stored = site.register.get(number)
        return stored is not None and not stored.deleted
    if kind == "kladde":
        draft = site.drafts.get(number)
        return draft is not None and not draft.deleted
    return False


def _from_query(state: VisitForm, site: Any) -> None:
    """The search and the step's notice a redirect carried in the address."""
    state.query = request.args.get("søg", "").strip()[:200]
    state.tag = request.args.get("emne", "")[:200]
    step = request.args.get("trin", "")
    if step:
        visitpage.describe(state, step, site)


# A step --------------------------------------------------------------------------------------


def _step(site: Any, who: str, *, visit_id: int | None, draft_id: int | None) -> Any:
    started = time.perf_counter()
    response = _step_answer(site, who, visit_id=visit_id, draft_id=draft_id)
    # The server's time for the step, from the form read to the page (or file) made.
    took = (time.perf_counter() - started) * 1000
    response.headers["Server-Timing"] = f"step;dur={took:.1f}"
    return response


def _step_answer(site: Any, who: str, *, visit_id: int | None, draft_id: int | None) -> Any:
    form = request.form
    state = visitpage.from_form(form, site)
    action = str(form.get("handling", "gem"))[:300]
    base = whole_number(form.get("revision"))
    draft_id = draft_id or whole_number(form.get("kladde"))
    if base is None and visit_id is not None:
        # A page made before its draft became the visit: based on the visit as it is.
        current = site.register.get(visit_id)
        base = current.revision if current is not None else None
    if action == "kassér" and draft_id is not None:
        # Her draft set aside (kept: the notice offers it back); the visit as it is now.
        site.drafts.drop(draft_id)
        target = f"/besoeg/{visit_id}" if visit_id is not None else "/ny?ny=1"
        return _answer(target)
    if action == "overskriv" and visit_id is not None:
        # After a conflict she keeps her version: it is based on the visit as it is now.
        current = site.register.get(visit_id)
        base = current.revision if current is not None else base
    visitpage.apply(state, action, site)
    director_ids = api.visit_slide_ids(site.profiles, state.director, site.sources())
    row = state.row(director_ids)
    wants = action in ("forhåndsvis", "forhåndsvis-igen", "hent")
    drawn = action in ("forhåndsvis", "forhåndsvis-igen")
    checked = make_visit(row, site, build=drawn, confirmed=state.confirmed)
    kept = visitpage.save(
        site, who, state, visit_id=visit_id, base=base, draft_id=draft_id, checked=checked
    )
    address = _address(kept, visit_id)
    if action == "hent" and kept.visit is not None:
        path = visitsapi.deck_file(site, kept.visit, who)
        done = send_file(path, mimetype=visitsapi.PPTX, as_attachment=True, download_name=path.name)
        done.delete_cookie(IN_PROGRESS)  # done: Ny præsentation starts afresh
        done.headers["X-Deckgen-Adresse"] = address
        done.headers["X-Deckgen-Revision"] = str(kept.visit.revision)
        return done
    partial = request.headers.get(PARTIAL) == "1"
    preview: tuple[str, int] | None = None
    if wants and kept.visit is not None and checked.ok and action != "hent":
        key, pages = site.preview(checked.data)
        preview = (key, len(pages))
    if partial or (wants and preview is None):
        # The script's step, or a preview or download that could not be made: the page now,
        # with what is wrong at the top.
        shown = _page(
            site,
            state,
            visit=kept.visit or (site.register.get(visit_id) if visit_id else None),
            draft=kept.draft,
            kept=kept,
            base=kept.visit.revision if kept.visit is not None else base,
            preview=preview,
            outcome=checked if wants else None,
            partial=partial,
            address=address,
        )
        response: Response = current_app.make_response(shown)
    else:
        query = {"trin": action}
        if state.query or state.tag:
            query |= {"søg": state.query, "emne": state.tag}
        if preview is not None or form.get("forhaandsvisning") == "1":
            query["vis"] = "1"
        anchor = _anchor(action)
        response = redirect(f"{address}?{urlencode(query)}{anchor}", 303)
    response.set_cookie(IN_PROGRESS, address.lstrip("/"), samesite="Lax", httponly=True)
    return response


def _answer(target: str) -> Response:
    if request.headers.get(PARTIAL) == "1":
        response = current_app.make_response(("", 204))
        response.headers["X-Deckgen-Adresse"] = target
        return response
    return redirect(target, 303)


def whole_number(value: Any) -> int | None:
    """A number from a form, an address or a cookie, if it is one the register can hold:
    ASCII digits only (`²` is a digit to Python but no number to `int`), and fewer than 12
    (a longer one overflowed SQLite's integers): either was a 500 page."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def _address(kept: Kept, visit_id: int | None) -> str:
    """The page's own address after a step: the visit's, else the draft's."""
    if kept.visit is not None:
        return f"/besoeg/{kept.visit.id}"
    if visit_id is not None:
        return f"/besoeg/{visit_id}"
    return f"/kladde/{kept.draft.id}"


def _anchor(action: str) -> str:
    verb, _sep, target = action.partition(":")
    if verb in ("op", "ned", "tilføj"):
        return f"#dias-{target}"
    if verb == "søg":
        return "#tilfoej"
    if verb == "direktør":
        return "#diasene"
    return ""


# The page ------------------------------------------------------------------------------------


def _page(
    site: Any,
    state: VisitForm,
    *,
    visit: Any = None,
    draft: Any = None,
    kept: Kept | None = None,
    base: int | None = None,
    preview: tuple[str, int] | None = None,
    outcome: Outcome | None = None,
    partial: bool = False,
    address: str = "",
    copied: Any = None,
    stale: bool = False,
) -> str:
    director_ids = api.visit_slide_ids(site.profiles, state.director, site.sources())
    checked = (
        kept.checked
        if kept is not None
        else make_visit(state.row(director_ids), site, build=False, confirmed=state.confirmed)
        if visit is not None or draft is not None
        else None
    )
    wants_preview = preview is None and request.args.get("vis") == "1" and not partial
    if wants_preview and visit is not None and checked is not None and checked.ok:
        built = make_visit(state.row(director_ids), site, confirmed=state.confirmed)
        if built.ok:
            key, pages = site.preview(built.data)
            preview = (key, len(pages))
    problems = outcome.problems if outcome is not None else []
    if checked is not None and outcome is None:
        # Each step checks the fields (no build): problems of fields she has filled in.
        problems = [p for p in checked.problems if _typed(p.field, state.values)]
    doubts = {
        p.field: _committee_doubt(site, state.values["udvalg"])
        if p.field == "udvalg"
        else words.plain(p.message)
        for p in (checked.problems if checked is not None else [])
        if p.confirm
    }
    # A value she confirmed stays doubtful: its box stays, ticked, while the value does.
    for name in state.confirmed:
        still = _confirmed_doubt(site, name, state.values.get(name, ""))
        if still and name not in doubts:
            doubts[name] = still
    state.confirmed = [name for name in state.confirmed if name in doubts]
    blocks = site.blocks(wait=False)
    if not address:
        address = (
            f"/besoeg/{visit.id}"
            if visit is not None
            else f"/kladde/{draft.id}"
            if draft is not None
            else "/ny"
        )
    since = []
    if kept is not None and kept.conflict is not None:
        since = [_revision_words(r, site) for r in kept.conflict.since]
    return render_template(
        "visit.html",
        directors=list(site.profiles.directors.values()),
        state=state,
        visit=visit,
        draft=draft,
        kept=kept,
        base=base,
        since=since,
        address=address,
        copied=copied,
        continued=request.args.get("fortsat") == "1",
        understood=(checked.understood if checked is not None else "")
        or date_understood(state.values.get("dato", "")),
        committees=api.committee_names(site.profiles),
        slides=[visitpage.block_info(site, key, blocks) for key in state.slides],
        addable=visitpage.addable_blocks(site, state.slides, state.query, state.tag, blocks),
        already=visitpage.found_in_visit(site, state.slides, state.query, state.tag, blocks),
        tags=sorted({t for entry in (site.library or []) for t in entry.block.tags}),
        by_field=words.by_field([p for p in problems if not p.confirm]),
        doubts=doubts,
        # A preview or a download not made for a doubt not yet confirmed says so at the top.
        asked={p.field: doubts.get(p.field, "") for p in problems if p.confirm}
        if outcome is not None
        else {},
        problem_count=len(problems) if outcome is not None else 0,
        preview=preview,
        warnings=[words.plain(w) for w in outcome.warnings] if outcome is not None else [],
        pictures_error=blocks.error,
        pictures_pending=blocks.pending,
        partial=partial,
        saved_at=when(visit.updated_at) if visit is not None else "",
        draft_at=when(draft.updated_at) if draft is not None else "",
        title=visit_title(site, visit),
        stale=stale,
    )


def _typed(column: str, values: dict[str, str]) -> bool:
    """A problem of a field she has filled in (an empty one is only said on submit)."""
    return not column or column not in values or bool(values.get(column, "").strip())


def visit_title(site: Any, visit: Any) -> str:
    """What the page calls a visit: `Mette Holm hos OMU Børn og Familie, 12. marts 2026`."""
    if visit is None:
        return "Ny præsentation"
    record = visit.record
    person = site.profiles.directors.get(record.director)
    name = person.name if person is not None else record.director
    return f"{name} hos {record.committee}, {visitpage._shown_date(record.date)}"


def when(moment: dt.datetime) -> str:
    """A time as the page says it: `kl. 14:02` today, else `6. december kl. 14:02`."""
    local = moment.astimezone()
    clock = f"kl. {local:%H:%M}"
    if local.date() == dt.datetime.now().astimezone().date():
        return clock
    return f"{danish_date(local.date())} {clock}"


def _revision_words(revision: Any, site: Any) -> dict[str, Any]:
    """A revision as the page tells it: who, when, and what changed, in words."""
    return {
        "number": revision.number,
        "action": revision.action,
        # Nobody named (no login header configured): the page says "someone", not a code.
        "who": "" if revision.who == UNKNOWN_USER else revision.who,
        "when": when(revision.at),
        "changes": change_lines(site, revision.changes),
    }


def revision_words(revision: Any, site: Any) -> dict[str, Any]:
    """`_revision_words`, for the history page."""
    return _revision_words(revision, site)


def differences(old: Any, new: Any, site: Any) -> list[str]:
    """What differs between two records, in words."""
    return change_lines(site, record_changes(old, new))


def change_lines(site: Any, changes: dict[str, Any]) -> list[str]:
    """Columns' changes in words, a line each: the director by name, slides by title, and no
    line for a column empty before and after (a new visit lists what it was made with)."""
    lines = []
    for column, (before, after) in changes.items():
        if not before and not after:
            continue
        if column == "direktør":
            before, after = _director_name(site, before), _director_name(site, after)
        lines.append(words.change_text(column, before, after, _titles(site)))
    return lines


def _director_name(site: Any, director: Any) -> Any:
    person = site.profiles.directors.get(str(director)) if director else None
    return person.name if person is not None else director


def _titles(site: Any) -> Any:
    return lambda block_id: visitpage.heading(site, str(block_id))


def _confirmed_doubt(site: Any, name: str, value: str) -> str:
    """What is unlikely about a value she has confirmed ("" if nothing is, any more)."""
    if name == "udvalg":
        if value.strip() and site.profiles.register.find(value) is None:
            return _committee_doubt(site, value)
        return ""
    if name == "dato":
        try:
            day = dt.date.fromisoformat(parse_visit_date(value))
        except ValueError:
            return ""
        found = doubt(day)
        return words.plain(found.message) if found is not None and found.confirmable else ""
    return ""


def date_understood(text: str) -> str:
    """The date typed, in words (`torsdag 12. marts 2026`), read by the one date grammar;
    "" if it is not a date. Said as she types, before the rest of the visit is filled in."""
    if not text.strip():
        return ""
    try:
        return understood(dt.date.fromisoformat(parse_visit_date(text)))
    except ValueError:
        return ""


def _committee_doubt(site: Any, value: str) -> str:
    """What the page says of a committee the register lacks: that, the nearest name if one
    is near, and what to do."""
    text = _("{name} is not on the list of committees.").format(name=f"«{value.strip()}»")
    near = site.profiles.register.unknown_hint(value)
    if near.startswith(_("did you mean {name!r}?").split("{", 1)[0]):
        text += " " + words.plain(near)[:1].upper() + words.plain(near)[1:]
    return text + " " + _("If it is a new committee, tick the box below; if not, correct the name.")
