"""Biblioteket: every block as it renders, found by search, kind and topic; its speaker notes,
the visits that use it, and the decks made before it changed; the library's problems and
the committees used outside the register, for communication.

Which visits use a block is read from the register without planning each visit: a visit
shows a block its director's deck shows and it does not leave out, or one it adds. Which
decks are behind the library is `deckgen provenance --outdated` over the decks the tour and
the page made. Both are worked out once per version of the library and the register.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

from flask import render_template, request

from deckgen import api
from deckgen.visits.register import StoredVisit
from deckgen.web import visitpage, visitsapi, visitviews

MOST_VISITS = 10_000
"""The most visits read to tell which use a block (a register of many years is fewer)."""
SHOWN_VISITS = 5
"""Visits named under a block; the rest are counted."""


class Uses:
    """Which visits use each block and which decks are behind the library, kept until the
    library or the register changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Any = None
        self._visits: dict[str, list[StoredVisit]] = {}
        self._outdated: dict[str, list[dict[str, Any]]] = {}
        self._new_committees: list[StoredVisit] = []

    def get(
        self, site: Any
    ) -> tuple[dict[str, list[StoredVisit]], dict[str, list[dict[str, Any]]], list[StoredVisit]]:
        key = (site.stamp, site.register.count(), _latest_change(site), _decks_stamp(site))
        with self._lock:
            if key != self._key:
                self._visits, self._new_committees = _visits_by_block(site)
                self._outdated = _outdated_by_block(site)
                self._key = key
            return self._visits, self._outdated, self._new_committees


def library_page(site: Any, uses: Uses) -> str:
    """Biblioteket, filtered by the query's `søg`, `slags` and `emne`."""
    blocks = site.blocks(wait=False)
    query = " ".join(request.args.get("søg", "").split())[:200]
    kind = request.args.get("slags", "")[:40]
    tag = request.args.get("emne", "")[:200]
    users: dict[str, list[str]] = {}
    for person in site.profiles.directors.values():
        for block_id in api.visit_slide_ids(site.profiles, person.id, site.sources()):
            users.setdefault(block_id, []).append(person.name)
    everyone = len(site.profiles.directors)
    visits, outdated, new_committees = uses.get(site)
    served = site.keeper.current
    usage = served.usage if served is not None else None
    entries = []
    all_entries = list(site.library or [])
    for entry in all_entries:
        info = visitpage.block_info(site, entry.block.id, blocks)
        if kind and info["kind"] != kind:
            continue
        if tag and tag not in info["tags"]:
            continue
        words = f"{info['id']} {info['heading']} {info['notes']} {' '.join(info['tags'])}"
        if query and not all(w in words.casefold() for w in query.casefold().split()):
            continue
        used = visits.get(entry.block.id, [])
        entries.append(
            {
                **info,
                "where": f"{entry.location.file.name}, linje {entry.location.line}",
                "users": (
                    "alle direktører"
                    if len(users.get(entry.block.id, [])) == everyone
                    else ", ".join(users.get(entry.block.id, [])) or "ingen"
                ),
                "visits": [_visit(site, v) for v in used[:SHOWN_VISITS]],
                "more_visits": max(0, len(used) - SHOWN_VISITS),
                "outdated": outdated.get(entry.block.id, []),
                "status": entry.block.status or "",
                "used": usage.summary(entry.block.id) if usage is not None else "",
                "places": [str(use) for use in usage.of(entry.block.id)] if usage else [],
            }
        )
    problems = [
        str(p) for p in [*(site.library.problems if site.library else []), *blocks.problems]
    ]
    # Warnings do not stop a block: the check's, and those met drawing secretaries' visits.
    warnings = [str(p) for p in [*(served.warnings if served else ()), *site.keeper.met]]
    return render_template(
        "library.html",
        entries=entries,
        total=len(all_entries),
        problems=list(dict.fromkeys(problems)),
        warnings=[w for w in dict.fromkeys(warnings) if w not in problems],
        waiting=[str(p) for p in site.keeper.problems],
        served_at=dt.datetime.fromtimestamp(served.checked).strftime("%H:%M") if served else "",
        pictures_error=blocks.error,
        pictures_pending=blocks.pending,
        query=query,
        kind=kind,
        tag=tag,
        kinds=sorted({visitpage.kind(site, e.block.id) for e in all_entries}),
        tags=sorted({t for e in all_entries for t in e.block.tags}),
        new_committees=[_visit(site, v) for v in new_committees],
    )


def _visit(site: Any, visit: StoredVisit) -> dict[str, Any]:
    return {"id": visit.id, "title": visitviews.visit_title(site, visit)}


def _latest_change(site: Any) -> str:
    found = site.register.list_visits(limit=1)
    return found[0].updated_at.isoformat() if found else ""


def _decks_stamp(site: Any) -> tuple[int, int]:
    """How many decks there are and when the newest was written (the outdated list is read
    again when a deck is made)."""
    count, newest = 0, 0
    for folder in _deck_folders(site):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.pptx"):
            count += 1
            newest = max(newest, path.stat().st_mtime_ns)
    return count, newest


def _deck_folders(site: Any) -> list[Path]:
    return [api.tour_output_folder(site.profiles_path), visitsapi.decks_folder(site)]


def _visits_by_block(site: Any) -> tuple[dict[str, list[StoredVisit]], list[StoredVisit]]:
    """The live visits showing each block (upcoming first), and those whose committee is not
    in the register."""
    base: dict[str, list[str]] = {}
    found: dict[str, list[StoredVisit]] = defaultdict(list)
    outside = []
    for visit in site.register.list_visits(limit=MOST_VISITS):
        record = visit.record
        if record.director not in base:
            try:
                base[record.director] = api.visit_slide_ids(
                    site.profiles, record.director, site.sources()
                )
            except api.DeckgenError:
                base[record.director] = []
        shown = [b for b in base[record.director] if b not in record.drop] + list(record.extra)
        for block_id in dict.fromkeys(shown):
            found[block_id].append(visit)
        if site.profiles.register.find(record.committee) is None:
            outside.append(visit)
    return dict(found), outside


def _outdated_by_block(site: Any) -> dict[str, list[dict[str, Any]]]:
    """Each block's decks made before it changed: the deck's name and its visit, if kept."""
    from deckgen.project import project_root

    folders = [folder for folder in _deck_folders(site) if folder.is_dir()]
    if not folders:
        return {}
    try:
        decks = api.outdated_decks(folders, project_root(site.profiles_path))
    except api.DeckgenError:
        return {}
    kept = visitsapi.decks_folder(site)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for deck in decks:
        visit_id = None
        if deck.path.parent.parent == kept and deck.path.parent.name.isdigit():
            visit_id = int(deck.path.parent.name)
        for slide in deck.slides:
            item = {"name": deck.path.name, "visit_id": visit_id}
            if item not in found[slide.source.block_id]:
                found[slide.source.block_id].append(item)
    return dict(found)
