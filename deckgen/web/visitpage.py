"""Ny præsentation: one visit's fields and slides, changed one step at a time.

The page is one form. Each of its buttons names what to do (`handling`): move a slide up or
down, add one from the library, show another director's slides, search the library, preview,
download; the form's first button, which Enter in any field presses, only keeps what she has
typed and chosen (`gem`). Without JavaScript every step is a round trip that renders the
page again; with it (`static/app.js`), the same request is sent in the background and only
the parts of the page that changed are replaced, so focus and the preview stay.

A slide in the list is named by a key: its block id, and for a block the deck shows a second
time `id~2` (a third `id~3`), so that a block shown twice keeps both places.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from deckgen import api

FIELDS = ("dato", "direktør", "udvalg", "sted", "lokalt eksempel")
"""The visit's fields on the page, by their schedule column names."""
FORM_NAMES = {"lokalt eksempel": "lokalt_eksempel"}
"""A field's name in the HTML form where it differs from its column name."""
CLOSING_KINDS = ("closing", "call_to_action")
"""Blocks of these kinds end a deck: a block added by hand goes before them, and an added one
of these kinds goes last, as the tour places them."""
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
    """`moved`, `added`, `director`, `director-kept`, `searched`."""
    heading: str = ""
    position: int = 0
    count: int = 0
    name: str = ""


@dataclass
class VisitForm:
    """What the form holds: the visit's fields and her slides, in her order."""

    values: dict[str, str]
    director: str
    slides: list[str]
    """Slide keys in the order she has put them."""
    chosen: set[str]
    """The keys ticked to be in the deck."""
    owner: str
    """The director whose slides the list shows (another while she has just changed it)."""
    query: str = ""
    tag: str = ""
    notice: Notice | None = None
    focus: str = ""
    """The id of the element that should have focus after this step."""
    problems: list[Any] = field(default_factory=list)

    @property
    def ticked(self) -> list[str]:
        return [key for key in self.slides if key in self.chosen]

    def row(self, base: list[str]) -> dict[str, str]:
        """The schedule row of the visit: its fields, and `tilføj`/`fjern` as against the
        director's own slides `base`."""
        ids = [key_id(key) for key in self.ticked]
        return {
            **self.values,
            "direktør": self.director,
            "tilføj": " ".join(dict.fromkeys(i for i in ids if i not in base)),
            "fjern": " ".join(dict.fromkeys(i for i in base if i not in ids)),
        }


def read_form(form: Mapping[str, Any], site: Any, *, fresh: bool) -> VisitForm:
    """The state the form sent (or, when `fresh`, a new visit's: the first director's slides,
    every field empty)."""
    directors = site.profiles.directors
    director = form.get("direktør", "") if not fresh else ""
    if director not in directors:
        director = next(iter(directors))
    owner = form.get("diasene_til", "") if not fresh else ""
    values = {
        name: "" if fresh else str(form.get(FORM_NAMES.get(name, name), "")) for name in FIELDS
    }
    values["direktør"] = director
    known = site.library
    slides: list[str] = []
    if not fresh and owner in directors:
        sent = [str(key) for key in getattr(form, "getlist", lambda _n: [])("slide")]
        slides = [key for key in dict.fromkeys(sent) if known and known.get(key_id(key))]
    if not slides:
        owner = director
        slides = slide_keys(api.visit_slide_ids(site.profiles, director, site.sources()))
        chosen = set(slides)
    else:
        chosen = {str(k) for k in getattr(form, "getlist", lambda _n: [])("med")} & set(slides)
    return VisitForm(
        values=values,
        director=director,
        slides=slides,
        chosen=chosen,
        owner=owner,
        query="" if fresh else str(form.get("søg", "")).strip(),
        tag="" if fresh else str(form.get("emne", "")),
    )


def apply(state: VisitForm, action: str, site: Any) -> None:
    """Do the step `action` names to `state` (moving, adding, another director's slides)."""
    verb, _sep, target = action.partition(":")
    if verb in ("op", "ned") and target in state.slides:
        slides = state.slides
        index = slides.index(target)
        other = index - 1 if verb == "op" else index + 1
        if 0 <= other < len(slides):
            slides[index], slides[other] = slides[other], slides[index]
            index = other
        # Focus stays on the button she pressed, or on its twin when the slide reached an end.
        at_end = index == 0 if verb == "op" else index == len(slides) - 1
        state.focus = (
            f"{'ned' if verb == 'op' else 'op'}-{target}" if at_end else action.replace(":", "-")
        )
        state.notice = Notice("moved", heading(site, target), index + 1, len(slides))
    elif verb == "tilføj" and site.library and site.library.get(target):
        key = slide_keys([*(key_id(k) for k in state.slides), target])[-1]
        position = _insert_at(state.slides, target, site)
        state.slides.insert(position, key)
        state.chosen.add(key)
        state.focus = f"med-{key}"
        state.notice = Notice("added", heading(site, target), position + 1, len(state.slides))
    elif verb == "direktør" or (verb == "direktør-valgt" and _untouched(state, site)):
        # The button, or (from the page's script) a new choice in the list while her slides
        # are still the last director's as they came: then showing the new ones loses nothing.
        state.slides = slide_keys(
            api.visit_slide_ids(site.profiles, state.director, site.sources())
        )
        state.chosen = set(state.slides)
        state.owner = state.director
        name = site.profiles.directors[state.director].name
        state.notice = Notice("director", count=len(state.slides), name=name)
    elif state.owner != state.director:
        # She chose another director but has changed the slides: they are kept; the page
        # says whose they are and offers the new director's.
        state.notice = Notice("director-kept", name=site.profiles.directors[state.director].name)
    elif verb == "søg":
        state.notice = Notice("searched")
        state.focus = "soeg"


def _untouched(state: VisitForm, site: Any) -> bool:
    """Her slides are the list's director's, all ticked, in their order."""
    if state.owner not in site.profiles.directors:
        return True
    base = slide_keys(api.visit_slide_ids(site.profiles, state.owner, site.sources()))
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
