"""Where things are by default: the project a deck belongs to and the folders and files
deckgen reads and writes when not told otherwise. Every other module takes them from here."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
"""deckgen's package data: the default theme, its template and logos, and the fonts it measures
with. A folder next to the modules, so a wheel install finds it as a checkout does."""
DEFAULT_THEME = DATA / "theme" / "kommune.yaml"
"""The corporate theme a deck without `theme:` is drawn in."""

DEFAULT_LIBRARY = Path("decks/blocks")
"""The block library `list`, `show` and `catalogue` read without `--library`."""
DEFAULT_OUTPUT_DIR = Path("build")
"""Where built decks go without `-o`."""
DEFAULT_PREVIEW_DIR = DEFAULT_OUTPUT_DIR / "preview"
"""Where `render` writes PDFs, slide pictures and contact sheets without `-o`."""
DEFAULT_CATALOGUE_DIR = DEFAULT_OUTPUT_DIR / "catalogue"
"""Where `catalogue` writes its page without `-o`."""
PROFILE_FILE = "direktoerer.yaml"
"""The profile file a schedule uses unless told otherwise: the one beside it."""
DEFAULT_PROFILES = Path("decks/tour") / PROFILE_FILE
"""The profile file `new` reads without `--directors`."""
VISIT_FOLDER = "visits"
"""The folder, beside a director's deck, that `new` writes visit deck files into."""
APPROVED_DIR = Path("decks") / "approved"
"""Where a project keeps the approved renders of its decks (`decks/approved/<deck>/01.png`),
relative to its root: content beside the decks, updated with `deckgen render decks/ --approve`
and compared with `--compare`."""

_ROOT_MARKERS = ("pyproject.toml", ".git", "assets")


def default_output(deck_path: Path) -> Path:
    """Where a deck goes without `-o`: `build/<deck name>.pptx`."""
    return DEFAULT_OUTPUT_DIR / f"{deck_path.stem}.pptx"


def approved_folder(deck_path: Path) -> Path:
    """The folder of approved renders of the project the deck at `deck_path` belongs to."""
    return project_root(deck_path) / APPROVED_DIR


def project_root(deck_path: Path) -> Path:
    """The project a deck belongs to: the nearest folder above it with `pyproject.toml`,
    `.git` or `assets/`; else the deck's own folder. Files a deck refers to stay inside it."""
    start = deck_path.resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in _ROOT_MARKERS):
            return folder
    return start
