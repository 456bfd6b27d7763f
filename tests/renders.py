"""Visual regression for the tests: deckgen's own comparison of a deck's slides, as
LibreOffice renders them, with approved renders (`deckgen.preview.visual`, which
`deckgen render --compare` uses), so the tests and the command judge a change alike."""

from __future__ import annotations

from deckgen.preview.visual import (
    CHANGED_SHARE,
    PIXEL_TOLERANCE,
    SlideChange,
    approved_slides,
    changed_share,
    compare_slides,
    diff_picture,
)

__all__ = [
    "CHANGED_SHARE",
    "PIXEL_TOLERANCE",
    "SlideChange",
    "approved_slides",
    "changed_share",
    "compare_slides",
    "diff_picture",
]
