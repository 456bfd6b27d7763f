"""One visit from the web form's fields, through the visit service, problems by field.

The form sends the schedule's columns (`dato`, `direktør`, `udvalg`, `sted`, `tilføj`,
`fjern`, `lokalt eksempel`) and the slides in the order ticked. They are read, planned and
drawn by `deckgen.visits.service`, as the API and the tour do; each problem comes back with
the field it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from deckgen.visits.record import VisitRecord
from deckgen.visits.service import FieldProblem, PlannedVisit, read_visit


@dataclass
class Outcome:
    """A visit read, planned and drawn, or its problems."""

    planned: PlannedVisit | None = None
    data: bytes = b""
    warnings: list[str] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    record: VisitRecord | None = None
    understood: str = ""
    """The date as understood (`torsdag 12. marts 2026`)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def doubted(self) -> set[str]:
        """The fields with a doubt that may be confirmed."""
        return {problem.field for problem in self.problems if problem.confirm}


def make_visit(
    fields: Mapping[str, Any],
    site: Any,
    *,
    order: list[str] | None = None,
    build: bool = True,
    confirmed: Iterable[str] | bool = (),
) -> Outcome:
    """Read, plan and (with `build`) draw the visit `fields` describe, with `site`'s caches;
    `order` is the slides' block ids in the order wanted."""
    values = dict(fields)
    if order:
        values["dias"] = list(order)
    with site.lock:
        checked = read_visit(values, site.project, confirmed=confirmed)
        if not checked.ok or checked.planned is None:
            return Outcome(problems=checked.all_problems, understood=checked.understood)
        if not build:
            return Outcome(checked.planned, record=checked.record, understood=checked.understood)
        deck = site.build(checked.planned)
    warnings = [problem.message for problem in deck.warnings]
    return Outcome(checked.planned, deck.data, warnings, [], checked.record, checked.understood)
