"""The visit register: every visit in a database, every change kept as a revision.

SQLite by default, a file in the project (`.deckgen/besoeg.sqlite`, made on first use, in
WAL mode so that several threads and processes read while one writes); PostgreSQL when
`DECKGEN_DATABASE_URL` names one (a shared server, or several behind one proxy). The schema
is Alembic's migrations (`migrations/`), applied when the register is opened.

Every write is one transaction. A change names the revision it was based on and is made
only if that is still the visit's revision (`UPDATE … WHERE revision = base`), so two
people saving at once each get a revision or a clean `Conflict`, never a lost change. A
database that cannot be written (read-only, a full disk) raises `RegisterError` in words
and keeps what it had: the transaction is rolled back whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import msgspec
from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from deckgen.errors import DeckgenError, Location
from deckgen.i18n import _
from deckgen.visits import record as records
from deckgen.visits.record import VisitRecord
from deckgen.visits.tables import DeckRow, ImportedFileRow, RevisionRow, SettingRow, VisitRow

HEAD = "0002"
"""The newest migration (`migrations/versions`): a register at it needs no upgrade, and
Alembic is not even imported (it costs start-up time)."""
DATABASE_ENV = "DECKGEN_DATABASE_URL"
"""The environment variable naming a PostgreSQL database to use instead of SQLite."""
REGISTER_FOLDER = ".deckgen"
REGISTER_FILE = "besoeg.sqlite"
"""The SQLite file, in `REGISTER_FOLDER` of the project."""
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
UNKNOWN_USER = "ukendt"
"""Who made a change when nobody can be named (a web request without a trusted header)."""
PAGE = 50
"""Visits listed at a time, unless asked for more."""

_visits = cast(Table, VisitRow.__table__)
_revisions = cast(Table, RevisionRow.__table__)
_decks = cast(Table, DeckRow.__table__)
_settings = cast(Table, SettingRow.__table__)
_imported = cast(Table, ImportedFileRow.__table__)


class RegisterError(DeckgenError):
    """The register could not be read or written; nothing half-written is left."""


class NotFound(DeckgenError):
    """No visit with that id (or not in the state asked for)."""


@dataclass(frozen=True)
class StoredVisit:
    """A visit as the register holds it now."""

    id: int
    revision: int
    record: VisitRecord
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def state(self) -> str:
        """`active` or `deleted`."""
        return "deleted" if self.deleted else "active"


@dataclass(frozen=True)
class Revision:
    """One change of a visit."""

    number: int
    action: str
    """`created`, `changed`, `deleted`, `restored` or `imported`."""
    who: str
    at: dt.datetime
    record: VisitRecord
    changes: dict[str, list[Any]] = field(default_factory=dict)
    """Column → [before, after]."""
    note: str = ""


@dataclass(frozen=True)
class BuiltDeck:
    """A deck built for a visit."""

    visit_id: int
    revision: int
    built_at: dt.datetime
    inputs_hash: str
    file: str
    who: str


@dataclass(frozen=True)
class Saved:
    """What saving a visit did: `created`, `changed` or `unchanged` (a revision or not)."""

    visit: StoredVisit
    outcome: str


class Conflict(Exception):
    """Someone saved the visit after the revision a change was based on."""

    def __init__(self, current: StoredVisit, since: list[Revision]) -> None:
        super().__init__(current.id, current.revision)
        self.current = current
        self.since = since


def database_url(project: Path) -> str:
    """The register's database: `DECKGEN_DATABASE_URL`, else the SQLite file in `project`."""
    given = os.environ.get(DATABASE_ENV, "").strip()
    if given:
        return given
    return f"sqlite:///{project / REGISTER_FOLDER / REGISTER_FILE}"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Register:
    """One database of visits; safe to share between threads (one engine, a pool)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.url = parsed
        self.sqlite = parsed.get_backend_name() == "sqlite"
        # Where messages say the register is: the file, or the server and database.
        self.where = (
            Path(parsed.database or "")
            if self.sqlite
            else Path(f"postgresql:{parsed.host or ''}:{parsed.port or ''}:{parsed.database or ''}")
        )
        self.engine = self._engine()

    # Opening ---------------------------------------------------------------------------

    def _engine(self) -> Engine:
        if not self.sqlite:
            return create_engine(self.url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        if self.url.database and self.url.database != ":memory:":
            folder = Path(self.url.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise self._failure(exc) from None
        engine = create_engine(
            self.url,
            connect_args={"timeout": 30, "check_same_thread": False},
            pool_size=10,
            max_overflow=20,
        )

        @event.listens_for(engine, "connect")
        def _connected(connection: Any, _record: Any) -> None:
            # deckgen begins each transaction itself (below), as SQLite should be driven.
            connection.isolation_level = None
            cursor = connection.cursor()
            try:
                cursor.execute("PRAGMA busy_timeout = 30000")
                # WAL: readers do not wait for the writer; FULL: a saved change survives a
                # power cut, not only a killed process.
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
                cursor.execute("PRAGMA foreign_keys = ON")
            except sqlite3.OperationalError:
                pass  # a read-only register is still read; writing says why not
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            # A write takes the write lock at once, so two writers queue instead of both
            # reading and then one failing to upgrade its lock.
            write = connection.get_execution_options().get("deckgen_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    def upgrade(self) -> bool:
        """Bring the schema to the newest migration; True if anything was done."""
        with self._guard():
            if self.version() == HEAD:
                return False
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            with self.engine.connect().execution_options(deckgen_write=True) as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
            return True

    def version(self) -> str | None:
        """The migration the database is at; None for an empty database."""
        with self._guard(), self.engine.connect() as connection:
            try:
                with connection.begin():
                    found = connection.exec_driver_sql(
                        "SELECT version_num FROM alembic_version"
                    ).scalar()
            except (sa_exc.OperationalError, sa_exc.ProgrammingError):
                return None
        return str(found) if found is not None else None

    def close(self) -> None:
        """Close the connections (a forked process opens its own)."""
        self.engine.dispose()

    # Errors in words ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.DatabaseError as exc:  # operational, internal, a file that is no database
            raise self._failure(exc) from None
        except OSError as exc:
            raise self._failure(exc) from None

    def _failure(self, exc: BaseException) -> RegisterError:
        text = str(getattr(exc, "orig", None) or exc).lower()
        where = Location(self.where)
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return RegisterError(
                _("the visit register is damaged or is not a database; nothing was read or saved"),
                where,
                _(
                    "ask IT to put back the latest backup of the register (deckgen db backup "
                    "makes one), or to move the file aside so that a new, empty register is made"
                ),
            )
        if "readonly" in text or "read-only" in text or "read only" in text:
            return RegisterError(
                _("the visit register cannot be written (it is read-only); nothing was saved"),
                where,
                _("ask IT to give the server write access to the register's folder"),
            )
        if "full" in text or "no space" in text or "disk quota" in text:
            return RegisterError(
                _("the disk of the visit register is full; nothing was saved"),
                where,
                _("ask IT to make room on the disk; what was saved before is whole"),
            )
        if "locked" in text or "busy" in text:
            return RegisterError(
                _("the visit register is busy; nothing was saved"),
                where,
                _("try again in a moment"),
            )
        if "permission" in text or "unable to open" in text:
            return RegisterError(
                _("the visit register cannot be opened ({error})").format(error=text.strip()),
                where,
                _("ask IT to give the server access to the register's folder"),
            )
        return RegisterError(
            _("the visit register failed ({error})").format(error=text.strip()[:300]),
            where,
            _("try again; if it keeps failing, ask IT to look at the database"),
        )

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction (serialised with the register's other writers), committed
        when the block ends without an error."""
        with (
            self._guard(),
            self.engine.connect().execution_options(deckgen_write=True) as connection,
            connection.begin(),
        ):
            yield connection

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._guard(), self.engine.connect() as connection, connection.begin():
            yield connection

    # Reading -----------------------------------------------------------------------------

    def get(self, visit_id: int) -> StoredVisit | None:
        """The visit with `visit_id`, deleted or not; None if there is none."""
        with self._read() as connection:
            row = connection.execute(select(_visits).where(_visits.c.id == visit_id)).first()
        return _stored(row) if row is not None else None

    def find(self, key: tuple[str, str, str]) -> StoredVisit | None:
        """The live visit of that date, director and committee, if there is one."""
        with self._read() as connection:
            return self._find(connection, key)

    def _find(self, connection: Connection, key: tuple[str, str, str]) -> StoredVisit | None:
        date, director, committee = key
        row = connection.execute(
            select(_visits).where(
                _visits.c.date == date,
                _visits.c.director == director,
                _visits.c.committee == committee,
                _visits.c.deleted_at.is_(None),
            )
        ).first()
        return _stored(row) if row is not None else None

    def list_visits(
        self,
        *,
        director: str | None = None,
        committee: str | None = None,
        start: str | None = None,
        end: str | None = None,
        deleted: bool = False,
        limit: int = PAGE,
        offset: int = 0,
    ) -> list[StoredVisit]:
        """Visits by date (then id), filtered: `start`/`end` are ISO dates, both included;
        `deleted` lists the deleted ones instead of the live ones."""
        query = (
            select(_visits)
            .where(*self._filters(director, committee, start, end, deleted))
            .order_by(_visits.c.date, _visits.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self._read() as connection:
            return [_stored(row) for row in connection.execute(query)]

    def count(
        self,
        *,
        director: str | None = None,
        committee: str | None = None,
        start: str | None = None,
        end: str | None = None,
        deleted: bool = False,
    ) -> int:
        """How many visits `list_visits` would give without its limit."""
        query = select(func.count()).select_from(_visits)
        query = query.where(*self._filters(director, committee, start, end, deleted))
        with self._read() as connection:
            return int(connection.execute(query).scalar() or 0)

    @staticmethod
    def _filters(
        director: str | None,
        committee: str | None,
        start: str | None,
        end: str | None,
        deleted: bool,
    ) -> list[Any]:
        found: list[Any] = [
            _visits.c.deleted_at.is_not(None) if deleted else _visits.c.deleted_at.is_(None)
        ]
        if director:
            found.append(_visits.c.director == director)
        if committee:
            found.append(_visits.c.committee == committee)
        if start:
            found.append(_visits.c.date >= start)
        if end:
            found.append(_visits.c.date <= end)
        return found

    def history(self, visit_id: int, after: int = 0) -> list[Revision]:
        """The visit's revisions, oldest first (those after revision `after`)."""
        query = (
            select(_revisions)
            .where(_revisions.c.visit_id == visit_id, _revisions.c.number > after)
            .order_by(_revisions.c.number)
        )
        with self._read() as connection:
            return [_revision(row) for row in connection.execute(query)]

    def revision(self, visit_id: int, number: int) -> Revision | None:
        """Revision `number` of the visit, if it has one."""
        query = select(_revisions).where(
            _revisions.c.visit_id == visit_id, _revisions.c.number == number
        )
        with self._read() as connection:
            row = connection.execute(query).first()
        return _revision(row) if row is not None else None

    # Writing -----------------------------------------------------------------------------

    def save(self, record: VisitRecord, who: str, *, action: str = "", note: str = "") -> Saved:
        """Keep `record`: a new visit, or a new revision of the live visit of the same date,
        director and committee (none if nothing differs). Last one to save wins, and every
        save is a revision: for a change based on what someone saw, use `change`."""
        for _attempt in range(20):
            try:
                with self.writing() as connection:
                    found = self._find(connection, record.key)
                    if found is None:
                        return Saved(
                            self._insert(connection, record, who, action or "created", note),
                            "created",
                        )
                    if found.record == record:
                        return Saved(found, "unchanged")
                    changed = self._update(
                        connection, found, record, who, action or "changed", note
                    )
                    if changed is not None:
                        return Saved(changed, "changed")
            except sa_exc.IntegrityError:
                continue  # another saved the same visit at the same moment: save over it
        raise RegisterError(
            _("the visit could not be saved: others kept saving it at the same time"),
            Location(self.where),
            _("try again in a moment"),
        )

    def change(
        self, visit_id: int, record: VisitRecord, base: int, who: str, *, note: str = ""
    ) -> StoredVisit:
        """Make `record` the visit's new revision if the visit is still at revision `base`;
        else raise `Conflict` with what changed since. A record the same as now changes
        nothing."""
        try:
            with self.writing() as connection:
                found = self._live(connection, visit_id)
                if found.revision != base:
                    raise Conflict(found, self._since(connection, visit_id, base))
                if found.record == record:
                    return found
                if record.key != found.record.key:
                    other = self._find(connection, record.key)
                    if other is not None:
                        raise Conflict(other, [])
                changed = self._update(connection, found, record, who, "changed", note)
                if changed is None:  # changed between our read and our write
                    now_ = self._live(connection, visit_id)
                    raise Conflict(now_, self._since(connection, visit_id, base))
                return changed
        except sa_exc.IntegrityError:
            latest = self.get(visit_id)
            assert latest is not None
            raise Conflict(latest, self.history(visit_id, base)) from None

    def delete(self, visit_id: int, who: str, base: int | None = None) -> StoredVisit:
        """Mark the visit deleted (kept, and restorable) as a new revision."""
        with self.writing() as connection:
            found = self._live(connection, visit_id)
            if base is not None and found.revision != base:
                raise Conflict(found, self._since(connection, visit_id, base))
            moment = now()
            done = connection.execute(
                update(_visits)
                .where(_visits.c.id == visit_id, _visits.c.revision == found.revision)
                .values(revision=found.revision + 1, deleted_at=moment, updated_at=moment)
            )
            if done.rowcount != 1:
                current = self._live(connection, visit_id)
                raise Conflict(current, self._since(connection, visit_id, found.revision))
            self._add_revision(
                connection, visit_id, found.revision + 1, "deleted", who, found.record, {}, ""
            )
            return StoredVisit(
                visit_id,
                found.revision + 1,
                found.record,
                found.created_at,
                moment,
                moment,
            )

    def restore(self, visit_id: int, who: str, number: int | None = None) -> StoredVisit:
        """Bring a deleted visit back, or (with `number`) make an earlier revision's record
        the visit's record again, as a new revision."""
        with self.writing() as connection:
            row = connection.execute(select(_visits).where(_visits.c.id == visit_id)).first()
            if row is None:
                raise _not_found(visit_id)
            found = _stored(row)
            wanted = found.record
            if number is not None:
                old = connection.execute(
                    select(_revisions).where(
                        _revisions.c.visit_id == visit_id, _revisions.c.number == number
                    )
                ).first()
                if old is None:
                    raise NotFound(
                        _("visit {id} has no revision {number}").format(id=visit_id, number=number),
                        None,
                        _("`deckgen visits show {id}` lists its revisions").format(id=visit_id),
                    )
                wanted = _revision(old).record
            elif not found.deleted:
                return found
            other = self._find(connection, wanted.key)
            if other is not None and other.id != visit_id:
                raise Conflict(other, [])
            moment = now()
            done = connection.execute(
                update(_visits)
                .where(_visits.c.id == visit_id, _visits.c.revision == found.revision)
                .values(
                    revision=found.revision + 1,
                    deleted_at=None,
                    updated_at=moment,
                    data=records.encode(wanted).decode(),
                    date=wanted.date,
                    director=wanted.director,
                    committee=wanted.committee,
                )
            )
            if done.rowcount != 1:
                raise Conflict(_stored(row), [])
            note = str(number) if number is not None else ""
            self._add_revision(
                connection,
                visit_id,
                found.revision + 1,
                "restored",
                who,
                wanted,
                records.changes(found.record, wanted),
                note,
            )
            return StoredVisit(visit_id, found.revision + 1, wanted, found.created_at, moment, None)

    def _live(self, connection: Connection, visit_id: int) -> StoredVisit:
        row = connection.execute(select(_visits).where(_visits.c.id == visit_id)).first()
        if row is None or row.deleted_at is not None:
            raise _not_found(visit_id, deleted=row is not None)
        return _stored(row)

    def _since(self, connection: Connection, visit_id: int, base: int) -> list[Revision]:
        query = (
            select(_revisions)
            .where(_revisions.c.visit_id == visit_id, _revisions.c.number > base)
            .order_by(_revisions.c.number)
        )
        return [_revision(row) for row in connection.execute(query)]

    def _insert(
        self, connection: Connection, record: VisitRecord, who: str, action: str, note: str
    ) -> StoredVisit:
        moment = now()
        visit_id = connection.execute(
            insert(_visits)
            .values(
                revision=1,
                date=record.date,
                director=record.director,
                committee=record.committee,
                data=records.encode(record).decode(),
                created_at=moment,
                updated_at=moment,
                deleted_at=None,
            )
            .returning(_visits.c.id)
        ).scalar_one()
        self._add_revision(
            connection, visit_id, 1, action, who, record, records.changes(None, record), note
        )
        return StoredVisit(visit_id, 1, record, moment, moment)

    def _update(
        self,
        connection: Connection,
        found: StoredVisit,
        record: VisitRecord,
        who: str,
        action: str,
        note: str,
    ) -> StoredVisit | None:
        moment = now()
        done = connection.execute(
            update(_visits)
            .where(
                and_(
                    _visits.c.id == found.id,
                    _visits.c.revision == found.revision,
                    _visits.c.deleted_at.is_(None),
                )
            )
            .values(
                revision=found.revision + 1,
                date=record.date,
                director=record.director,
                committee=record.committee,
                data=records.encode(record).decode(),
                updated_at=moment,
            )
        )
        if done.rowcount != 1:
            return None
        self._add_revision(
            connection,
            found.id,
            found.revision + 1,
            action,
            who,
            record,
            records.changes(found.record, record),
            note,
        )
        return StoredVisit(found.id, found.revision + 1, record, found.created_at, moment)

    @staticmethod
    def _add_revision(
        connection: Connection,
        visit_id: int,
        number: int,
        action: str,
        who: str,
        record: VisitRecord,
        changed: dict[str, list[Any]],
        note: str,
    ) -> None:
        connection.execute(
            insert(_revisions).values(
                visit_id=visit_id,
                number=number,
                action=action,
                who=who[:200] or UNKNOWN_USER,
                at=now(),
                data=records.encode(record).decode(),
                changes=msgspec.json.encode(changed).decode(),
                note=note,
            )
        )

    # Decks built ---------------------------------------------------------------------------

    def record_deck(
        self, visit_id: int, revision: int, inputs_hash: str, file: str, who: str
    ) -> None:
        """Note that a deck was built for the visit's `revision` into `file`."""
        with self.writing() as connection:
            connection.execute(
                insert(_decks).values(
                    visit_id=visit_id,
                    revision=revision,
                    built_at=now(),
                    inputs_hash=inputs_hash,
                    file=file,
                    who=who[:200] or UNKNOWN_USER,
                )
            )

    def decks(self, visit_id: int) -> list[BuiltDeck]:
        """The decks built for the visit, newest first."""
        query = (
            select(_decks)
            .where(_decks.c.visit_id == visit_id)
            .order_by(_decks.c.built_at.desc(), _decks.c.id.desc())
        )
        with self._read() as connection:
            return [
                BuiltDeck(
                    row.visit_id,
                    row.revision,
                    _aware(row.built_at),
                    row.inputs_hash,
                    row.file,
                    row.who,
                )
                for row in connection.execute(query)
            ]

    # Settings and imports --------------------------------------------------------------------

    def setting(self, name: str, make: Any) -> str:
        """The value kept under `name`; made by `make()` and kept the first time."""
        with self._read() as connection:
            value = connection.execute(
                select(_settings.c.value).where(_settings.c.name == name)
            ).scalar()
        if value is not None:
            return str(value)
        try:
            with self.writing() as connection:
                connection.execute(insert(_settings).values(name=name, value=str(make())))
        except sa_exc.IntegrityError:
            pass  # another process made it first: theirs is the one
        with self._read() as connection:
            return str(
                connection.execute(
                    select(_settings.c.value).where(_settings.c.name == name)
                ).scalar_one()
            )

    def imported(self, path: str) -> bool:
        """Whether the file at `path` (as the caller names it) was taken in already."""
        with self._read() as connection:
            return (
                connection.execute(select(_imported.c.path).where(_imported.c.path == path)).first()
                is not None
            )

    def take_in(
        self, path: str, sha256: str, record: VisitRecord | None, who: str, note: str
    ) -> Saved | None:
        """Take in the file at `path` once: its visit saved (unless `record` is None) and
        the file noted, in one transaction; None if it was taken in before."""
        try:
            with self.writing() as connection:
                if connection.execute(
                    select(_imported.c.path).where(_imported.c.path == path)
                ).first():
                    return None
                saved = None
                if record is not None:
                    found = self._find(connection, record.key)
                    if found is None:
                        saved = Saved(
                            self._insert(connection, record, who, "imported", note), "created"
                        )
                    elif found.record == record:
                        saved = Saved(found, "unchanged")
                    else:
                        update_ = self._update(connection, found, record, who, "imported", note)
                        saved = Saved(update_ or found, "changed" if update_ else "unchanged")
                connection.execute(
                    insert(_imported).values(
                        path=path,
                        sha256=sha256,
                        visit_id=saved.visit.id if saved else None,
                        at=now(),
                    )
                )
                return saved
        except sa_exc.IntegrityError:
            return None  # another process took it in at the same moment

    # Backup ------------------------------------------------------------------------------

    def backup(self, target: Path) -> int:
        """Copy the whole register into a new SQLite file at `target` (from PostgreSQL too,
        so one backup opens anywhere); the number of visits copied."""
        if target.exists():
            raise DeckgenError(
                _("{file} exists already; a backup is never written over a file").format(
                    file=target
                ),
                Location(target),
                _("name a new file"),
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._guard():
            if self.sqlite:
                raw = self.engine.raw_connection()
                try:
                    copy = sqlite3.connect(target)
                    try:
                        raw.driver_connection.backup(copy)  # type: ignore[union-attr]
                    finally:
                        copy.close()
                finally:
                    raw.close()
            else:
                self._copy_to_sqlite(target)
        copied = Register(f"sqlite:///{target}")
        try:
            return copied.count() + copied.count(deleted=True)
        finally:
            copied.close()

    def _copy_to_sqlite(self, target: Path) -> None:
        from deckgen.visits.tables import Base

        copy = create_engine(f"sqlite:///{target}")
        try:
            Base.metadata.create_all(copy)
            with (
                self.engine.connect().execution_options(isolation_level="REPEATABLE READ") as src,
                src.begin(),
                copy.begin() as dst,
            ):
                dst.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32))")
                dst.exec_driver_sql(f"INSERT INTO alembic_version VALUES ('{HEAD}')")
                for table in Base.metadata.sorted_tables:
                    rows = [dict(row._mapping) for row in src.execute(select(table))]
                    if rows:
                        dst.execute(insert(table), rows)
        finally:
            copy.dispose()


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back times without their zone; the register writes them in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _stored(row: Any) -> StoredVisit:
    return StoredVisit(
        row.id,
        row.revision,
        records.decode(row.data),
        _aware(row.created_at),
        _aware(row.updated_at),
        _aware(row.deleted_at) if row.deleted_at is not None else None,
    )


def _revision(row: Any) -> Revision:
    return Revision(
        row.number,
        row.action,
        row.who,
        _aware(row.at),
        records.decode(row.data),
        msgspec.json.decode(row.changes),
        row.note or "",
    )


def _not_found(visit_id: int, *, deleted: bool = False) -> NotFound:
    if deleted:
        return NotFound(
            _("visit {id} is deleted").format(id=visit_id),
            None,
            _("restore it first: deckgen visits restore {id}").format(id=visit_id),
        )
    return NotFound(
        _("there is no visit {id}").format(id=visit_id),
        None,
        _("`deckgen visits list` lists the visits and their numbers"),
    )


def open_register(project: Path, url: str | None = None) -> Register:
    """The register of the project in `project` (or at `url`), its schema brought up to date."""
    register = Register(url or database_url(project))
    register.upgrade()
    return register
