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
from deckgen.check.opening import PPTX_SUFFIXES
from deckgen.errors import DeckgenError
from deckgen.i18n import N_, _

MAX_FINDINGS = 50
_REPAIR_HINT = N_("PowerPoint would offer to repair the file: rebuild it with deckgen")
_BUG_HINT = N_("PowerPoint would offer to repair the file: this is a deckgen bug, please report it")


def opens(deck: CheckedDeck) -> Iterator[Finding]:
    """python-pptx can open the file again."""
    if deck.prs is None:
        yield finding(
            deck,
            None,
            Severity.ERROR,
            "package.opens",
            _("the file cannot be opened as a presentation ({open_error})").format(
                open_error=deck.open_error
            ),
            _("build it again with deckgen, or open and save it in PowerPoint"),
        )


def valid(deck: CheckedDeck) -> Iterator[Finding]:
    """The Open XML validator finds no error in the package."""
    for part, path, message in validate(deck.data):
        where = f"{part}{' ' + path if path else ''}: " if part else ""
        yield finding(
            deck,
            _slide_of(deck, part),
            Severity.ERROR,
            "package.valid",
            f"{where}{message}",
            _(_REPAIR_HINT if deck.path.suffix.lower() in PPTX_SUFFIXES else _BUG_HINT),
        )


def validate(data: bytes) -> list[tuple[str, str, str]]:
    """(part, XML path, message) for each finding of the Open XML validator on `data`."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        raise DeckgenError(
            _("the Open XML validator `openxml-audit` is not installed"),
            hint=_("pip install openxml-audit (it comes with deckgen: pip install -e .)"),
        ) from None
    with tempfile.TemporaryDirectory(prefix="deckgen-check-") as folder:
        path = Path(folder) / "deck.pptx"
        path.write_bytes(data)
        result = OpenXmlValidator(max_errors=MAX_FINDINGS).validate(path)
    return [
        (error.part_uri or "", error.path or "", getattr(error, "description", "") or str(error))
        for error in result.errors
    ]


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
    Check("package.valid", valid, "the Open XML validator finds nothing"),
)
