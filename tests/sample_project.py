"""A copy of the sample project (decks, blocks, director profiles, assets) in a temp folder,
for tests that write deck files next to the decks or rebuild a tour."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SAMPLE_PROJECT

HEADER = "dato;direktør;udvalg;sted;tilføj;fjern;lokalt eksempel\n"


def copy_sample(root: Path) -> Path:
    """Copy the sample project into `root`; returns `root`."""
    shutil.copytree(
        SAMPLE_PROJECT / "decks", root / "decks", ignore=shutil.ignore_patterns("*.csv", "approved")
    )
    shutil.copytree(
        SAMPLE_PROJECT / "assets", root / "assets", ignore=shutil.ignore_patterns("*.py")
    )
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    return root


def write_schedule(root: Path, rows: str, name: str = "besoeg.csv") -> Path:
    """A schedule beside the sample profiles, with the Danish header and `rows`."""
    path = root / "decks" / "tour" / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def kept_visits(root: Path) -> list:
    """The visits kept in the project's register (`deckgen.visits.register.StoredVisit`s),
    live ones by date."""
    from deckgen import api

    register = api.open_register(root)
    try:
        return register.list_visits(limit=10_000)
    finally:
        register.close()
