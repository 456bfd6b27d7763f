"""What the web page keeps beside the visits: drafts, and the tour's runs.

A **draft** is the page's state of a visit that is not (yet) saved in the visit: a new
visit before its date, director and committee make it one, a field typed wrong, or changes
made while someone else saved the visit first. The page saves one at every step she takes,
so closing the tab, the menu, Back or a restart of the server loses nothing; once the state
reads as a visit it is saved in the visit as a revision and the draft is dropped.

A **tour run** is a schedule uploaded on the page and what became of each row; kept, so she
can open it again later (and after a restart).

Both live in the visit register's database (its tables `drafts` and `tour_runs`) and share
its transactions, so a draft is as safe as a visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

import msgspec
from sqlalchemy import Table, insert, select, update

from deckgen.visits.register import UNKNOWN_USER, Register, now
from deckgen.visits.tables import DraftRow, TourRunRow

_drafts = cast(Table, DraftRow.__table__)
_runs = cast(Table, TourRunRow.__table__)
MAX_STATE_BYTES = 256 * 1024
"""The largest draft or run kept (a form is some kilobytes; a 1,000-row run some hundred)."""


@dataclass(frozen=True)
class Draft:
    """The page's state of a visit not saved in it."""

    id: int
    visit_id: int | None
    base: int | None
    who: str
    state: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted: bool = False


@dataclass(frozen=True)
class TourRun:
    """A schedule uploaded on the page, and its rows' results."""

    id: int
    who: str
    filename: str
    state: str
    data: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime


class Drafts:
    """The drafts and tour runs kept in `register`'s database."""

    def __init__(self, register: Register) -> None:
        self.register = register

    # Drafts ----------------------------------------------------------------------------------

    def save(
        self,
        draft_id: int | None,
        state: dict[str, Any],
        who: str,
        *,
        visit_id: int | None = None,
        base: int | None = None,
    ) -> Draft:
        """Keep `state` in the draft `draft_id` (a new draft if None or gone)."""
        data = _encode(state)
        moment = now()
        values = {
            "visit_id": visit_id,
            "base": base,
            "who": who[:200] or UNKNOWN_USER,
            "data": data,
            "updated_at": moment,
            "deleted_at": None,
        }
        # The register's transactions: a draft is written as safely as a visit.
        with self.register.writing() as connection:
            if draft_id is not None:
                done = connection.execute(
                    update(_drafts).where(_drafts.c.id == draft_id).values(**values)
                )
                if done.rowcount == 1:
                    row = connection.execute(select(_drafts).where(_drafts.c.id == draft_id)).one()
                    return _draft(row)
            new_id = connection.execute(
                insert(_drafts).values(created_at=moment, **values)
            ).inserted_primary_key
            assert new_id is not None
            row = connection.execute(select(_drafts).where(_drafts.c.id == new_id[0])).one()
            return _draft(row)

    def get(self, draft_id: int) -> Draft | None:
        """The draft `draft_id`, deleted or not; None if there is none."""
        with self.register._read() as connection:
            row = connection.execute(select(_drafts).where(_drafts.c.id == draft_id)).first()
        return _draft(row) if row is not None else None

    def for_visit(self, visit_id: int) -> Draft | None:
        """The newest live draft of the visit `visit_id`."""
        query = (
            select(_drafts)
            .where(_drafts.c.visit_id == visit_id, _drafts.c.deleted_at.is_(None))
            .order_by(_drafts.c.updated_at.desc(), _drafts.c.id.desc())
            .limit(1)
        )
        with self.register._read() as connection:
            row = connection.execute(query).first()
        return _draft(row) if row is not None else None

    def new_visits(self, limit: int = 100) -> list[Draft]:
        """The live drafts of new visits (not yet saved as a visit), newest first."""
        query = (
            select(_drafts)
            .where(_drafts.c.visit_id.is_(None), _drafts.c.deleted_at.is_(None))
            .order_by(_drafts.c.updated_at.desc(), _drafts.c.id.desc())
            .limit(limit)
        )
        with self.register._read() as connection:
            return [_draft(row) for row in connection.execute(query)]

    def with_visits(self) -> dict[int, Draft]:
        """The newest live draft of each visit that has one, by visit id."""
        query = (
            select(_drafts)
            .where(_drafts.c.visit_id.is_not(None), _drafts.c.deleted_at.is_(None))
            .order_by(_drafts.c.updated_at, _drafts.c.id)
        )
        with self.register._read() as connection:
            return {row.visit_id: _draft(row) for row in connection.execute(query)}

    def drop(self, draft_id: int, *, undo: bool = False, visit_id: int | None = None) -> None:
        """Set the draft aside (kept, so `drop(…, undo=True)` brings it back); `visit_id`
        names the visit a new visit's draft became."""
        values: dict[str, Any] = {"deleted_at": None if undo else now()}
        if visit_id is not None:
            values["visit_id"] = visit_id
        with self.register.writing() as connection:
            connection.execute(update(_drafts).where(_drafts.c.id == draft_id).values(**values))

    # Tour runs -------------------------------------------------------------------------------

    def add_run(self, who: str, filename: str, state: str, data: dict[str, Any]) -> TourRun:
        """Keep a new tour run."""
        moment = now()
        with self.register.writing() as connection:
            new_id = connection.execute(
                insert(_runs).values(
                    who=who[:200] or UNKNOWN_USER,
                    filename=filename[:400],
                    state=state,
                    data=_encode(data),
                    created_at=moment,
                    updated_at=moment,
                )
            ).inserted_primary_key
            assert new_id is not None
            row = connection.execute(select(_runs).where(_runs.c.id == new_id[0])).one()
        return _run(row)

    def update_run(self, run_id: int, state: str, data: dict[str, Any]) -> None:
        """Keep what a run has done so far."""
        with self.register.writing() as connection:
            connection.execute(
                update(_runs)
                .where(_runs.c.id == run_id)
                .values(state=state, data=_encode(data), updated_at=now())
            )

    def run(self, run_id: int) -> TourRun | None:
        with self.register._read() as connection:
            row = connection.execute(select(_runs).where(_runs.c.id == run_id)).first()
        return _run(row) if row is not None else None

    def runs(self, limit: int = 20) -> list[TourRun]:
        """The newest runs first."""
        query = select(_runs).order_by(_runs.c.created_at.desc(), _runs.c.id.desc()).limit(limit)
        with self.register._read() as connection:
            return [_run(row) for row in connection.execute(query)]


def _encode(value: dict[str, Any]) -> str:
    data = msgspec.json.encode(value)
    if len(data) > MAX_STATE_BYTES:
        raise ValueError(len(data))  # the page bounds what it sends well below this
    return data.decode()


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _draft(row: Any) -> Draft:
    return Draft(
        row.id,
        row.visit_id,
        row.base,
        row.who,
        msgspec.json.decode(row.data),
        _aware(row.created_at),
        _aware(row.updated_at),
        row.deleted_at is not None,
    )


def _run(row: Any) -> TourRun:
    return TourRun(
        row.id,
        row.who,
        row.filename,
        row.state,
        msgspec.json.decode(row.data),
        _aware(row.created_at),
        _aware(row.updated_at),
    )
