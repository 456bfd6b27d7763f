"""A corporate template read as the untrusted file it is, for every command that opens one.

`build` (through `deckgen.render.package`), `theme show` and `theme init` read a template
only through here: a regular file under the size limits, no zip bomb, no unsafe names, XML
without entities (`read_package`), and nothing that every deck would carry on — macros,
controls, programs, links out of the file — each reported at the template with what to do.

A template's example slides are never carried on: every deck starts from its masters and
layouts alone. What only they use (an OLE object, a link out of the file) is set aside, not
refused; `theme init` says so.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.i18n import _
from deckgen.ooxml import TEMPLATE_HINTS, Hazard, Package, UnsafePackage, read_package
from deckgen.ooxml.ns import P, R
from deckgen.ooxml.slides import _owner, _relationships, _xml
from deckgen.regular import version

_EXAMPLE_SLIDE_PARTS = ("ppt/slides/", "ppt/notesSlides/")


def read_template_package(path: Path) -> Package:
    """The template at `path`, refused with located errors unless it is safe to use.

    Read once while the file stays the same (one build reads it to check the theme against
    it and again to draw; `deckgen serve` for every deck): a template replaced under its
    name is read again. The package is shared: callers read it and change nothing."""
    return _read_template_package(path, version(path))


@lru_cache(maxsize=8)
def _read_template_package(path: Path, stamp: tuple[int, int, int, int, int]) -> Package:
    try:
        # Remembered: a template is read by every build, and does not change between them.
        package = read_package(path, remember=True)
    except UnsafePackage as exc:
        raise DeckgenError(
            _as_template(exc.problem.message), Location(path), exc.problem.hint
        ) from None
    example, package.example_slides = _example_only(package)
    package.set_aside = [
        hazard
        for hazard in package.hazards
        if hazard.check != "package.unsafe_name" and _owner(hazard.part) in example
    ]
    package.hazards = [hazard for hazard in package.hazards if hazard not in package.set_aside]
    if package.hazards:
        found = _on_design(package, package.hazards)
        # An object on a master is one finding, at its relationship, not also at its part.
        named = {spot.target for spot in found.values() if spot.relationship}
        raise InvalidInput(
            [
                Problem(Location(path), f"{hazard}", _template_hint(hazard, found.get(hazard)))
                for hazard in package.hazards
                if not (hazard.part in named and hazard.relation == "")
            ]
        )
    return package


@dataclass(frozen=True)
class _Spot:
    """Where on the template's design (a master or a layout) a hazard's object is."""

    layout: str
    """The layout's name; empty for the slide master."""
    shape: str
    """The name of the shape holding it, as PowerPoint's Selection Pane lists it."""
    hidden: bool
    target: str
    relationship: bool
    """Whether the hazard is the relationship to the object (not the object's own part)."""


_DESIGN = re.compile(r"ppt/(slideMasters|slideLayouts)/[^/]+\.xml")


def _on_design(package: Package, hazards: list[Hazard]) -> dict[Hazard, _Spot]:
    """For each OLE object or control on a master or layout (its relationship, or its part),
    the shape that holds the object: communication finds it by that name."""
    found: dict[Hazard, _Spot] = {}
    with package.zip() as archive:
        names = set(archive.namelist())
        for part in sorted(name for name in names if _DESIGN.fullmatch(name)):
            links = _relationships(archive, part, names, by_id=True)
            kinds = [kind for kind, _target in _relationships(archive, part, names)]
            for hazard in hazards:
                own = _owner(hazard.part) == part and hazard.relation != ""
                ids = [
                    rid
                    for (rid, target), kind in zip(links, kinds, strict=True)
                    if (own and kind.endswith("/" + hazard.relation)) or target == hazard.part
                ]
                if not ids:
                    continue
                spot = _shape_of(_xml(archive, part), ids, part)
                if spot is not None and hazard.check == "package.active_content":
                    target = next(target for rid, target in links if rid == ids[0])
                    found[hazard] = _Spot(*spot, target, own)
    return found


def _shape_of(root: etree._Element, ids: list[str], part: str) -> tuple[str, str, bool] | None:
    """(layout name or "", shape name, hidden) of the shape of `root` referring to one of
    `ids`; None if no shape does."""
    for element in root.iter():
        if not any(element.get(f"{{{R}}}{key}") in ids for key in ("id", "embed", "link")):
            continue
        shape = element
        while shape is not None and etree.QName(shape).localname not in _SHAPES:
            shape = shape.getparent()
        if shape is None:
            continue
        properties = next(shape.iter(f"{{{P}}}cNvPr"), None)
        name = properties.get("name", "") if properties is not None else ""
        hidden = properties is not None and properties.get("hidden") in ("1", "true")
        layout = ""
        if "slideLayouts" in part:
            data = root.find(f"{{{P}}}cSld")
            layout = (data.get("name", "") if data is not None else "") or part
        return layout, name, hidden
    return None


_SHAPES = ("graphicFrame", "pic", "sp", "grpSp", "cxnSp")


_MAIN = "/officeDocument"
_SLIDE = "/slide"


def _example_only(package: Package) -> tuple[set[str], int]:
    """The parts only the template's example slides use (the slides, their notes, and what
    only they refer to), and how many example slides there are."""
    with package.zip() as archive:
        names = set(archive.namelist())
        top = _relationships(archive, "", names)
        main = next((target for kind, target in top if kind.endswith(_MAIN)), "")
        slides = [t for kind, t in _relationships(archive, main, names) if kind.endswith(_SLIDE)]
        kept = _reach(archive, names, [target for _kind, target in top], main)
        used = _reach(archive, names, slides, main)
    return used - kept, len(slides)


def _reach(archive: zipfile.ZipFile, names: set[str], starts: list[str], main: str) -> set[str]:
    """The parts reached from `starts` through relationships, not through the main part's
    relationships to its slides."""
    seen: set[str] = set()
    todo = [start for start in starts if start in names]
    while todo:
        part = todo.pop()
        if part in seen:
            continue
        seen.add(part)
        for kind, target in _relationships(archive, part, names):
            if part == main and kind.endswith(_SLIDE):
                continue
            if target in names and target not in seen:
                todo.append(target)
    return seen


def _template_hint(hazard: Hazard, spot: _Spot | None = None) -> str:
    if spot is not None and hazard.check == "package.active_content":
        where = (
            _("on the layout {layout}").format(layout=repr(spot.layout))
            if spot.layout
            else _("on the slide master")
        )
        return _(
            "it is the object {name} {where}{hidden}: in PowerPoint's slide master view, "
            "open the Selection Pane (Home ▸ Arrange ▸ Selection Pane), which lists hidden "
            "objects too, delete it there and save the template again"
        ).format(
            name=repr(spot.shape),
            where=where,
            hidden=_(", hidden") if spot.hidden else "",
        )
    if hazard.part.startswith(_EXAMPLE_SLIDE_PARTS):
        return _(
            "it is on one of the template's example slides, which deckgen does not use: "
            "delete the example slides from the template and save it again"
        )
    return _(TEMPLATE_HINTS[hazard.check])


def _as_template(message: str) -> str:
    """An `UnsafePackage` message about "the file", said of the template."""
    # The words are looked up in the language the message was made in: "filen" → "skabelonen".
    said = re.escape(_("the file"))
    return re.sub(rf"\b{said}\b", _("the template"), message, count=1)
