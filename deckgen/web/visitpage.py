"""A visit on the page: its fields and slides, changed one step at a time and kept at each.

The page is one form. Each of its buttons names what to do (`handling`): move a slide up or
down, add one from the library, show another director's slides, search the library, preview,
download; the form's first button, which Enter in any field presses, only keeps what she has
typed and chosen (`gem`). Without JavaScript every step is a round trip (post, then the page
again from its address); with it (`static/app.js`), the same request is sent in the
background and only the parts of the page that changed are replaced, so focus and the
preview stay.

Every step is kept in the visit register (`state.save`): once the fields read as a visit it
is saved in the visit (a revision), else the page's state is kept as a draft. So Enter, the
menu, Back, a closed tab or a restart of the server lose nothing, and two people changing
one visit get a clear message instead of a lost change.

A slide in the list is named by a key: its block id, and for a block the deck shows a second
time `id~2` (a third `id~3`), so that a block shown twice keeps both places.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from deckgen import api
from deckgen.limits import MAX_FIELD_CHARS
from deckgen.tour.visits import entry_id
from deckgen.variables import danish_date
from deckgen.visits.service import plan_record

FIELDS = ("dato", "direktør", "udvalg", "sted", "lokalt eksempel")
"""The visit's fields on the page, by their schedule column names."""
FORM_NAMES = {"lokalt eksempel": "lokalt_eksempel"}
"""A field's name in the HTML form where it differs from its column name."""
CLOSING_KINDS = ("closing", "call_to_action")
"""Blocks of these kinds end a deck: a block added by hand goes before them, and an added one
of these kinds goes last, as the tour places them."""
CONFIRMABLE = ("dato", "udvalg")
"""The fields she may confirm an unlikely value of (a date far off, a new committee)."""
MAX_SLIDES = 200
"""The most slides the page keeps in its list (a deck has at most 200)."""
_SEP = "~"


def slide_keys(block_ids: list[str]) -> list[str]:
    """A key per slide: the block id, `id~2` for its second showing, and so on."""
    seen: dict[str, int] = {}
    keys = []
    for block_id in block_ids:
        seen[block_id] = seen.get(block_id, 0) + 1
        keys.append(block_id if seen[block_id] == 1 else f"{block_id}{_SEP}{seen[block_id]}")
    return keys


def key_id(key: str) -> str:
    """The block id a slide's key names."""
    return key.split(_SEP, 1)[0]


@dataclass(frozen=True)
class Notice:
    """What a step did, for the status line (the template words it in Danish)."""

    what: str
    """`moved`, `added`, `director`, `director-kept`, `searched`, `ticked`."""
    heading: str = ""
    position: int = 0
    count: int = 0
    name: str = ""


@dataclass
class VisitForm:
    """What the page holds: the visit's fields and her slides, in her order."""

    values: dict[str, str]
    director: str
    slides: list[str]
    """Slide keys in the order she has put them."""
    chosen: set[str]
    """The keys ticked to be in the deck."""
    owner: str
    """The director whose slides the list shows (another while she has just changed it)."""
    confirmed: list[str] = field(default_factory=list)
    """The fields whose unlikely value she has confirmed (`dato`, `udvalg`)."""
    query: str = ""
    tag: str = ""
    notice: Notice | None = None
    focus: str = ""
    """The id of the element that should have focus after this step."""

    @property
    def ticked(self) -> list[str]:
        return [key for key in self.slides if key in self.chosen]

    def row(self, base: list[str]) -> dict[str, Any]:
        """The visit's fields for the visit service: the typed fields, `tilføj`/`fjern` as
        against the director's own slides `base`, and `dias`, the slides in her order."""
        ids = [key_id(key) for key in self.ticked]
        return {
            **self.values,
            "direktør": self.director,
            "tilføj": " ".join(dict.fromkeys(i for i in ids if i not in base)),
            "fjern": " ".join(dict.fromkeys(i for i in base if i not in ids)),
            "dias": ids,
        }

    def as_json(self) -> dict[str, Any]:
        """The state as a draft keeps it."""
        return {
            "values": self.values,
            "director": self.director,
            "slides": self.slides,
            "chosen": [key for key in self.slides if key in self.chosen],
            "owner": self.owner,
            "confirmed": self.confirmed,
        }


def fresh(site: Any) -> VisitForm:
    """A new visit: the first director's slides, every field empty."""
    director = next(iter(site.profiles.directors))
    slides = _base_keys(site, director)
    values = {name: "" for name in FIELDS} | {"direktør": director}
    return VisitForm(values, director, slides, set(slides), director)


def from_json(data: Mapping[str, Any], site: Any) -> VisitForm:
    """The state a draft kept (what is no longer in the library or the profiles dropped)."""
    values = {name: str((data.get("values") or {}).get(name, "")) for name in FIELDS}
    return _checked(
        site,
        values,
        str(data.get("director", "")),
        [str(key) for key in data.get("slides") or []],
        {str(key) for key in data.get("chosen") or []},
        str(data.get("owner", "")),
        [str(name) for name in data.get("confirmed") or []],
    )


def from_form(form: Any, site: Any) -> VisitForm:
    """The state the form sent."""
    values = {name: str(form.get(FORM_NAMES.get(name, name), "")) for name in FIELDS}
    state = _checked(
        site,
        values,
        str(form.get("direktør", "")),
        [str(key) for key in form.getlist("slide")],
        {str(key) for key in form.getlist("med")},
        str(form.get("diasene_til", "")),
        [str(name) for name in form.getlist("bekræft")],
    )
    state.query = str(form.get("søg", "")).strip()[:200]
    state.tag = str(form.get("emne", ""))[:200]
    return state


def from_record(record: Any, site: Any) -> VisitForm:
    """A kept visit's state: its fields, its slides in order, and the director's slides it
    leaves out, unticked, where the director's deck has them."""
    try:
        planned = plan_record(record, site.project)
        shown = [entry_id(entry) for entry in planned.data["slides"]]
    except api.DeckgenError:
        shown = list(record.slides)
    slides = list(shown)
    base = api.visit_slide_ids(site.profiles, record.director, site.sources())
    for index, block_id in enumerate(base):
        if block_id in slides or block_id not in record.drop:
            continue
        before = next((b for b in reversed(base[:index]) if b in slides), None)
        slides.insert(slides.index(before) + 1 if before else 0, block_id)
    keys = slide_keys(slides)
    chosen = set(slide_keys(shown))
    values = {
        "dato": _shown_date(record.date),
        "direktør": record.director,
        "udvalg": record.committee,
        "sted": record.place,
        "lokalt eksempel": record.local_example,
    }
    # A kept visit's unlikely date or new committee was confirmed when it was saved.
    state = _checked(site, values, record.director, keys, chosen, record.director, [])
    state.confirmed = list(CONFIRMABLE)
    return state


def _shown_date(iso: str) -> str:
    try:
        return danish_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def _checked(
    site: Any,
    values: dict[str, str],
    director: str,
    slides: list[str],
    chosen: set[str],
    owner: str,
    confirmed: list[str],
) -> VisitForm:
    directors = site.profiles.directors
    if director not in directors:
        found = site.profiles.find(director) if director else None
        director = found.id if found is not None else next(iter(directors))
    # Cut just past the longest text the visit service takes, so an overlong field is said
    # to be too long (beside it) instead of being cut silently.
    values = {name: value[: MAX_FIELD_CHARS + 1] for name, value in values.items()}
    values |= {"direktør": director}
    known = site.library
    slides = [key for key in dict.fromkeys(slides) if known is not None and known.get(key_id(key))][
        :MAX_SLIDES
    ]
    if not slides or owner not in directors:
        owner = director
        slides = _base_keys(site, director)
        chosen = set(slides)
    confirmed = [name for name in dict.fromkeys(confirmed) if name in CONFIRMABLE]
    return VisitForm(values, director, slides, chosen & set(slides), owner, confirmed)


def _base_keys(site: Any, director: str) -> list[str]:
    return slide_keys(api.visit_slide_ids(site.profiles, director, site.sources()))


# Steps -------------------------------------------------------------------------------------


def apply(state: VisitForm, action: str, site: Any) -> None:
    """Do the step `action` names to `state` (moving, adding, another director's slides)."""
    verb, _sep, target = action.partition(":")
    if verb in ("op", "ned") and target in state.slides:
        slides = state.slides
        index = slides.index(target)
        other = index - 1 if verb == "op" else index + 1
        if 0 <= other < len(slides):
            slides[index], slides[other] = slides[other], slides[index]
    elif verb == "tilføj" and _offered(site, target):
        if len(state.slides) < MAX_SLIDES:
            key = slide_keys([*(key_id(k) for k in state.slides), target])[-1]
            state.slides.insert(_insert_at(state.slides, target, site), key)
            state.chosen.add(key)
    elif verb == "direktør" or (verb == "direktør-valgt" and untouched(state, site)):
        # The button, or (from the page's script) a new choice in the list while her slides
        # are still the last director's as they came: then showing the new ones loses nothing.
        state.slides = _base_keys(site, state.director)
        state.chosen = set(state.slides)
        state.owner = state.director
    describe(state, action, site)


def describe(state: VisitForm, action: str, site: Any) -> None:
    """Say what the step `action` did to `state`, and where focus goes after it."""
    verb, _sep, target = action.partition(":")
    slides = state.slides
    if verb in ("op", "ned") and target in slides:
        index = slides.index(target)
        # Focus stays on the button she pressed, or on its twin when the slide reached an end.
        at_end = index == 0 if verb == "op" else index == len(slides) - 1
        twin = "ned" if verb == "op" else "op"
        state.focus = f"{twin if at_end else verb}-{target}"
        state.notice = Notice("moved", heading(site, target), index + 1, len(slides))
    elif verb == "tilføj":
        key = next((k for k in reversed(slides) if key_id(k) == target), "")
        if key:
            state.focus = f"med-{key}"
            position = slides.index(key) + 1
            state.notice = Notice("added", heading(site, target), position, len(slides))
    elif state.owner != state.director:
        # She chose another director but has changed the slides: they are kept; the page
        # says whose they are and offers the new director's.
        state.notice = Notice("director-kept", name=site.profiles.directors[state.director].name)
    elif verb in ("direktør", "direktør-valgt"):
        name = site.profiles.directors[state.director].name
        state.notice = Notice("director", count=len(slides), name=name)
        if verb == "direktør":
            state.focus = "vis-dias"
    elif verb == "søg":
        state.notice = Notice("searched")
        state.focus = "soeg"


def untouched(state: VisitForm, site: Any) -> bool:
    """Her slides are the list's director's, all ticked, in their order."""
    base = _base_keys(site, state.owner)
    return state.slides == base and state.chosen == set(base)


def _insert_at(slides: list[str], block_id: str, site: Any) -> int:
    """Where an added block goes: before the closing slides, or last if it closes a deck."""
    if kind(site, block_id) in CLOSING_KINDS:
        return len(slides)
    end = len(slides)
    while end > 0 and kind(site, key_id(slides[end - 1])) in CLOSING_KINDS:
        end -= 1
    return end


def kind(site: Any, block_id: str) -> str:
    """The kind of the library's block `block_id` ("" if there is none)."""
    found = site.library.get(block_id) if site.library else None
    return str(getattr(found.block, "kind", "")) if found else ""


def heading(site: Any, key: str) -> str:
    """The title a slide is known by on the page (its block's heading, else its id)."""
    found = site.library.get(key_id(key)) if site.library else None
    return (" ".join(found.block.heading.split()) if found else "") or key_id(key)


# Keeping ------------------------------------------------------------------------------------


@dataclass
class Kept:
    """Where a step's state was kept, and why not in the visit if it was not."""

    checked: Any
    """The visit service's reading of the state (`deckgen.web.rows.Outcome`)."""
    visit: Any = None
    """The visit as saved (a `StoredVisit`), when the state read as one."""
    draft: Any = None
    """The draft the state was kept in instead (a `deckgen.visits.drafts.Draft`)."""
    conflict: Any = None
    """Someone else saved the visit since her page was made (a `Conflict`)."""
    same: Any = None
    """Another visit of the same date, director and committee (a `StoredVisit`)."""
    deleted: bool = False
    """The visit was deleted while she had it open."""


def save(
    site: Any,
    who: str,
    state: VisitForm,
    *,
    visit_id: int | None,
    base: int | None,
    draft_id: int | None,
    checked: Any,
) -> Kept:
    """Keep `state`: in the visit (a new revision, or a new visit) when `checked` read it as
    one; else, or when someone saved the visit first, as a draft. Never both lost."""
    from deckgen.visits.register import Conflict, NotFound

    kept = Kept(checked)
    record = checked.record if checked.ok else None
    if record is not None:
        try:
            if visit_id is not None:
                kept.visit = site.register.change(visit_id, record, base or 0, who)
            else:
                found = site.register.find(record.key)
                if found is None:
                    kept.visit = site.register.save(record, who).visit
                else:
                    kept.same = found
        except Conflict as conflict:
            if visit_id is not None and conflict.current.id != visit_id:
                kept.same = conflict.current
            else:
                kept.conflict = conflict
        except NotFound:
            kept.deleted = True
        if kept.visit is not None:
            if draft_id is not None:
                # The draft became the visit: its address leads to the visit from now on.
                site.drafts.drop(draft_id, visit_id=kept.visit.id)
            return kept
    kept.draft = site.drafts.save(
        draft_id, state.as_json(), who, visit_id=visit_id, base=base if visit_id else None
    )
    return kept


# Shown on the page ---------------------------------------------------------------------------


def block_info(site: Any, key: str, blocks: Any) -> dict[str, Any]:
    """A slide of the list, or a block of the library, as the page shows it."""
    block_id = key_id(key)
    found = site.library.get(block_id) if site.library else None
    return {
        "key": key,
        "id": block_id,
        "heading": heading(site, block_id),
        "kind": kind(site, block_id),
        "tags": list(found.block.tags) if found else [],
        "picture": block_id in blocks.pictures,
        "notes": " ".join(str(getattr(found.block, "notes", "") or "").split()) if found else "",
    }


def _offered(site: Any, block_id: str) -> bool:
    """Whether the secretaries may add `block_id` (not a draft, not retired)."""
    found = site.library.get(block_id) if site.library else None
    return found is not None and found.block.offered


def addable_blocks(
    site: Any, slides: list[str], query: str, tag: str, blocks: Any
) -> list[dict[str, Any]]:
    """The library's blocks not in the list, that the search and the topic find."""
    shown = {key_id(key) for key in slides}
    return [info for info in _found(site, query, tag, blocks) if info["id"] not in shown]


def found_in_visit(site: Any, slides: list[str], query: str, tag: str, blocks: Any) -> int:
    """How many blocks the search and the topic find that are in the list already (so the
    page can say so, rather than that nothing was found)."""
    if not query and not tag:
        return 0
    shown = {key_id(key) for key in slides}
    return sum(1 for info in _found(site, query, tag, blocks) if info["id"] in shown)


def _found(site: Any, query: str, tag: str, blocks: Any) -> list[dict[str, Any]]:
    wanted = query.casefold()
    found = []
    for entry in site.library or []:
        if not entry.block.offered:
            continue
        info = block_info(site, entry.block.id, blocks)
        if tag and tag not in info["tags"]:
            continue
        if wanted and wanted not in f"{info['id']} {info['heading']}".casefold():
            continue
        found.append(info)
    return found
