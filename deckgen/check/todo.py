"""A deck's findings as a short list of things to do, one line per cause.

An old presentation imported as it was designed can give hundreds of findings: every text box
in English, every colour off the theme's palette, every picture without alt text. Each of
those is one thing to do, many times over. Findings of one check with the same advice are one
cause: said once, with how often and on which slides, and one of them as the example.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from deckgen.check import Finding, Severity
from deckgen.i18n import _, ngettext

ONE_BY_ONE = 12
"""A report with at most this many findings is listed finding by finding."""


@dataclass(frozen=True)
class Todo:
    """One cause: the findings of one check that ask for the same thing."""

    findings: tuple[Finding, ...]

    @property
    def severity(self) -> Severity:
        errors = any(found.severity is Severity.ERROR for found in self.findings)
        return Severity.ERROR if errors else Severity.WARNING

    @property
    def slides(self) -> list[int]:
        return sorted({found.slide for found in self.findings if found.slide is not None})

    def __str__(self) -> str:
        example = self.findings[0]
        count = len(self.findings)
        slides = self.slides
        where = ngettext("{count} time", "{count} times", count).format(count=count)
        if slides:
            where += " " + ngettext(
                "on slide {slides}", "on {count} slides: {slides}", len(slides)
            ).format(count=len(slides), slides=_ranges(slides))
        text = f"[{example.check}] {where}: {example.message}"
        if count > 1:
            text += " " + _("(and the like)")
        return f"{text} — {example.hint}" if example.hint else text


def todo(findings: Iterable[Finding]) -> list[Todo]:
    """The findings grouped by cause (check and advice), errors first, then by how many."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for found in findings:
        groups.setdefault((found.check, found.hint), []).append(found)
    causes = [Todo(tuple(group)) for group in groups.values()]
    return sorted(causes, key=lambda c: (c.severity is not Severity.ERROR, -len(c.findings)))


def _ranges(numbers: list[int]) -> str:
    """`1–4, 7, 9–10`, shortened after eight runs."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    shown = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:8]]
    return ", ".join(shown) + (", …" if len(runs) > 8 else "")
