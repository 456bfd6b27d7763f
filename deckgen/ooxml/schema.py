"""The Open XML validator (`openxml-audit`, offline), on a package in memory.

`deckgen check` runs it on every deck; a template is run through it only when reading the
template fails, to say which part and which element is wrong (see `render.package`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.i18n import _

MAX_FINDINGS = 50
MAX_CROWDING = 8_000_000
"""The validator's time grows with the square of the number of same elements side by side
(`Package.crowding`): 5,000 shapes in one group (25 million) took 24 s, 140,000 would take
hours. Past this (about 8 s), it is not run; deckgen's decks score in the thousands."""


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
