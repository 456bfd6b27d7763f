"""The visit register keeps every visit and every change, on SQLite and on PostgreSQL: a
change based on an old revision is refused with what changed since, concurrent changes are
each a revision or a conflict, a killed writer loses nothing it acknowledged, and a disk that
cannot be written says so in Danish and keeps the database whole."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import msgspec
import pytest
from registers import database, postgresql_schema, register  # noqa: F401 (fixtures)
from sqlalchemy import event

from deckgen.i18n import choose_language
from deckgen.visits.record import VisitRecord
from deckgen.visits.register import (
    HEAD,
    MIGRATIONS,
    Conflict,
    Register,
    RegisterError,
    open_register,
)

VISIT = VisitRecord(date="2026-03-12", director="mette-holm", committee="OMU Børn og Familie")


def test_a_visit_and_each_change_are_kept_with_who_and_what(register: Register) -> None:
    saved = register.save(VISIT, "anna")
    assert saved.outcome == "created" and saved.visit.revision == 1
    assert register.save(VISIT, "anna").outcome == "unchanged"
    moved = msgspec.structs.replace(VISIT, place="Rådhuset")
    again = register.save(moved, "bo")
    assert again.outcome == "changed" and again.visit.id == saved.visit.id
    history = register.history(saved.visit.id)
    assert [(r.number, r.action, r.who) for r in history] == [
        (1, "created", "anna"),
        (2, "changed", "bo"),
    ]
    assert history[1].changes == {"sted": ["", "Rådhuset"]}
    assert history[0].at <= history[1].at
    assert register.get(saved.visit.id).record == moved


def test_a_change_on_an_old_revision_is_refused_with_what_changed_since(
    register: Register,
) -> None:
    visit = register.save(VISIT, "anna").visit
    first = register.change(visit.id, msgspec.structs.replace(VISIT, place="A"), 1, "anna")
    assert first.revision == 2
    with pytest.raises(Conflict) as refused:
        register.change(visit.id, msgspec.structs.replace(VISIT, place="B"), 1, "bo")
    assert refused.value.current.record.place == "A"
    assert [r.changes for r in refused.value.since] == [{"sted": ["", "A"]}]
    assert register.get(visit.id).record.place == "A"


def test_a_deleted_visit_is_kept_and_restored_and_so_is_an_old_revision(
    register: Register,
) -> None:
    visit = register.save(VISIT, "anna").visit
    register.change(visit.id, msgspec.structs.replace(VISIT, place="A"), 1, "anna")
    gone = register.delete(visit.id, "bo")
    assert gone.deleted and register.list_visits() == []
    assert [v.id for v in register.list_visits(deleted=True)] == [visit.id]
    back = register.restore(visit.id, "cai")
    assert not back.deleted and back.record.place == "A"
    old = register.restore(visit.id, "cai", 1)
    assert old.record.place == "" and old.revision == 5
    actions = [r.action for r in register.history(visit.id)]
    assert actions == ["created", "changed", "deleted", "restored", "restored"]


def test_visits_are_listed_by_date_and_filtered(register: Register) -> None:
    for day, director, committee in [
        ("2026-05-01", "mette-holm", "OMU A"),
        ("2026-03-01", "lars-kjaergaard", "OMU B"),
        ("2026-04-01", "mette-holm", "OMU B"),
    ]:
        register.save(VisitRecord(date=day, director=director, committee=committee), "anna")
    assert [v.record.date for v in register.list_visits()] == [
        "2026-03-01",
        "2026-04-01",
        "2026-05-01",
    ]
    assert register.count(director="mette-holm") == 2
    assert [v.record.committee for v in register.list_visits(committee="OMU B")] == [
        "OMU B",
        "OMU B",
    ]
    period = register.list_visits(start="2026-03-15", end="2026-04-30")
    assert [v.record.date for v in period] == ["2026-04-01"]
    assert len(register.list_visits(limit=1, offset=1)) == 1


def test_twenty_changes_at_once_are_each_a_revision_or_a_conflict(register: Register) -> None:
    visit = register.save(VISIT, "anna").visit
    outcomes: list[tuple[str, int]] = []
    lock = threading.Lock()
    start = threading.Barrier(20)

    def change(number: int) -> None:
        start.wait()
        try:
            current = register.get(visit.id)
            assert current is not None
            record = msgspec.structs.replace(VISIT, place=f"Sted {number}")
            made = register.change(visit.id, record, current.revision, f"person {number}")
            with lock:
                outcomes.append(("saved", made.revision))
        except Conflict:
            with lock:
                outcomes.append(("conflict", 0))

    threads = [threading.Thread(target=change, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = sorted(revision for kind, revision in outcomes if kind == "saved")
    assert len(outcomes) == 20 and saved
    history = register.history(visit.id)
    # Every acknowledged change is a revision, once, and nothing else is.
    assert [r.number for r in history[1:]] == saved == list(range(2, 2 + len(saved)))
    assert len({r.who for r in history[1:]}) == len(saved)


WRITER = """
import sys
from pathlib import Path
from deckgen.visits.record import VisitRecord
from deckgen.visits.register import open_register
register = open_register(Path(sys.argv[1]), sys.argv[2])
for number in range(100000):
    record = VisitRecord(date="2026-03-12", director="d", committee=f"OMU {number}")
    saved = register.save(record, "writer")
    print(saved.visit.id, flush=True)  # acknowledged only once committed
"""


def test_a_writer_killed_mid_save_loses_nothing_it_acknowledged(
    database: str, tmp_path: Path
) -> None:
    open_register(tmp_path, database).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path), database],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acknowledged = [int(writer.stdout.readline()) for _ in range(40)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    acknowledged += [int(line) for line in writer.stdout.read().split()]
    register = open_register(tmp_path, database)
    try:
        kept = {v.id for v in register.list_visits(limit=100_000)}
        assert set(acknowledged) <= kept
        assert all(len(register.history(i)) == 1 for i in acknowledged)
    finally:
        register.close()
    if database.startswith("sqlite"):
        path = database.removeprefix("sqlite:///")
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_read_only_register_says_so_in_danish_and_stays_whole(tmp_path: Path) -> None:
    register = open_register(tmp_path)
    register.save(VISIT, "anna")
    register.close()
    path = tmp_path / ".deckgen" / "besoeg.sqlite"
    read_only = Register(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        choose_language("da")
        with pytest.raises(RegisterError) as refused:
            read_only.save(msgspec.structs.replace(VISIT, place="A"), "bo")
        assert "der kan ikke skrives i besøgsregistret (det er skrivebeskyttet)" in str(
            refused.value.problem
        )
        assert read_only.find(VISIT.key).record == VISIT  # still read
    finally:
        choose_language("en")
        read_only.close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_full_disk_says_so_in_danish_and_keeps_what_was_saved(tmp_path: Path) -> None:
    register = open_register(tmp_path)
    register.save(VISIT, "anna")

    @event.listens_for(register.engine, "connect")
    def _small(connection, _record) -> None:  # type: ignore[no-untyped-def]
        # SQLite's own "database or disk is full", as on a full disk: no page more may grow.
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    register.engine.dispose()
    big = msgspec.structs.replace(VISIT, local_example="x" * 200_000)
    try:
        choose_language("da")
        with pytest.raises(RegisterError) as refused:
            for number in range(50):
                register.save(msgspec.structs.replace(big, committee=f"OMU {number}"), "bo")
        assert "disken med besøgsregistret er fuld; intet blev gemt" in str(refused.value.problem)
    finally:
        choose_language("en")
        register.close()
    again = open_register(tmp_path)
    try:
        assert again.find(VISIT.key).record == VISIT
        assert len(again.history(1)) == 1
    finally:
        again.close()


def test_a_backup_is_a_whole_register_that_opens_anywhere(register: Register, tmp_path) -> None:  # type: ignore[no-untyped-def]
    visit = register.save(VISIT, "anna").visit
    register.delete(visit.id, "bo")
    register.save(msgspec.structs.replace(VISIT, committee="OMU B"), "anna")
    target = tmp_path / "kopi" / "backup.sqlite"
    assert register.backup(target) == 2
    copy = open_register(tmp_path, f"sqlite:///{target}")
    try:
        assert copy.version() == HEAD
        assert [r.action for r in copy.history(visit.id)] == ["created", "deleted"]
    finally:
        copy.close()
    with pytest.raises(Exception, match="never written over"):
        register.backup(target)


def test_the_newest_migration_is_the_one_the_register_expects() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD


def test_the_secret_is_made_once_and_kept(register: Register) -> None:
    first = register.setting("secret_key", lambda: "one")
    assert register.setting("secret_key", lambda: "two") == first == "one"


def test_a_register_file_that_is_no_database_is_said_in_words(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner
    from sample_project import copy_sample

    from deckgen.cli.commands import main

    project = copy_sample(tmp_path / "projekt")
    (project / ".deckgen").mkdir(exist_ok=True)
    (project / ".deckgen" / "besoeg.sqlite").write_bytes(b"not a database at all\n" * 10)
    monkeypatch.chdir(project)
    for command in (["visits", "list"], ["db", "upgrade"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "damaged or is not a database" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
