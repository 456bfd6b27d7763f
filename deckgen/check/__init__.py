"""The quality gate: checks that a deck fits, is accessible, is on brand and is a sound file.

Each family of checks is one module (`overflow` for the `fit.*` checks, `accessibility`,
`brand`, `soundness` for the `package.*` checks); each check is a function from a
`CheckedDeck` to `Finding`s (`findings`), registered explicitly in its module's `CHECKS`, in
the order reports list them. To add a check, write the function in its family's module and
add it to the list. `check_file` opens a deck file (built in memory) or a built .pptx and runs
every check on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from deckgen.build import Builder
from deckgen.check.findings import Check, Finding, Severity, finding
from deckgen.check.opening import CheckedDeck, open_deck
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem


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
