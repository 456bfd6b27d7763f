"""Shared fixtures: a throwaway deckgen project in a temp folder, built through the real API."""

from __future__ import annotations

import os

# The tests read deckgen's messages in English (Danish tests choose Danish themselves); set
# before deckgen is imported, so that whatever deckgen words at import is English too.
os.environ["DECKGEN_LANG"] = "en"
# Every test's visit register is the SQLite file of its own project, unless the test asks for
# PostgreSQL (tests/visits/conftest.py, with DECKGEN_TEST_DATABASE_URL).
os.environ.pop("DECKGEN_DATABASE_URL", None)

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from deckgen import api
from deckgen.i18n import choose_language

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PROJECT = REPO / "tests" / "fixtures" / "sample"
"""The tests' own copy of the sample project (decks, block library, tour files, pictures):
frozen, so that communication changing, adding or retiring blocks in the live `decks/` never
turns a test red. CI checks the live library apart (`.ci/run`)."""
DEFAULT_THEME = REPO / "deckgen" / "data" / "theme" / "kommune.yaml"


@dataclass
class Project:
    """A project folder with a block library, one deck file and the default theme."""

    root: Path

    @property
    def deck_path(self) -> Path:
        return self.root / "decks" / "deck.yaml"

    @property
    def output(self) -> Path:
        return self.root / "build" / "deck.pptx"

    def blocks(self, text: str, name: str = "blocks.yaml") -> Path:
        """Write a block file into the library."""
        path = self.root / "decks" / "blocks" / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def deck(
        self, slides: str, variables: str = "", extra_meta: str = "", theme: Path = DEFAULT_THEME
    ) -> Path:
        """Write the deck file with `slides` (YAML list items), `variables` and `theme`."""
        text = (
            "deck:\n"
            "  title: Testdæk\n"
            f"  theme: {theme}\n"
            f"{textwrap.indent(textwrap.dedent(extra_meta), '  ')}"
            "variables:\n"
            '  omu: "OMU Børn og Familie"\n'
            "  dato: 2025-03-12\n"
            f"{textwrap.indent(textwrap.dedent(variables), '  ')}"
            "slides:\n"
            f"{textwrap.indent(textwrap.dedent(slides), '  ')}"
        )
        self.deck_path.write_text(text, encoding="utf-8")
        return self.deck_path

    def build(self, **kwargs: Any) -> Any:
        """Build the deck and reopen the written file with python-pptx."""
        api.build_deck(self.deck_path, self.output, **kwargs)
        return Presentation(str(self.output))

    def render_one(self, block_yaml: str) -> Any:
        """Put one block in the library, build a one-slide deck of it, return the slide."""
        self.blocks("blocks:\n" + textwrap.indent(textwrap.dedent(block_yaml), "  "))
        block_id = next(
            line.split(":", 1)[1].strip()
            for line in textwrap.dedent(block_yaml).splitlines()
            if line.lstrip("- ").startswith("id:")
        )
        self.deck(f"- {block_id}\n")
        return self.build().slides[0]


@pytest.fixture(autouse=True)
def english() -> Any:
    """Every test starts in English, whichever language the test before it chose."""
    choose_language("en")
    yield
    choose_language("en")


def pytest_configure(config: pytest.Config) -> None:
    """Keep the tests' picture cache out of the user's home folder, and compile deckgen once.

    Under pytest-xdist (`-n auto`) this runs in the main process before the workers start, and
    again in each worker: the workers inherit the main process's `DECKGEN_CACHE`, so they share
    one cache (deckgen writes each entry to a temporary file and renames it into place, the way
    two deckgen processes of one user share theirs), and a deck validated by one worker is not
    validated again by the other."""
    import compileall
    import os
    import tempfile

    os.environ.setdefault("DECKGEN_CACHE", tempfile.mkdtemp(prefix="deckgen-test-cache-"))
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and "PYTEST_XDIST_WORKER" not in os.environ:
        # Where Python is told not to write bytecode, every `deckgen` the tests start as a
        # process of its own compiled the package afresh (about 0.13 s of processor time each,
        # hundreds of times); compiled once here (into the git-ignored __pycache__ folders, as
        # Python does by default), they all read it.
        compileall.compile_dir(REPO / "deckgen", quiet=1)


SLOW_FILES = {"test_install.py", "test_golden.py", "test_visual.py", "test_web_browser.py"}
"""Test files that are slow as a whole: the wheel built and installed, the golden decks and the
tour rebuilt with several workers, every deck rendered and compared, the web page driven in a
browser."""
_RENDERS = ("require_office(", "through_libreoffice(")
"""A test (or a fixture it uses) that calls these renders with LibreOffice."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests `slow`: those of `SLOW_FILES`, every test that renders with
    LibreOffice, itself or through a fixture of its module or of conftest, and every case of a
    test run on a LibreOffice-made template, so that the inner loop (`pytest -m "not slow"`)
    leaves them out."""
    import inspect

    sources: dict[object, str] = {}

    def source(thing: object) -> str:
        if thing not in sources:
            try:
                sources[thing] = inspect.getsource(thing)  # type: ignore[arg-type]
            except (OSError, TypeError):
                sources[thing] = ""
        return sources[thing]

    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
            continue
        function = getattr(item, "function", None)
        texts = [source(function)] if function is not None else []
        defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
        texts += [source(fixture.func) for fixtures in defs.values() for fixture in fixtures]
        if any(call in text for text in texts for call in _RENDERS):
            item.add_marker(pytest.mark.slow)
            continue
        # A case of a test run on each kind of template whose kind is LibreOffice's.
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "libreoffice" in params.values():
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def sample_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample project (decks, tour, assets) to work in, as the current folder."""
    from sample_project import copy_sample

    monkeypatch.chdir(copy_sample(tmp_path))
    return tmp_path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "decks" / "blocks").mkdir(parents=True)
    return Project(tmp_path)


def texts(slide: Any) -> list[str]:
    """The text of every shape on `slide` with a text frame, in shape order."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def placeholder_text(slide: Any, idx: int) -> str:
    return slide.placeholders[idx].text_frame.text


def notes(slide: Any) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
