"""Golden hashes: the sample deck and every deck of the sample tour, byte for byte.

They are built from the tests' frozen copy of the sample project (`tests/fixtures/sample`),
never from the live library in `decks/`, which communication changes as content.
Refactoring must not change what a user gets. A change that is meant to change the bytes
updates `tests/golden/*.sha256` in a commit of its own that says why
(`python tests/test_golden.py` rewrites them).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli.commands import main

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
SAMPLE_PROJECT = REPO / "tests" / "fixtures" / "sample"
SAMPLE_ARGS = ["--set", "omu=OMU Børn og Familie"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output


def sample_digests(out: Path) -> str:
    target = out / "omu-dialogmoede.pptx"
    _run(["build", "decks/omu-dialogmoede.yaml", "-o", str(target), *SAMPLE_ARGS])
    return f"{_digest(target)}  omu-dialogmoede.pptx\n"


def tour_digests(out: Path, jobs: int) -> str:
    _run(["tour", "decks/tour/besoeg-2025-2026.csv", "-o", str(out), "--jobs", str(jobs)])
    return "".join(f"{_digest(p)}  {p.name}\n" for p in sorted(out.glob("*.pptx")))


@pytest.fixture
def at_repo(monkeypatch):
    monkeypatch.chdir(SAMPLE_PROJECT)
    monkeypatch.setenv("DECKGEN_CACHE", "off")


def test_the_sample_deck_keeps_its_bytes(at_repo, tmp_path):
    assert sample_digests(tmp_path) == (GOLDEN / "sample.sha256").read_text()


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_tour_deck_keeps_its_bytes_with_any_number_of_workers(at_repo, tmp_path, jobs):
    expected = (GOLDEN / "tour.sha256").read_text()
    assert len(expected.splitlines()) == 240
    assert tour_digests(tmp_path, jobs) == expected


if __name__ == "__main__":  # rewrite the pins after a deliberate change of bytes
    import tempfile

    os.chdir(SAMPLE_PROJECT)
    os.environ["DECKGEN_CACHE"] = "off"
    with tempfile.TemporaryDirectory() as tmp:
        (GOLDEN / "sample.sha256").write_text(sample_digests(Path(tmp) / "s"), encoding="utf-8")
        (GOLDEN / "tour.sha256").write_text(tour_digests(Path(tmp) / "t", 2), encoding="utf-8")
    sys.exit(0)
