"""The quality gate: checks that a deck fits, is accessible, is on brand and is a sound file.

Each family of checks is one module (`overflow` for the `fit.*` checks, `accessibility`,
`brand`, `soundness` for the `package.*` checks); each check is a function from a
`CheckedDeck` to `Finding`s, registered explicitly in `CHECKS`, in the order reports list
them. To add a check, write the function in its family's module and add
it to the list. `check_deck` opens a deck file (built in memory) or a built .pptx and runs
every check on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from deckgen.build import Builder
from deckgen.check.opening import CheckedDeck, SlideBlock, open_deck
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
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


def _registry() -> tuple[Check, ...]:
    from deckgen.check import accessibility, brand, overflow, soundness

    return (
        *soundness.CHECKS,
        *overflow.CHECKS,
        *accessibility.CHECKS,
        *brand.CHECKS,
    )


def all_checks() -> tuple[Check, ...]:
    """Every check, in report order."""
    return _registry()


@dataclass
class DeckReport:
    """What checking one deck found."""

    source: Location
    slides: int
    findings: list[Finding]
    note: str = ""
    """Anything to say about the deck as a whole, e.g. that slides are reported by number."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def as_dict(self) -> dict[str, object]:
        """The report as plain values, for JSON."""
        return {
            "deck": str(self.source),
            "slides": self.slides,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "note": self.note,
            "findings": [f.as_dict() for f in self.findings],
        }

    def failed(self, strict: bool = False) -> bool:
        """Whether the deck fails the gate (any error; with `strict`, any warning too)."""
        return bool(self.errors or (strict and self.warnings))


def run_checks(deck: CheckedDeck, checks: Iterable[Check] | None = None) -> list[Finding]:
    """Run `checks` (all of them by default) on an opened deck; findings in slide order."""
    findings: list[Finding] = []
    for check in checks or all_checks():
        if deck.prs is None and check.name.split(".")[0] != "package":
            continue  # a file that python-pptx cannot open has only its package findings
        findings.extend(check.run(deck))
    return sorted(findings, key=lambda f: (f.slide or 0, f.severity is not Severity.ERROR))


def check_file(
    path: Path,
    variables: Mapping[str, str] | None = None,
    theme: Path | None = None,
    builder: Builder | None = None,
) -> DeckReport:
    """Check one deck file or built .pptx; a deck that does not build is reported, not raised.

    `builder` is the pipeline to build deck files with, shared by the decks of one check.
    """
    try:
        deck = open_deck(path, variables, theme, builder)
    except InvalidInput as exc:
        return DeckReport(Location(path), 0, [_build_error(p) for p in exc.problems])
    except DeckgenError as exc:
        # A .pptx refused unread (a zip bomb, a FIFO, damaged) carries its own check id.
        check = getattr(exc, "check", "build")
        return DeckReport(Location(path), 0, [_build_error(exc.problem, check)])
    slides = len(deck.prs.slides) if deck.prs is not None else 0
    return DeckReport(deck.location, slides, run_checks(deck), deck.note)


def _build_error(problem: Problem, check: str = "build") -> Finding:
    return Finding(Severity.ERROR, check, problem.message, problem.hint, location=problem.location)


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


__all__ = [
    "Check",
    "CheckedDeck",
    "DeckReport",
    "Finding",
    "Severity",
    "all_checks",
    "check_file",
    "finding",
    "open_deck",
    "run_checks",
]
