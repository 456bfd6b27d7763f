"""Two ways a visit's slides are tailored to the visit beyond the director's choice: a block
that belongs to a director (`author:`) names that director whoever visits, and the place of the
visit goes onto the cover."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from deckgen.errors import Problem, close_match
from deckgen.i18n import _
from deckgen.library import BlockLibrary
from deckgen.tour.profiles import DirectorProfile, Profiles
from deckgen.variables import names_in

CLOSING_KINDS = frozenset({"closing", "call_to_action"})
"""Kinds of block that end a deck (a thank-you, a call to action): slides added to a visit's
deck go before them."""
COVER_KIND = "title"
"""The kind of a deck's cover, where the place of the visit is added."""


_DIRECTOR_VARIABLES = re.compile(r"\{\{\s*(direktør|direktør_titel)\s*\}\}")
"""The placeholders that name the visiting director; in a block with an `author`, the author."""


def signed(
    entry: Any,
    origin: int | None,
    visitor: DirectorProfile,
    profiles: Profiles,
    library: BlockLibrary,
    problems: list[Problem],
) -> tuple[Any, int | None]:
    """`entry`, with its author's name and title in place of the visiting director's when the
    block belongs to another director (a greeting signed by the one who wrote it)."""
    if isinstance(entry, dict) and "use" not in entry:
        return entry, origin
    found = library.get(entry_id(entry))
    author_id = getattr(found.block, "author", "") if found else ""
    if not found or not author_id or author_id == visitor.id:
        return entry, origin
    author = profiles.find(author_id)
    if author is None:
        where = found.doc.locate((*found.path, "author"))
        problems.append(
            Problem(
                where,
                _("author: no director with the id {id!r} in {file}").format(
                    id=author_id, file=profiles.path.name
                ),
                close_match(author_id, profiles.directors) or profiles.unknown_hint(author_id),
            )
        )
        return entry, origin
    values = {"direktør": author.name, "direktør_titel": author.title}
    given = dict(entry) if isinstance(entry, dict) else {"use": entry}
    signed = {**found.raw, **given}
    for key, value in signed.items():
        if key in ("id", "kind", "use", "author") or key in given:
            continue
        changed = _with_values(value, values)
        if changed != value:
            given[key] = changed
    return given, origin


def _with_values(value: Any, values: dict[str, str]) -> Any:
    """`value` (text, or lists and mappings of it) with the director's placeholders filled."""
    if isinstance(value, str):
        return _DIRECTOR_VARIABLES.sub(lambda match: values[match.group(1)], value)
    if isinstance(value, list):
        return [_with_values(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _with_values(item, values) for key, item in value.items()}
    return value


def place_on_cover(
    slides: list[tuple[Any, int | None]], library: BlockLibrary
) -> list[tuple[Any, int | None]]:
    """The slides, with the place (`{{ sted }}`) at the end of the cover's last detail line,
    unless the cover names it already."""
    for index, (entry, origin) in enumerate(slides):
        if entry_kind(entry, library) != COVER_KIND:
            continue
        found = library.get(entry_id(entry))
        given = dict(entry) if isinstance(entry, dict) else {"use": entry}
        raw = given if "use" not in given else {**(found.raw if found else {}), **given}
        if "sted" in _names(raw):
            return slides
        # On the last detail line: the cover's subtitle has no room for a line more.
        details = [str(line) for line in raw.get("details") or []] or [""]
        details[-1] = f"{details[-1]} · {{{{ sted }}}}" if details[-1] else "{{ sted }}"
        slides = list(slides)
        slides[index] = ({**given, "details": details}, origin)
        return slides
    return slides


def _names(value: Any) -> set[str]:
    """Every `{{ name }}` in `value` (text, or lists and mappings of it)."""
    if isinstance(value, str):
        return set(names_in(value))
    if isinstance(value, list):
        return set().union(*(_names(item) for item in value)) if value else set()
    if isinstance(value, dict):
        return set().union(*(_names(item) for item in value.values())) if value else set()
    return set()


def entry_id(entry: Any) -> str:
    """The block id a deck's slide entry shows (`id`, `{use: id, …}` or an inline block)."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        return str(entry.get("use") or entry.get("id") or "")
    return ""


def closing_start(entries: Sequence[Any], library: BlockLibrary) -> int:
    """Where the closing slides that end `entries` (a deck's slide entries) begin; the length
    of `entries` when it has none. A slide added to a visit's deck goes here."""
    end = len(entries)
    while end > 0 and entry_kind(entries[end - 1], library) in CLOSING_KINDS:
        end -= 1
    return end


def entry_kind(entry: Any, library: BlockLibrary) -> str:
    """The kind of block a deck's slide entry shows (empty if the library lacks it)."""
    if isinstance(entry, dict) and "use" not in entry:
        return str(entry.get("kind", ""))
    found = library.get(entry_id(entry))
    return str(getattr(found.block, "kind", "")) if found else ""
