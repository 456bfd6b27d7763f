"""Approved renders, for visual regression: `deckgen render decks/ --approve` makes a deck's
slides, as LibreOffice renders them, its approved renders.

Approved renders of the sample decks live in the repository, small (`REFERENCE_WIDTH` pixels
wide), as `tests/visual/approved/<deck>/01.png`, `02.png`, …; `tests/visual/test_visual.py`
compares every deck's renders with them (`tests/renders.py`).
"""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import DeckgenError, Location
from deckgen.i18n import _
from deckgen.preview.render import pdf_to_pngs
from deckgen.project import APPROVED_DIR

REFERENCE_WIDTH = 320
"""The width of an approved render, in pixels."""


def approve(pdf: Path, deck_name: str, root: Path = APPROVED_DIR) -> list[Path]:
    """Make the slides of `pdf` the approved renders of `deck_name` (older ones removed)."""
    if not root.parent.is_dir():
        raise DeckgenError(
            _("there is no {parent} folder here for approved renders").format(parent=root.parent),
            Location(Path.cwd()),
            _("run the command from the project's root folder"),
        )
    return pdf_to_pngs(pdf, root / deck_name, REFERENCE_WIDTH)
