"""Package: the .pptx is a sound Open XML file that PowerPoint opens without offering repair,
and that is safe to pass on.

Three checks: python-pptx reopens the file; it carries nothing that runs code, fetches
anything or unpacks outside its folder (what `deckgen.ooxml` found reading it: macros,
OLE objects and controls, external links, unsafe member names, pictures too large to decode,
each under its own check id); and `openxml-audit` (a pure-Python port of the Open XML SDK's
validator, offline) finds nothing wrong with the parts deckgen writes, their schemas and their
relationships (a template's masters, themes and fonts, copied unchanged, are the template's
affair). A finding in a slide's part is reported on that slide.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.check.findings import Check, Finding, Severity, finding
from deckgen.check.opening import PPTX_SUFFIXES, CheckedDeck
from deckgen.i18n import N_, _
from deckgen.ooxml import DECK_HINTS
from deckgen.ooxml.schema import NotValidated, too_crowded, validate
from deckgen.render.package import copied_part

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
    elif deck.unreadable:
        yield finding(
            deck,
            None,
            Severity.ERROR,
            "package.opens",
            _(
                "a slide holds a value the file format does not allow where a number goes "
                "(a size or a position), so the slides cannot be checked"
            ),
            _("build it again with deckgen, or open and save it in PowerPoint"),
        )


def valid(deck: CheckedDeck) -> Iterator[Finding]:
    """The Open XML validator finds no error in the package."""
    package = deck.package
    crowded = too_crowded(package.crowding, package.widest) if package is not None else None
    if package is not None and crowded is not None:
        slide = _slide_of(deck, "/" + package.widest[1])
        yield finding(deck, slide, Severity.ERROR, "package.valid", *crowded)
        return
    try:
        found = validate(deck.data)
    except NotValidated as exc:
        yield finding(
            deck, None, Severity.ERROR, "package.valid", exc.problem.message, exc.problem.hint
        )
        return
    for part, path, message in found:
        if copied_part(part):
            # A template's own master, theme or font, copied unchanged into every deck: the
            # validator flags some that the Open XML SDK and PowerPoint accept, and no one
            # could fix them by building again.
            continue
        where = f"{part}{' ' + path if path else ''}: " if part else ""
        yield finding(
            deck,
            _slide_of(deck, part),
            Severity.ERROR,
            "package.valid",
            f"{where}{message}",
            _(_REPAIR_HINT if deck.path.suffix.lower() in PPTX_SUFFIXES else _BUG_HINT),
        )


def hazards(deck: CheckedDeck) -> Iterator[Finding]:
    """Nothing in the package runs code, fetches anything, or unpacks outside its folder."""
    for hazard in deck.hazards:
        yield finding(
            deck,
            _slide_of(deck, "/" + _source_part(hazard.part)),
            Severity.ERROR,
            hazard.check,
            str(hazard),
            _(DECK_HINTS[hazard.check]),
        )


def hidden(deck: CheckedDeck) -> Iterator[Finding]:
    """No slide is hidden: a hidden slide is in the file, and skipped when presenting."""
    for number, slide in enumerate(deck.prs.slides if deck.prs is not None else (), 1):
        if slide.element.get("show") in ("0", "false"):
            yield finding(
                deck,
                number,
                Severity.WARNING,
                "package.hidden",
                _("the slide is hidden: it is skipped when the deck is presented"),
                _("show it (in PowerPoint: right-click the slide, Hide Slide), or delete it"),
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
    Check("package.opens", opens, N_("python-pptx reopens the file")),
    Check(
        "package.hazards",
        hazards,
        N_("no macros, OLE objects or controls, external links or unsafe member names"),
    ),
    Check("package.valid", valid, N_("the Open XML validator finds nothing")),
    Check("package.hidden", hidden, N_("no slide is hidden (skipped when presenting)")),
)
