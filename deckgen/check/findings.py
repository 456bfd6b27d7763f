"""What a check is and what it finds: `Check` (a registered check), `Finding` and its
`Severity`, and `finding`, which places a finding at the block its slide shows. Every family of
checks (`overflow`, `accessibility`, `brand`, `soundness`) builds on these; the package
(`deckgen.check`) registers the families and runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from deckgen.check.opening import CheckedDeck, SlideBlock
from deckgen.errors import Location
from deckgen.i18n import _


class Severity(Enum):
    """How bad a finding is: an error fails the check; a warning fails it only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a deck: which check, which slide and block, what, what to do."""

    severity: Severity
    check: str
    """The check's name, e.g. `accessibility.alt_text`."""
    message: str
    hint: str = ""
    slide: int | None = None
    """The slide's number, from 1; None for the deck as a whole."""
    block: str | None = None
    """The id of the block the slide shows, when known."""
    location: Location | None = None
    """Where the block is written (file:line), or the deck file."""

    def __str__(self) -> str:
        where = [str(self.location)] if self.location is not None else []
        if self.slide is not None:
            slide = _("slide {number}").format(number=self.slide)
            where.append(slide + (f" ({self.block})" if self.block else ""))
        text = f"[{self.check}] {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return ": ".join([*where, text])

    def as_dict(self) -> dict[str, object]:
        """The finding as plain values, for JSON."""
        return {
            "severity": self.severity.value,
            "check": self.check,
            "slide": self.slide,
            "block": self.block,
            "location": str(self.location) if self.location else None,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Check:
    """A registered check: its name (`family.what`) and the function that runs it."""

    name: str
    run: Callable[[CheckedDeck], Iterable[Finding]]
    summary: str
    """What the check makes sure of, in English, marked with `N_()` (see `description`)."""

    @property
    def description(self) -> str:
        """What the check makes sure of, in the user's language."""
        return _(self.summary)


def finding(
    deck: CheckedDeck,
    slide: int | None,
    severity: Severity,
    check: str,
    message: str,
    hint: str = "",
) -> Finding:
    """A finding about `slide` of `deck`, located at the block the slide shows when known."""
    source: SlideBlock | None = deck.source_of(slide)
    return Finding(
        severity,
        check,
        message,
        hint,
        slide,
        source.block_id if source else None,
        source.location if source else deck.location,
    )
