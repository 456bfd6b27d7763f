"""Build an import's deck once, in memory, before the user does, and choose each kept slide's look.

A slide made a list (or a title, section, statement or closing slide) whose text does not fit
the theme's layout even at the smallest readable size is kept as designed instead, where it
fitted: the import is built again with it as a `slide` block.

A slide kept as designed (`kind: slide`) goes on the theme's layouts in the theme's look
(`keep: theme`) only where its text stays readable there, as `deckgen check` judges it: as
much contrast as in its own look, and as little text running off its shapes. Where the theme's
colours or fonts would make it worse (white text for a dark background on a white theme, text
that no longer fits), the slide keeps its own look (`keep: source`), and the import says so.
What the build warns of (a chart's data left behind, a slide worth a look) is told too, and
if the deck does not build, why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from deckgen.blocks.slide import Slide
from deckgen.build import Builder, Rendered
from deckgen.check import all_checks, run_checks
from deckgen.check.opening import checked_drawing
from deckgen.compose import ComposedDeck
from deckgen.errors import DeckgenError, Problem

_READABLE = ("accessibility.contrast", "fit.text", "accessibility.text_size")
"""The checks that say whether a slide's text can be read."""
_TEXT_KINDS = ("bullets", "title", "section", "statement", "closing")
"""The kinds an import makes of a slide's text alone: kept as designed instead if too long."""


@dataclass
class Trial:
    """What building an imported deck showed."""

    own_look: dict[str, int] = field(default_factory=dict)
    """The `slide` blocks to keep in their own look, by id, with how many of their texts
    would not be readable in the theme's."""
    crowded: list[str] = field(default_factory=list)
    """The blocks of deckgen's own text kinds whose text does not fit the theme's layout:
    their slides are better kept as designed."""
    warnings: list[Problem] = field(default_factory=list)
    """What the build warns of, with each slide in the look chosen."""
    problem: Problem | None = None
    """Why the deck does not build, if it does not."""


def try_deck(deck_file: Path) -> Trial:
    """Build the deck file an import wrote, in the theme's look and with the kept slides in
    their own, and choose for each kept slide the look in which its text reads."""
    builder = Builder()
    try:
        composed = builder.compose(deck_file, require_values=False)
        themed = builder.render(composed)
    except DeckgenError as exc:
        return Trial(problem=exc.problem)
    in_theme = _findings(deck_file, themed)
    crowded = [
        slide.block.id
        for number, slide in enumerate(composed.slides, 1)
        if slide.block.kind in _TEXT_KINDS and "fit.text" in in_theme.get(number, [])
    ]
    if crowded:
        return Trial(crowded=crowded)
    candidates = [
        number
        for number, slide in enumerate(composed.slides, 1)
        if isinstance(slide.block, Slide)
        and slide.block.keep == "theme"
        and not msgspec.structs.replace(slide.block, keep="source").check_sources(slide.source)
    ]
    if not candidates:
        return Trial(warnings=list(themed.warnings))
    try:
        sourced = builder.render(_in_own_look(composed, candidates))
    except DeckgenError:  # the slides' own layouts cannot come along: the theme's look it is
        return Trial(warnings=list(themed.warnings))
    in_own = _findings(deck_file, sourced)
    own = {
        composed.slides[number - 1].block.id: len(in_theme.get(number, []))
        for number in candidates
        if len(in_theme.get(number, [])) > len(in_own.get(number, []))
    }
    warnings = [w for w in themed.warnings if _block_of(w, composed) not in own]
    warnings += [w for w in sourced.warnings if _block_of(w, composed) in own]
    return Trial(own, warnings=warnings)


def _in_own_look(deck: ComposedDeck, numbers: list[int]) -> ComposedDeck:
    slides = [
        msgspec.structs.replace(slide, block=msgspec.structs.replace(slide.block, keep="source"))
        if number in numbers
        else slide
        for number, slide in enumerate(deck.slides, 1)
    ]
    return msgspec.structs.replace(deck, slides=slides)


def _findings(deck_file: Path, drawn: Rendered) -> dict[int, list[str]]:
    """The findings of the readability checks on each slide (their check names), by number."""
    checks = [check for check in all_checks() if check.name in _READABLE]
    found: dict[int, list[str]] = {}
    for finding in run_checks(checked_drawing(deck_file, drawn), checks):
        if finding.slide is not None:
            found.setdefault(finding.slide, []).append(finding.check)
    return found


def _block_of(warning: Problem, deck: ComposedDeck) -> str:
    """The id of the block a build warning is about ("" if none)."""
    for slide in deck.slides:
        if slide.location == warning.location:
            return slide.block.id
    return ""
