"""The visit register's speed with 10,000 visits: `python bench/visits.py` from the project's
root (1–2 min). With `DECKGEN_DATABASE_URL` naming a PostgreSQL database, that is measured
too (its tables are emptied first: use a database of its own).

In a copy of the sample project, the register is filled with 10,000 visits, and the web app
(in this process, Flask's test client: no network) is asked, each time reading the server
time it reports (`Server-Timing`, from the request's start to its answer):

- a page of 50 visits (`GET /api/visits?side=N`), and a director's visits in one month;
- a change saved (`PATCH /api/visits/<id>`: read, checked, planned and kept as a revision);
- a visit's deck: the first time for a revision (drawn, on a warm server) and again
  (the file drawn before, sent).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
VISITS = int(os.environ.get("VISITS", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "50"))


def _server_ms(response) -> float:  # type: ignore[no-untyped-def]
    timing = response.headers["Server-Timing"]
    return float(timing.split("dur=")[1].split(",")[0])


def _fill(register, profiles) -> list[int]:  # type: ignore[no-untyped-def]
    """10,000 visits in one transaction (as 10,000 saves would leave them, faster)."""
    from deckgen.visits.record import VisitRecord

    directors = list(profiles.directors)
    committees = profiles.committees
    start = dt.date.today() + dt.timedelta(days=1)
    ids = []
    with register._write() as connection:
        for number in range(VISITS):
            # Fifteen visits a day, each of another director and committee: no two alike.
            record = VisitRecord(
                date=(start + dt.timedelta(days=number // 15)).isoformat(),
                director=directors[number % len(directors)],
                committee=committees[number % len(committees)],
                place=f"Mødelokale {number}",
            )
            ids.append(register._insert(connection, record, "bench", "created", "").id)
    return ids


def _report(label: str, values: list[float], goal: str) -> None:
    values = sorted(values)
    p95 = values[int(len(values) * 0.95) - 1]
    print(
        f"| {label} | median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
        f"fastest {values[0]:.1f} ms | {goal} |"
    )


def measure(database: str | None) -> None:
    from sample_project import copy_sample

    from deckgen.web.app import create_app

    folder = Path(tempfile.mkdtemp(prefix="deckgen-bench-visits-"))
    try:
        copy_sample(folder)
        if database:
            _empty(database)
        app = create_app(
            folder / "decks" / "tour" / "direktoerer.yaml",
            scratch=folder / "scratch",
            database=database,
        )
        site = app.extensions["deckgen_site"]
        client = app.test_client()
        started = time.perf_counter()
        ids = _fill(site.register, site.profiles)
        print(
            f"\n{len(ids):,} visits in the register ({'PostgreSQL' if database else 'SQLite'}), "
            f"made in {time.perf_counter() - started:.1f} s\n"
        )
        print("| measured | server time | goal |\n|---|---|---|")
        pages = VISITS // 50
        client.get("/api/visits")  # warm
        _report(
            "a page of 50 visits (`GET /api/visits?side=N`)",
            [
                _server_ms(client.get(f"/api/visits?side={random.randint(1, pages)}"))
                for _ in range(ROUNDS)
            ],
            "≤ 50 ms",
        )
        _report(
            "a director's visits in one month",
            [
                _server_ms(
                    client.get(
                        "/api/visits",
                        query_string={
                            "direktør": "Mette Holm",
                            "fra": "2027-03-01",
                            "til": "2027-03-31",
                        },
                    )
                )
                for _ in range(ROUNDS)
            ],
            "≤ 50 ms",
        )
        chosen = random.sample(ids, ROUNDS * 2)
        changes = []
        for number, visit_id in enumerate(chosen[:ROUNDS]):
            answer = client.patch(
                f"/api/visits/{visit_id}", json={"revision": 1, "sted": f"Sal {number}"}
            )
            assert answer.status_code == 200, answer.json
            changes.append(_server_ms(answer))
        _report("a change saved (`PATCH /api/visits/<id>`)", changes, "≤ 10 ms")
        first, again = [], []
        warm = next(i for i in ids if i not in chosen)
        client.get(f"/api/visits/{warm}/pptx")  # the builder warm
        for visit_id in chosen[ROUNDS:]:
            answer = client.get(f"/api/visits/{visit_id}/pptx")
            assert answer.status_code == 200
            first.append(_server_ms(answer))
            again.append(_server_ms(client.get(f"/api/visits/{visit_id}/pptx")))
        _report("a visit's deck, first time for its revision (drawn)", first, "")
        _report("a visit's deck again (`GET …/pptx`, warm)", again, "≤ 25 ms")
        site.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _empty(url: str) -> None:
    from sqlalchemy import create_engine, text

    from deckgen.visits.register import Register

    engine = create_engine(Register(url).url)
    with engine.begin() as connection:
        for table in ("imported_files", "settings", "decks", "revisions", "visits"):
            connection.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def main() -> None:
    os.environ.setdefault("DECKGEN_LANG", "en")
    url = os.environ.pop("DECKGEN_DATABASE_URL", "")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    measure(None)
    if url:
        measure(url)


if __name__ == "__main__":
    main()
