"""The schema of a visit: one typed record, from which the API's schema and the form are made.

Its fields are the visit schedule's columns, named as the schedule names them (`dato`,
`direktør`, `udvalg`, `sted`, `tilføj`, `fjern`, `lokalt eksempel`), and the slides chosen
for the visit in order (`dias`). A record holds a visit already read and checked: the date
as an ISO date, the director by the id of their profile, the committee as the register
spells it. What people type is read into one by `deckgen.visits.service.read_visit`.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from deckgen.i18n import N_

IdList = Annotated[tuple[str, ...], msgspec.Meta(max_length=200)]


class VisitRecord(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    """One visit: a committee visited by a director on a day, and what the deck shows."""

    date: str = msgspec.field(name="dato")
    """The day, as an ISO date (`2026-03-12`)."""
    director: str = msgspec.field(name="direktør")
    """The id of the director's profile (`mette-holm`)."""
    committee: str = msgspec.field(name="udvalg")
    """The committee, as the committee register spells it."""
    place: str = msgspec.field(name="sted", default="")
    """Where the meeting is; put on the cover."""
    extra: IdList = msgspec.field(name="tilføj", default=())
    """Block ids added to the director's deck."""
    drop: IdList = msgspec.field(name="fjern", default=())
    """Block ids left out of the director's deck."""
    local_example: str = msgspec.field(name="lokalt eksempel", default="")
    """An example from the committee's own workplace, for the dialogue slide."""
    slides: IdList = msgspec.field(name="dias", default=())
    """The slides' block ids in the order chosen; empty for the deck's own order."""

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a visit the same visit: its date, director and committee."""
        return (self.date, self.director, self.committee)


COLUMNS: tuple[str, ...] = tuple(info.encode_name for info in msgspec.structs.fields(VisitRecord))
"""The record's fields as the schedule and the API name them, in order."""
SCHEDULE_COLUMNS = COLUMNS[:-1]
"""The columns a schedule has (the chosen order of slides is not one)."""
REQUIRED = tuple(info.encode_name for info in msgspec.structs.fields(VisitRecord) if info.required)
"""The columns every visit must fill in."""
LIST_COLUMNS = tuple(
    info.encode_name for info in msgspec.structs.fields(VisitRecord) if info.default == ()
)
"""The columns that hold block ids (a list, or text separated by commas or spaces)."""
ATTRIBUTE = {info.encode_name: info.name for info in msgspec.structs.fields(VisitRecord)}
"""Each column's attribute name on the record."""

DESCRIPTIONS = {
    "dato": N_("The day: 12. marts 2026, 12/3, 12-03-26, 12.3.2026 or 2026-03-12."),
    "direktør": N_("The director, by id or name."),
    "udvalg": N_("The committee, as the committee register names it."),
    "sted": N_("Where the meeting is; shown on the cover."),
    "tilføj": N_("Block ids to add, separated by commas or spaces, or a list of them."),
    "fjern": N_("Block ids to leave out, separated by commas or spaces, or a list of them."),
    "lokalt eksempel": N_("An example from the committee's own workplace, for the dialogue."),
    "dias": N_("The slides' block ids in the order wanted; empty for the deck's order."),
}
"""What each field holds, for the API's description and the form (translated when shown)."""


def as_columns(record: VisitRecord) -> dict[str, Any]:
    """The record's every field by its column name, lists as lists (for JSON and tables)."""
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in ((column, getattr(record, ATTRIBUTE[column])) for column in COLUMNS)
    }


def encode(record: VisitRecord) -> bytes:
    """The record as compact JSON, defaults left out (how the register keeps it)."""
    return msgspec.json.encode(record)


def decode(data: bytes | str) -> VisitRecord:
    """A record the register kept (`encode`)."""
    return msgspec.json.decode(data, type=VisitRecord)


def changes(old: VisitRecord | None, new: VisitRecord | None) -> dict[str, list[Any]]:
    """The columns that differ between two records: column → [old value, new value]."""
    before = as_columns(old) if old is not None else {}
    after = as_columns(new) if new is not None else {}
    return {
        column: [before.get(column), after.get(column)]
        for column in COLUMNS
        if before.get(column) != after.get(column)
    }


def json_schema() -> dict[str, Any]:
    """The record's JSON Schema (as msgspec makes it), without its `$defs` indirection."""
    schema = msgspec.json.schema(VisitRecord)
    name = schema["$ref"].rsplit("/", 1)[-1]
    return dict(schema["$defs"][name])
