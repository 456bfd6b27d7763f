"""One visit from the web form's fields, through the visit service, problems by field.

The form sends the schedule's columns (`dato`, `direktør`, `udvalg`, `sted`, `tilføj`,
`fjern`, `lokalt eksempel`) and the slides in the order ticked. They are read, planned and
drawn by `deckgen.visits.service`, as the API and the tour do; each problem comes back with
the field it concerns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from deckgen.errors import Problem
from deckgen.visits.record import VisitRecord
from deckgen.visits.service import ROW, FieldProblem, PlannedVisit, read_visit


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


def own_warnings(warnings: Iterable[Problem], site: Any) -> list[Problem]:
    """The warnings of drawing a visit that are the secretary's: those at what she typed.
    The rest are in the library's files (a reused slide's layout, a block's text that does
    not fit): written to the log with their place and kept for Biblioteket, where
    communication can put them right; a secretary can do nothing about them."""
    own: list[Problem] = []
    library: list[Problem] = []
    for warning in warnings:
        at_row = warning.location is not None and warning.location.file == ROW.file
        (own if at_row else library).append(warning)
    for warning in site.keeper.note(library):  # each once, not at every preview
        logging.getLogger("deckgen.web").warning("%s", warning)
    return own


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
    warnings = [problem.message for problem in own_warnings(deck.warnings, site)]
    return Outcome(checked.planned, deck.data, warnings, [], checked.record, checked.understood)
