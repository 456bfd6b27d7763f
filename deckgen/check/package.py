"""Package: the .pptx is a sound Open XML file that PowerPoint opens without offering repair.

Two checks: python-pptx reopens the file, and `openxml-audit` (a pure-Python port of the
Open XML SDK's validator, offline) finds nothing wrong with its parts, their schemas and
their relationships. A finding in a slide's part is reported on that slide.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from deckgen.check import Check, CheckedDeck, Finding, Severity, finding
from deckgen.check.deck import PPTX_SUFFIXES
from deckgen.errors import DeckgenError
from deckgen.ooxml import DECK_HINTS

MAX_FINDINGS = 50
MAX_CROWDING = 8_000_000
"""The validator's time grows with the square of the number of same elements side by side
(`Package.crowding`): 5,000 shapes in one group (25 million) took 24 s, 140,000 would take
hours. Past this (about 8 s), it is not run; deckgen's decks score in the thousands."""
_REPAIR_HINT = "PowerPoint would offer to repair the file: rebuild it with deckgen"
_BUG_HINT = "PowerPoint would offer to repair the file: this is a deckgen bug, please report it"


def opens(deck: CheckedDeck) -> Iterator[Finding]:
    """python-pptx can open the file again."""
    if deck.prs is None:
        yield finding(
            deck,
            None,
            Severity.ERROR,
            "package.opens",
            f"the file cannot be opened as a presentation ({deck.open_error})",
            "build it again with deckgen, or open and save it in PowerPoint",
        )


def valid(deck: CheckedDeck) -> Iterator[Finding]:
    """The Open XML validator finds no error in the package."""
    package = deck.package
    if package is not None and package.crowding > MAX_CROWDING:
        widest, part = package.widest
        yield finding(
            deck,
            _slide_of(deck, "/" + part),
            Severity.ERROR,
            "package.valid",
            f"too many elements side by side for the Open XML validator to check in reasonable "
            f"time (up to {widest:,} under one parent, in {part}); not validated",
            "split the slides or layouts up (thousands of shapes or table rows in one place)",
        )
        return
    for part, path, message in validate(deck.data):
        where = f"{part}{' ' + path if path else ''}: " if part else ""
        yield finding(
            deck,
            _slide_of(deck, part),
            Severity.ERROR,
            "package.valid",
            f"{where}{message}",
            _REPAIR_HINT if deck.path.suffix.lower() in PPTX_SUFFIXES else _BUG_HINT,
        )


def validate(data: bytes) -> list[tuple[str, str, str]]:
    """(part, XML path, message) for each finding of the Open XML validator on `data`."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        raise DeckgenError(
            "the Open XML validator `openxml-audit` is not installed",
            hint="pip install openxml-audit (it comes with deckgen: pip install -e .)",
        ) from None
    with tempfile.TemporaryDirectory(prefix="deckgen-check-") as folder:
        path = Path(folder) / "deck.pptx"
        path.write_bytes(data)
        result = OpenXmlValidator(max_errors=MAX_FINDINGS).validate(path)
    return [
        (error.part_uri or "", error.path or "", getattr(error, "description", "") or str(error))
        for error in result.errors
    ]


def hazards(deck: CheckedDeck) -> Iterator[Finding]:
    """Nothing in the package runs code, fetches anything, or unpacks outside its folder."""
    for hazard in deck.hazards:
        yield finding(
            deck,
            _slide_of(deck, "/" + _source_part(hazard.part)),
            Severity.ERROR,
            hazard.check,
            str(hazard),
            DECK_HINTS[hazard.check],
        )


def _source_part(part: str) -> str:
    """The part a relationships part belongs to (`ppt/slides/_rels/slide1.xml.rels` →
    `ppt/slides/slide1.xml`); any other part is itself."""
    folder, _, name = part.rpartition("_rels/")
    return folder + name.removesuffix(".rels") if name.endswith(".rels") else part


def _slide_of(deck: CheckedDeck, part: str) -> int | None:
    """The number of the slide whose part (or notes part) is `part`, if any."""
    if deck.prs is None or not part:
        return None
    for number, slide in enumerate(deck.prs.slides, 1):
        if part == slide.part.partname or (
            slide.has_notes_slide and part == slide.notes_slide.part.partname
        ):
            return number
    return None


CHECKS = (
    Check("package.opens", opens, "python-pptx reopens the file"),
    Check(
        "package.hazards",
        hazards,
        "no macros, OLE objects or controls, external links or unsafe member names",
    ),
    Check("package.valid", valid, "the Open XML validator finds nothing"),
)
