"""Fixtures for the visit register under test (imported by its tests): SQLite always, and a real PostgreSQL server when
`DECKGEN_TEST_DATABASE_URL` names one (CI starts one and must run those tests: under
`CI=true` a missing server fails them instead of skipping)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.visits.register import Register, open_register

POSTGRESQL_ENV = "DECKGEN_TEST_DATABASE_URL"


def postgresql_url() -> str | None:
    """The test server's URL, or None (a skip; a failure on CI)."""
    url = os.environ.get(POSTGRESQL_ENV, "").strip()
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the PostgreSQL tests: set {POSTGRESQL_ENV} (see .ci/run)")
    pytest.skip(f"no PostgreSQL server to test against ({POSTGRESQL_ENV} is not set)")
    return None


def schema_url(url: str, schema: str) -> str:
    """`url` with every connection's search path set to `schema` (one schema per test)."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture
def postgresql_schema() -> Iterator[str]:
    """A URL of a fresh, empty schema of the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text

    url = postgresql_url()
    assert url is not None
    schema = f"deckgen_test_{secrets.token_hex(6)}"
    admin = create_engine(Register(url).url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield schema_url(url, schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty register: a SQLite file, or a schema of the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / '.deckgen' / 'besoeg.sqlite'}"
    return str(request.getfixturevalue("postgresql_schema"))


@pytest.fixture
def register(database: str, tmp_path: Path) -> Iterator[Register]:
    """An empty register, its schema made by the migrations."""
    opened = open_register(tmp_path, database)
    yield opened
    opened.close()
