"""The slides of a presentation from elsewhere, listed safely for a `slide` block to choose from.

A `slide` block reuses one slide of a .pptx that deckgen did not make. Before anything copies
it, the file is read through `read_package` (size limits, zip bombs, damage, XML without
entities), its slides are listed in show order with their titles and layout names, and what
would be dangerous to carry into a deck is found: macros or unsafe member names anywhere in
the file, and OLE objects, controls or links out of the file in the parts the chosen slide
brings along (a link to a web page or an e-mail address is fine, as in any deck; so is a
chart's link to its workbook, which the reused chart leaves behind).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
import zipfile
from functools import lru_cache
from pathlib import Path

import msgspec
from lxml import etree
from msgspec import Struct

from deckgen.ooxml import Hazard, Package, read_package
from deckgen.ooxml.ns import PACKAGE_RELATIONSHIPS, A, P, R
from deckgen.ooxml.placeholders import TITLE_TYPES
from deckgen.regular import stamp

_RELS = f"{{{PACKAGE_RELATIONSHIPS}}}"
_P, _A = f"{{{P}}}", f"{{{A}}}"
_R = f"{{{R}}}"
_OFFICE_DOCUMENT = "/officeDocument"
_LAYOUT = "/slideLayout"
_MASTER = "/slideMaster"
_NOT_CARRIED = ("/notesMaster", "/slide", "/comments", "/commentAuthors", "/handoutMaster")
"""Relationships of parts a reused slide does not carry along (its notes go over as text)."""
_ANYWHERE = ("package.macro", "package.unsafe_name", "package.too_large")
"""Hazards that refuse the whole file, wherever they are in it (but see `file_wide`)."""
_EMBEDDED = "ppt/embeddings/"
_CHART_DATA = "/oleObject"
"""A chart's link to its workbook elsewhere, or an old (.xls) workbook of its own: the reused
chart keeps the values it shows and leaves these behind (`deckgen.render.reuse`)."""


class SourceSlide(Struct, frozen=True):
    """One slide of a presentation from elsewhere."""

    number: int
    """Its place in the show, from 1."""
    part: str
    """Its member name, e.g. `ppt/slides/slide3.xml`."""
    title: str
    """The text of its title placeholder, lines joined by spaces; "" if it has none."""
    layout: str
    """The name of its layout, e.g. `Title and Content`."""
    hidden: bool = False
    """Hidden in its presentation (`show="0"`): skipped when that one is presented."""


class SlideFile(Struct):
    """A presentation read safely: its slides, and what in it must not be carried over."""

    package: Package
    digest: str
    """SHA-256 of the file's bytes: a changed file is a changed input of every deck using it."""
    slides: list[SourceSlide] = msgspec.field(default_factory=list)
    width: int = 0
    height: int = 0
    """The slide size (EMU) from `presentation.xml`."""

    def find(self, choice: str | int) -> list[SourceSlide]:
        """The slides titled `choice` (spaces, case and Unicode forms do not count), else the
        slide numbered `choice` (from 1; YAML may give a number as text); none if there is
        none. Several slides may have the title: the caller must not choose one of them."""
        wanted = _plain(str(choice))
        titled = [slide for slide in self.slides if _plain(slide.title) == wanted]
        # `²` is a digit to Python but no number to `int`: a title, if anything.
        if titled or not (wanted.isascii() and wanted.isdigit()):
            return titled
        number = int(wanted)
        return [self.slides[number - 1]] if 1 <= number <= len(self.slides) else []

    def hazards_for(self, slide: SourceSlide, *, with_layout: bool) -> list[Hazard]:
        """What in the file stops `slide` from being reused: macros or unsafe names anywhere,
        active content or outside links in the parts it brings (its layout and master too,
        `with_layout`)."""
        carried = self._carried(slide.part, with_layout)
        return [
            hazard
            for hazard in self.package.hazards
            if file_wide(hazard) or (_owner(hazard.part) in carried and not _chart_data(hazard))
        ]

    def shape_names(self, slide: SourceSlide) -> list[str]:
        """The names of the shapes on `slide`, groups' members too, in order."""
        with self.package.zip() as archive:
            root = _xml(archive, slide.part)
        names = [props.get("name", "") for props in root.iter(f"{_P}cNvPr")]
        return [name for name in names[1:] if name]  # the first is the shape tree's own

    def file_wide(self) -> list[Hazard]:
        """What in the file stops every slide of it from being reused."""
        return [hazard for hazard in self.package.hazards if file_wide(hazard)]

    def _carried(self, start: str, with_layout: bool) -> set[str]:
        """The member names of `start` and every part it brings along by its relationships."""
        seen: set[str] = set()
        waiting = [start]
        with self.package.zip() as archive:
            names = set(archive.namelist())
            while waiting:
                name = waiting.pop()
                if name in seen:
                    continue
                seen.add(name)
                skip = _NOT_CARRIED if with_layout else (*_NOT_CARRIED, _LAYOUT, _MASTER)
                if _is_chart(name):
                    skip = (*skip, _CHART_DATA)
                for kind, target in _relationships(archive, name, names):
                    if not kind.endswith(skip):
                        waiting.append(target)
        return seen


def read_slide_file(path: Path) -> SlideFile:
    """The presentation at `path`, read safely and its slides listed; raises
    `deckgen.ooxml.UnsafePackage` (located at `path`) if it cannot be read safely."""
    return _read(path, stamp(path.stat()))


@lru_cache(maxsize=16)
def _read(path: Path, version: tuple[int, int, int, int, int]) -> SlideFile:
    # Read once per build however many blocks use the file; a changed file is read again.
    package = read_package(path)
    result = SlideFile(package, hashlib.sha256(package.data).hexdigest())
    with package.zip() as archive:
        names = set(archive.namelist())
        main = next(
            (t for k, t in _relationships(archive, "", names) if k.endswith(_OFFICE_DOCUMENT)), ""
        )
        if not main:
            return result
        presentation = _xml(archive, main)
        size_element = presentation.find(f"{_P}sldSz")
        if size_element is not None:
            result.width = int(size_element.get("cx") or 0)
            result.height = int(size_element.get("cy") or 0)
        targets = dict(_relationships(archive, main, names, by_id=True))
        order = presentation.find(f"{_P}sldIdLst")
        for entry in order if order is not None else ():
            part = targets.get(entry.get(f"{_R}id") or "", "")
            if part not in names:
                continue
            slide = _xml(archive, part)
            layout = next(
                (t for k, t in _relationships(archive, part, names) if k.endswith(_LAYOUT)), ""
            )
            layout_name = _xml(archive, layout).find(f"{_P}cSld").get("name", "") if layout else ""
            number = len(result.slides) + 1
            hidden = slide.get("show") in ("0", "false")
            result.slides.append(SourceSlide(number, part, _title(slide), layout_name, hidden))
    return result


def _title(slide: etree._Element) -> str:
    for shape in slide.iter(f"{_P}sp"):
        placeholder = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if placeholder is not None and placeholder.get("type") in TITLE_TYPES:
            lines = ["".join(t.text or "" for t in p.iter(f"{_A}t")) for p in shape.iter(f"{_A}p")]
            return " ".join(" ".join(lines).split())
    return ""


def _relationships(
    archive: zipfile.ZipFile, part: str, names: set[str], *, by_id: bool = False
) -> list[tuple[str, str]]:
    """(type, member name) of each internal relationship of `part` ("" for the package);
    with `by_id`, (id, member name)."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels") if part else "_rels/.rels"
    if rels not in names:
        return []
    found = []
    for rel in _xml(archive, rels).iter(f"{_RELS}Relationship"):
        if (rel.get("TargetMode") or "").lower() == "external":
            continue
        target = rel.get("Target") or ""
        joined = target if target.startswith("/") else posixpath.join("/", folder, target)
        name = posixpath.normpath(joined).lstrip("/")
        found.append(((rel.get("Id") if by_id else rel.get("Type")) or "", name))
    return found


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    # `read_package` has parsed every part once already with this parser: it is well-formed.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(archive.read(name), parser)


def file_wide(hazard: Hazard) -> bool:
    """Whether `hazard` refuses the whole file: a macro project, an unsafe member name, a
    picture too large to decode. A document embedded in one slide that could carry macros
    goes with that slide only."""
    if hazard.check == "package.macro" and hazard.part.startswith(_EMBEDDED):
        return False
    return hazard.check in _ANYWHERE


def _chart_data(hazard: Hazard) -> bool:
    """A chart's link to the workbook its data came from, which the reused chart leaves
    behind."""
    return _is_chart(_owner(hazard.part)) and hazard.relation == _CHART_DATA.lstrip("/")


def _is_chart(part: str) -> bool:
    return posixpath.basename(posixpath.dirname(part)) == "charts"


_FILE_PATH = re.compile(
    r"^\s*(?:[a-z]:[\\/]|\\\\|~?/(?:users|home|volumes|private|tmp|var)/|file:"
    r"|(?:[^\s/\\]*[\\/])?[\w\-.\x20()]+\.(?:png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp|heic)\s*$)",
    re.IGNORECASE,
)
"""A drive (`C:\\…`), a network share (`\\\\server\\…`), a home folder (`/Users/…`,
`/home/…`), a `file:` link, or a picture's bare file name (`IMG_0412.JPG`)."""


def is_file_path(text: str) -> bool:
    """Whether a picture's description is the file it was inserted from (as PowerPoint once
    wrote it), which tells nothing of the picture and may tell whose computer it was on."""
    return bool(_FILE_PATH.match(text))


def _owner(part: str) -> str:
    """The part a hazard is in: a relationships file counts as the part it belongs to."""
    folder, base = posixpath.split(part.strip("'\""))
    if posixpath.basename(folder) == "_rels" and base.endswith(".rels"):
        return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])
    return part.strip("'\"")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()
