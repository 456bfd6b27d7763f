"""The register's tables, as SQLAlchemy models; their history is the Alembic migrations.

A visit is a row of `visits` holding its current record and revision number; each change
is a row of `revisions` (what changed, when, by whom, and the whole record as it became),
so nothing is overwritten without a trace and a deleted visit (`deleted_at` set) can be
restored. `decks` records each deck built for a visit; `settings` keeps the web server's
secret; `imported_files` the deck files of `deckgen new` already taken in; `drafts` what the
web page holds of a visit not yet saved in it, and `tour_runs` the web tour's kept runs.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The register's tables."""


class VisitRow(Base):
    """A visit as it is now."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    date: Mapped[str] = mapped_column(String(10), nullable=False)
    director: Mapped[str] = mapped_column(String(100), nullable=False)
    committee: Mapped[str] = mapped_column(String(400), nullable=False)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    """The `VisitRecord` as JSON."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # One live visit per date, director and committee: a second save of the same visit
        # becomes a revision of it, also when two servers save it at once.
        Index(
            "uq_visits_live",
            "date",
            "director",
            "committee",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        Index("ix_visits_date", "date"),
        Index("ix_visits_director", "director"),
        Index("ix_visits_committee", "committee"),
    )


class RevisionRow(Base):
    """One change of a visit: its number, what changed, when and by whom."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    """`created`, `changed`, `deleted`, `restored` or `imported`."""
    who: Mapped[str] = mapped_column(String(200), nullable=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    """The record as this revision made it, as JSON."""
    changes: Mapped[str] = mapped_column(Text, nullable=False)
    """Column → [before, after], as JSON."""
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (UniqueConstraint("visit_id", "number", name="uq_revisions_number"),)


class DeckRow(Base):
    """A deck built for a visit: when, from which revision and inputs, into which file."""

    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    built_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    inputs_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    file: Mapped[str] = mapped_column(Text, nullable=False)
    who: Mapped[str] = mapped_column(String(200), nullable=False)

    __table_args__ = (Index("ix_decks_visit", "visit_id", "revision"),)


class SettingRow(Base):
    """A value the register keeps for the server (the secret that signs its forms)."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class ImportedFileRow(Base):
    """A deck file of `deckgen new` taken into the register, so it is taken in once."""

    __tablename__ = "imported_files"

    path: Mapped[str] = mapped_column(String(1000), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    visit_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class DraftRow(Base):
    """What the web page holds of a visit that is not (yet) saved in it: a new visit before
    its date, director and committee are filled in, a field typed wrong, or changes made
    while someone else saved the visit first. Kept so that nothing she did is lost."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int | None] = mapped_column(Integer)
    """The visit the draft changes; None for a new visit."""
    base: Mapped[int | None] = mapped_column(Integer)
    """The visit's revision the draft started from."""
    who: Mapped[str] = mapped_column(String(200), nullable=False)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    """The page's state as JSON: the fields as typed, the slides in order, the ticks."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_drafts_visit", "visit_id"),)


class TourRunRow(Base):
    """A schedule uploaded on the web page's tour, and what became of each row."""

    __tablename__ = "tour_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    who: Mapped[str] = mapped_column(String(200), nullable=False)
    filename: Mapped[str] = mapped_column(String(400), nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    """`checked` (seen, not applied), `running`, `done` or `failed`."""
    data: Mapped[str] = mapped_column(Text, nullable=False)
    """The run's rows and results as JSON."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
