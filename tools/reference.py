"""The live sample deck still reproduces the reference deck: every line of its text on its 18
slides. CI runs it on `decks/` (`.ci/run`); the tests run the same check on their frozen copy of
the sample project (`tests/test_decks.py`), so a change of wording in the live library never
turns the test suite red, but one that loses a line of the reference is caught before release.

    python tools/reference.py                       # decks/omu-dialogmoede.yaml
    python tools/reference.py path/to/deck.yaml     # another deck file
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "tests" / "reference" / "omu-dialogmoede-aktoerskab.txt"
"""The project's copy of the reference text (`tests/test_decks.py` holds it against the shared
original)."""
SLIDES = 18


def reference_lines(reference: Path = REFERENCE) -> list[str]:
    """The reference text a line at a time, without the bullets and numbers that the
    template's bullets and auto-numbering draw."""
    lines = [_normal(line) for line in reference.read_text(encoding="utf-8").splitlines()]
    return [re.sub(r"^(• |\d+\) )", "", line) for line in lines if line]


def deck_text(pptx: Path) -> tuple[int, str]:
    """The number of slides of the .pptx at `pptx` and the text of all of them."""
    from pptx import Presentation

    slides = Presentation(str(pptx)).slides
    return len(slides), " ".join(_normal(" ".join(_texts(slide.shapes))) for slide in slides)


def _texts(shapes: Any) -> Iterator[str]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main(argv: list[str]) -> int:
    import tempfile

    from deckgen import api

    deck = Path(argv[0]) if argv else REPO / "decks" / "omu-dialogmoede.yaml"
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "reference.pptx"
        api.build_deck(deck, built, {"omu": "OMU Børn og Familie", "dato": "2025-03-12"})
        count, text = deck_text(built)
    missing = [line for line in reference_lines() if line not in text]
    if count != SLIDES:
        print(f"{deck}: {count} slides, the reference deck has {SLIDES}")
    for line in missing:
        print(f"{deck}: the reference line is not in the deck: {line}")
    if count != SLIDES or missing:
        return 1
    print(f"{deck}: all {len(reference_lines())} lines of the reference deck, on {SLIDES} slides")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
