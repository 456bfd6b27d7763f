"""`deckgen build` loads what building a deck needs and nothing the other commands need: not the
web page (Flask, waitress), the visit register (SQLAlchemy), Excel schedules (openpyxl), the
gate (`deckgen.check`, JSON Schema) or LibreOffice's previews, nor every picture format Pillow
knows. Start-up is most of a one-deck build's time (`bench/coldstart.py`); this guards what
it is spent on, without timing anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "omu-dialogmoede.yaml"

_RUN = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.__stderr__))
sys.argv = ["deckgen", *sys.argv[1:]]
from deckgen.__main__ import run
run()
"""

NOT_FOR_A_BUILD = (
    "flask",
    "waitress",
    "sqlalchemy",
    "alembic",
    "jsonschema",
    "openpyxl",
    "openxml_audit",
    "deckgen.web",
    "deckgen.visits",
    "deckgen.check",
    "deckgen.preview",
    "deckgen.tour",
    "deckgen.librarian",
    "deckgen.importer",
    "deckgen.schema",
    "deckgen.cli.tour",  # the other commands' own modules
    "deckgen.cli.new",
    "deckgen.cli.importing",
    "deckgen.cli.theme",
    "deckgen.cli.serve",
    "deckgen.cli.visits",
    "_strptime",
    "importlib.metadata",  # the validator's version, for commands that validate
    "html",  # escaping the document properties needs no table of entities
    "xml.etree",  # the deck at the output path is read with lxml, which draws anyway
    "PIL.PdfImagePlugin",
    "PIL.TiffImagePlugin",
    "PIL.WebPImagePlugin",
    "PIL.ImageCms",
)


def _build(deck: Path, out: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """`deckgen build deck -o out` in a process of its own, which prints the modules it loaded
    as the last line of its standard error."""
    env = {**os.environ, "DECKGEN_CACHE": str(cache)}
    command = [sys.executable, "-c", _RUN, "build", str(deck), "-o", str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)


def _modules(done: subprocess.CompletedProcess[str]) -> set[str]:
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _modules_of_a_build(tmp_path: Path, cache: Path) -> set[str]:
    done = _build(SAMPLE, tmp_path / "d.pptx", cache)
    assert done.returncode == 0, done.stderr
    return _modules(done)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> set[str]:
    folder = tmp_path_factory.mktemp("start-up")
    _modules_of_a_build(folder, folder / "cache")  # the pictures and the template remembered
    return _modules_of_a_build(folder, folder / "cache")


def test_a_build_loads_the_pipeline(loaded):
    assert {"deckgen.build", "deckgen.render.deck", "pptx", "yaml", "click"} <= loaded


@pytest.mark.parametrize("name", NOT_FOR_A_BUILD)
def test_a_build_does_not_load_what_other_commands_need(loaded, name):
    assert not any(module == name or module.startswith(name + ".") for module in loaded)


def test_a_second_build_does_not_draw_the_qr_code_or_make_its_pictures_again(loaded):
    assert not {"segno", "PIL.ImageOps"} & loaded


def test_a_build_ends_with_its_status_what_it_printed_and_its_exit_handlers(tmp_path):
    """A build ends its process as soon as it is done, without taking the interpreter apart:
    still with its exit status, all it printed, and the exit handlers run (`_RUN` prints
    the modules from one)."""
    done = _build(SAMPLE, tmp_path / "d.pptx", tmp_path / "cache")
    assert done.returncode == 0
    assert "d.pptx (18 " in done.stdout
    assert "deckgen.build" in _modules(done)
    failed = _build(tmp_path / "missing.yaml", tmp_path / "e.pptx", tmp_path / "cache")
    assert failed.returncode == 1
    assert "missing.yaml" in failed.stderr
    assert not (tmp_path / "e.pptx").exists()


@pytest.mark.parametrize("closed", [">&-", "2>&-", ">&- 2>&-"])
def test_a_build_with_its_output_streams_closed_builds_and_succeeds(tmp_path, closed):
    """Started with standard output or error closed (`>&-`, a service without a terminal),
    Python has no `sys.stdout`: ending at once tried to flush it, and the built deck ended
    in a traceback (or nothing) and status 1."""
    out = tmp_path / "d.pptx"
    done = subprocess.run(
        ["sh", "-c", f'"$0" -m deckgen build "$1" -o "$2" {closed}', sys.executable, SAMPLE, out],
        capture_output=True,
        text=True,
        env={**os.environ, "DECKGEN_CACHE": str(tmp_path / "cache")},
        cwd=ROOT,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert out.stat().st_size > 100_000
