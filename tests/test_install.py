"""deckgen installed from its wheel, as pipx, `uv tool` or a server installs it: no checkout.

Builds the wheel from a clean copy of the source, installs it into a fresh virtual environment
(dependencies from PyPI), and runs that environment's `deckgen` in folders that hold nothing
of this repository: a deck of inline blocks with no `theme:` gets the default corporate look
from the package data, and a copy of the sample project (decks/ and its pictures) builds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from pptx import Presentation

TEMPLATE_LAYOUTS = {
    "Titeldias",
    "Afsnitsoverskrift",
    "Udsagn",
    "Titel og indhold",
    "Kun titel",
    "Billede med billedtekst",
    "Afslutning",
}
INLINE_DECK = """\
deck:
  title: Et lille dæk
variables:
  omu: OMU Teknik og Miljø
  dato: 2025-03-12
slides:
  - id: forside
    kind: title
    title: Velkommen til {{ omu }}
  - id: punkter
    kind: bullets
    title: Tre ting vi vil nå
    items: [Lytte, Spørge, Handle]
"""


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with deckgen installed from a wheel; returns its bin/."""
    root = tmp_path_factory.mktemp("install")
    # What a source distribution holds: no build/ or egg-info left over from earlier builds.
    source = root / "source"
    shutil.copytree(
        REPO / "deckgen", source / "deckgen", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    wheels = root / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source], root)
    (wheel,) = wheels.glob("deckgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in (
        "deckgen/py.typed",
        "deckgen/data/theme/kommune.yaml",
        "deckgen/data/theme/kommune.pptx",
        "deckgen/data/theme/logo.png",
        "deckgen/data/fonts/Carlito-Regular.ttf",
        "deckgen/data/fonts/OFL.txt",
    ):
        assert packaged in names
    bin_ = root / "venv" / "bin"
    _run([sys.executable, "-m", "venv", root / "venv"], root, _clean_env(bin_))
    # At the locked versions, as the README installs: the test is about deckgen's wheel, not
    # about today's releases of its dependencies.
    lock = REPO / "requirements.lock"
    _run([bin_ / "python", "-m", "pip", "install", "-q", "-c", lock, wheel], root, _clean_env(bin_))
    return bin_


def _clean_env(bin_: Path) -> dict[str, str]:
    """The environment of a user's shell with the venv active: nothing points at the checkout
    (with PYTHONPATH at a checkout, pip would even take deckgen as installed already)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_}{os.pathsep}{env.get('PATH', '')}"
    env["DECKGEN_CACHE"] = "off"
    return env


def _texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    where = _run(
        [installed / "python", "-c", "import deckgen; print(deckgen.__file__)"],
        tmp_path,
        _clean_env(installed),
    )
    assert Path(where.strip()).is_relative_to(installed.parent)


def test_a_deck_with_no_theme_builds_in_the_default_look_from_the_wheel(installed, tmp_path):
    (tmp_path / "dæk.yaml").write_text(INLINE_DECK, encoding="utf-8")
    output = _run(
        [installed / "deckgen", "build", "dæk.yaml", "-o", "dæk.pptx"],
        tmp_path,
        _clean_env(installed),
    )
    assert "Wrote dæk.pptx (2 slides)" in output
    prs = Presentation(str(tmp_path / "dæk.pptx"))
    assert {layout.name for layout in prs.slide_layouts} >= TEMPLATE_LAYOUTS
    cover, bullets = prs.slides
    assert cover.slide_layout.name == "Titeldias"
    assert "Velkommen til OMU Teknik og Miljø" in _texts(cover)
    assert bullets.slide_layout.name == "Titel og indhold"
    # The default theme's footer, with the deck's variables in it.
    assert "OMU Teknik og Miljø · 12. marts 2025" in _texts(bullets)


def test_a_copy_of_the_sample_project_builds_from_the_wheel(installed, tmp_path):
    shutil.copytree(REPO / "decks", tmp_path / "decks")
    shutil.copytree(REPO / "assets" / "pictures", tmp_path / "assets" / "pictures")
    output = _run(
        [
            installed / "deckgen",
            "build",
            "decks/omu-dialogmoede.yaml",
            "--set",
            "omu=OMU Dagtilbud Øst",
        ],
        tmp_path,
        _clean_env(installed),
    )
    assert "(18 slides)" in output
    prs = Presentation(str(tmp_path / "build" / "omu-dialogmoede.pptx"))
    assert {layout.name for layout in prs.slide_layouts} >= TEMPLATE_LAYOUTS
    assert prs.slides[0].slide_layout.name == "Titeldias"
    assert "Dialogmøde med" in _texts(prs.slides[0])
    assert "OMU Dagtilbud Øst" in _texts(prs.slides[0])
