"""Slide pictures kept by what draws them, so a changed deck renders only its new slides.

The web page previews a visit's deck after every change: a slide moved, ticked off or added.
Rendering the whole deck again takes LibreOffice a second or more, and most of its slides look
as before. So each slide's picture is kept under a key made of exactly what draws it: the
slide's XML, everything it refers to (its layout, master, theme, pictures: their bytes, found
through the relationships, not by name), the deck's own settings (`presentation.xml` without
its list of slides, the table styles) and today's date when the slide shows one (its own
field, or one its layout or master draws). Its speaker notes do not draw it: left out.

A slide number is drawn too: the field is replaced by the number the slide has in this deck,
as text, before the key is made (LibreOffice draws both alike, to the pixel). A slide that
moves is then a new picture only when it shows its number, and a slide that was kept is the
same key in any deck.

The slides not kept are rendered together as a deck of their own: the deck with only those
slides in its list of slides (the other parts stay, unreferenced), each with its number
written in, and without their speaker notes. LibreOffice opens a deck of one slide in a
fourth of the time of the whole deck (measured in README, "The secretary's page"; exporting
a page range of the whole deck is hardly faster than exporting all of it: opening it is the
cost). A deck this cannot read so (a slide number drawn by the layout or master, or by an
empty slide-number placeholder; a first slide number that is not 1; a part missing) is
rendered whole, its slides kept under the deck's bytes and their place.

The pictures live in one folder, named by their keys (hex digits: nothing from a user's input
reaches a path); the folder holds at most `MAX_BYTES`, the least recently used go first, never
one of the deck being shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import posixpath
import shutil
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lxml import etree

from deckgen.errors import DeckgenError
from deckgen.i18n import _
from deckgen.ooxml.ns import PACKAGE_RELATIONSHIPS as _RELS
from deckgen.ooxml.ns import A as _A
from deckgen.ooxml.ns import P as _P
from deckgen.ooxml.ns import R as _R
from deckgen.preview import scratch
from deckgen.preview.render import pdf_to_jpegs

MAX_BYTES = 200_000_000
"""The pictures kept, at most (a slide 960 px wide is 40–120 KB: some 2,500 slides)."""
AHEAD_CHUNK = 2
"""Slides `ahead` renders in one go (0.2–0.6 s): what a preview may wait for."""
MAX_WHOLE_DECKS = 256
"""Decks rendered whole whose slide count is remembered (their pictures are in the folder)."""
FORMAT = b"deckgen-slide-picture-1"
"""Part of every key: raise it when the way pictures are made changes."""

_NOTES = _R + "/notesSlide"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_DECK_WIDE = ("ppt/tableStyles.xml", "ppt/presProps.xml")


class Renderer(Protocol):
    """What converts decks to PDF: `deckgen.preview.office.KeptOffice` or `LibreOffice`."""

    def to_pdf(self, decks: Sequence[Path], folder: Path) -> list[Path]: ...


class _Unreadable(Exception):
    """The deck cannot be split into slides safely: it is rendered whole."""


@dataclass(frozen=True)
class _Slide:
    key: str
    part: str
    """The slide's part name in the deck, as `ppt/slides/slide3.xml`."""
    xml: bytes
    """The slide's XML as it is drawn: its number written in."""
    entry: bytes
    """Its `<p:sldId>` element in `presentation.xml`."""
    numbered: bool
    """It shows its number."""


class SlidePictures:
    """The slide pictures of decks, `width` pixels wide, kept in `folder` (which it owns)."""

    def __init__(
        self, folder: Path, renderer: Renderer, width: int = 960, max_bytes: int = MAX_BYTES
    ) -> None:
        self.folder = folder
        self.renderer = renderer
        self.width = width
        self.max_bytes = max_bytes
        shutil.rmtree(folder, ignore_errors=True)  # pictures no index names are never served
        folder.mkdir(parents=True)
        self._sizes: OrderedDict[str, int] = OrderedDict()
        """The pictures kept, by key, least recently used first, with their size in bytes."""
        self._whole_decks: OrderedDict[str, int] = OrderedDict()
        """Decks rendered whole: their slide count, by their bytes' digest."""
        self._lock = threading.Lock()
        self._waiting_lock = threading.Lock()
        self._waiting = 0
        """Previews asked for and not yet made: `ahead` stops for them."""
        self._stopped = False
        self._generation = 0
        self.rendered = 0
        """Slides rendered so far (not found kept): for tests and the benchmark."""

    def pictures(self, data: bytes) -> list[Path]:
        """A JPEG per slide of the .pptx `data`, as LibreOffice renders the whole deck."""
        with self._waiting_lock:
            self._waiting += 1  # `ahead` gives way
            self._generation += 1  # and renders for this deck, not an older one
        try:
            with self._lock:
                try:
                    slides, presentation, entries = _read(data)
                except _Unreadable:
                    return self._whole(data)
                missing = list({s.key: s for s in slides if s.key not in self._sizes}.values())
                if missing:
                    self._render(data, missing, presentation, entries)
                keys = [s.key for s in slides]
                return self._keep(keys)
        finally:
            with self._waiting_lock:
                self._waiting -= 1

    def ahead(self, data: bytes) -> int:
        """Render, while nobody waits for a preview, the slides of `data` that show their
        number as they will look when a slide before them is ticked off (each number one
        less), `AHEAD_CHUNK` slides at a time; returns how many were rendered.

        A preview after a slide is ticked off then finds every slide after it kept. It stops
        as soon as a preview is asked for (which waits for one chunk at most), when a preview
        of another deck was made since it started, or on `stop`.
        """
        try:
            slides, presentation, entries = _read(data, shift=-1)
        except _Unreadable:
            return 0
        made = 0
        generation = self._generation
        numbered = [slide for slide in slides if slide.numbered]
        while numbered and not self._stopped:
            with self._lock:
                if self._waiting or self._stopped or self._generation != generation:
                    break
                chunk = [s for s in numbered[:AHEAD_CHUNK] if s.key not in self._sizes]
                numbered = numbered[AHEAD_CHUNK:]
                if chunk:
                    self._render(data, chunk, presentation, entries)
                    made += len(chunk)
        return made

    def stop(self) -> None:
        """Make `ahead` stop after the chunk it is rendering."""
        self._stopped = True

    def _render(
        self, data: bytes, missing: list[_Slide], presentation: bytes, entries: bytes
    ) -> None:
        """Render the `missing` slides as a deck of their own and keep their pictures."""
        listed = b"".join(s.entry for s in missing)
        replaced = {s.part: s.xml for s in missing}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for slide in missing:
                # Without their speaker notes, which LibreOffice would read for nothing (a
                # fifth of its time) and which do not draw the slide.
                rels = _rels_name(slide.part)
                if rels in archive.namelist():
                    replaced[rels] = _without_notes(archive.read(rels))
        replaced["ppt/presentation.xml"] = presentation.replace(entries, listed, 1)
        pictures = self._convert(_rewritten(data, replaced))
        if len(pictures) != len(missing):
            raise DeckgenError(
                _("LibreOffice could not convert the deck ({value})").format(
                    value=_("{made} of {wanted} slides").format(
                        made=len(pictures), wanted=len(missing)
                    )
                )
            )
        for slide, picture in zip(missing, pictures, strict=True):
            self._put(slide.key, picture)

    def _whole(self, data: bytes) -> list[Path]:
        """The deck rendered whole, its pictures kept under its bytes and their place."""
        deck = hashlib.sha256(FORMAT + b"whole" + data).hexdigest()[:40]
        count = self._whole_decks.get(deck, 0)
        keys = [f"{deck}{number:04d}" for number in range(1, count + 1)]
        if count and all(key in self._sizes for key in keys):
            return self._keep(keys)
        pictures = self._convert(data)
        keys = [f"{deck}{number:04d}" for number in range(1, len(pictures) + 1)]
        for key, picture in zip(keys, pictures, strict=True):
            self._put(key, picture)
        self._whole_decks[deck] = len(keys)
        while len(self._whole_decks) > MAX_WHOLE_DECKS:
            self._whole_decks.popitem(last=False)
        return self._keep(keys)

    def _convert(self, data: bytes) -> list[Path]:
        with scratch.folder("slides") as staging:
            deck = Path(staging) / "deck.pptx"
            deck.write_bytes(data)
            pdf = self.renderer.to_pdf([deck], Path(staging) / "pdf")[0]
            pages = pdf_to_jpegs(pdf, Path(staging) / "pages", self.width)
            # Out of the staging folder before it goes: into the cache's folder, unnamed yet.
            moved = []
            for page in pages:
                target = self.folder / f"new-{page.name}"
                shutil.move(page, target)
                moved.append(target)
            return moved

    def _put(self, key: str, picture: Path) -> None:
        target = self.folder / f"{key}.jpg"
        picture.replace(target)
        self._sizes[key] = target.stat().st_size
        self.rendered += 1

    def _keep(self, keys: list[str]) -> list[Path]:
        """The pictures of `keys`, marked used now; older ones go while the folder is full."""
        for key in keys:
            self._sizes.move_to_end(key)
        showing = set(keys)
        total = sum(self._sizes.values())
        for key in list(self._sizes):
            if total <= self.max_bytes:
                break
            if key in showing:
                continue
            total -= self._sizes.pop(key)
            (self.folder / f"{key}.jpg").unlink(missing_ok=True)
        return [self.folder / f"{key}.jpg" for key in keys]

    @property
    def size(self) -> int:
        """The bytes of the pictures kept."""
        return sum(self._sizes.values())


def _read(data: bytes, shift: int = 0) -> tuple[list[_Slide], bytes, bytes]:
    """The deck's shown slides with their keys; `presentation.xml`; its list of slides.
    With `shift`, each slide as it looks with its number moved by that much (the first
    slides left out if their number would be below 1)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        return _slides(archive, names, shift)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise _Unreadable from exc


def _slides(
    archive: zipfile.ZipFile, names: set[str], shift: int = 0
) -> tuple[list[_Slide], bytes, bytes]:
    presentation_bytes = archive.read("ppt/presentation.xml")
    presentation = etree.fromstring(presentation_bytes, _PARSER)
    if presentation.get("firstSlideNum", "1") != "1":
        raise _Unreadable  # numbers not counted from 1
    listed = presentation.find(f"{{{_P}}}sldIdLst")
    if listed is None or len(listed) == 0:
        raise _Unreadable  # nothing to split
    # The list as written, to be replaced by the slides to render: found in the bytes.
    start = presentation_bytes.find(b"<p:sldIdLst>")
    end = presentation_bytes.find(b"</p:sldIdLst>")
    if start < 0 or end < 0:
        raise _Unreadable  # a list of slides written unlike deckgen writes it
    entries = presentation_bytes[start + len(b"<p:sldIdLst>") : end]
    pieces = [b"<p:sldId " + piece for piece in entries.split(b"<p:sldId ")[1:]]
    if b"".join(pieces) != entries or len(pieces) != len(listed):
        raise _Unreadable  # a list of slides written unlike deckgen writes it
    deck_wide = hashlib.sha256(FORMAT)
    deck_wide.update(presentation_bytes[:start] + presentation_bytes[end:])
    for name in _DECK_WIDE:
        deck_wide.update(name.encode() + b"\0")
        deck_wide.update(archive.read(name) if name in names else b"-")
    reader = _Parts(archive, names)
    targets = reader.relationships("ppt/presentation.xml")
    today = dt.date.today().isoformat().encode()
    slides = []
    for number, (element, entry) in enumerate(zip(listed, pieces, strict=True), 1):
        part = targets[element.get(f"{{{_R}}}id")][1]
        raw = archive.read(part)
        root = etree.fromstring(raw, _PARSER)
        if root.get("show") == "0":
            continue  # a hidden slide is not in the PDF either
        if number + shift < 1:
            continue
        numbered = _numbered(root, number + shift)
        xml = numbered or raw
        key = hashlib.sha256(deck_wide.digest())
        key.update(xml)
        described, drawn = reader.closure(part)
        if "slidenum" in drawn:
            raise _Unreadable  # the layout or master draws the number: only the deck knows it
        if b'type="datetime' in raw or any(kind.startswith("datetime") for kind in drawn):
            key.update(today)
        for part_key in described:
            key.update(part_key)
        slides.append(_Slide(key.hexdigest()[:48], part, xml, entry, numbered is not None))
    return slides, presentation_bytes, entries


def _numbered(root: etree._Element, number: int) -> bytes | None:
    """The slide's XML with each slide-number field written as its number; None if it has
    no such field. A slide-number placeholder with no field of its own would show the
    layout's: such a deck is rendered whole."""
    fields = root.findall(f".//{{{_A}}}fld[@type='slidenum']")
    placeholders = root.findall(f".//{{{_P}}}ph[@type='sldNum']")
    if placeholders and not fields:
        raise _Unreadable
    if not fields:
        return None
    for found in fields:
        run = etree.Element(f"{{{_A}}}r")
        style = found.find(f"{{{_A}}}rPr")
        if style is not None:
            run.append(style)
        text = etree.SubElement(run, f"{{{_A}}}t")
        text.text = str(number)
        run.tail = found.tail
        parent = found.getparent()
        assert parent is not None
        parent.replace(found, run)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


class _Parts:
    """A deck's parts, each known by its bytes and what it refers to, not by its name."""

    def __init__(self, archive: zipfile.ZipFile, names: set[str]) -> None:
        self.archive = archive
        self.names = names
        self._digests: dict[str, bytes] = {}
        self._fields: dict[str, set[str]] = {}
        self._relationships: dict[str, dict[str, tuple[str, str]]] = {}

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """`part`'s relationships: id → (type, target part name, or the external address)."""
        if part not in self._relationships:
            folder = posixpath.dirname(part)
            rels = _rels_name(part)
            found: dict[str, tuple[str, str]] = {}
            if rels in self.names:
                root = etree.fromstring(self.archive.read(rels), _PARSER)
                for relation in root.iter(f"{{{_RELS}}}Relationship"):
                    target = relation.get("Target", "")
                    if relation.get("TargetMode") != "External":
                        target = posixpath.normpath(posixpath.join(folder, target))
                        if target.startswith("/"):
                            target = target[1:]
                        if target not in self.names:
                            raise _Unreadable  # a part missing: LibreOffice says what
                    else:
                        target = "external:" + target
                    found[relation.get("Id", "")] = (relation.get("Type", ""), target)
            self._relationships[part] = found
        return self._relationships[part]

    def digest(self, part: str) -> bytes:
        if part not in self._digests:
            self._digests[part] = hashlib.sha256(self.archive.read(part)).digest()
        return self._digests[part]

    def fields(self, part: str) -> set[str]:
        """The kinds of field (`slidenum`, `datetime1`, …) a layout or master draws on every
        slide: in its shapes that are not placeholders (a placeholder's text is the slide's)."""
        if part not in self._fields:
            found: set[str] = set()
            if part.endswith(".xml") and ("slideLayout" in part or "slideMaster" in part):
                root = etree.fromstring(self.archive.read(part), _PARSER)
                for shape in root.iter(f"{{{_P}}}sp"):
                    if shape.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph") is not None:
                        continue
                    found.update(f.get("type", "") for f in shape.iter(f"{{{_A}}}fld"))
            self._fields[part] = found
        return self._fields[part]

    def closure(self, slide: str) -> tuple[list[bytes], set[str]]:
        """What draws `slide` besides its own XML: its relationships, then every part they
        reach (not the notes), each as its bytes' digest and its relationships' ids, types
        and targets' digests; sorted, so the parts' names do not matter. And the kinds of
        field those parts draw on the slide."""
        described = []
        drawn: set[str] = set()
        seen = {slide}
        waiting = [slide]
        while waiting:
            part = waiting.pop()
            if part != slide:
                drawn |= self.fields(part)
            lines = [b"" if part == slide else self.digest(part)]
            for ident, (kind, target) in sorted(self.relationships(part).items()):
                if kind == _NOTES:
                    continue
                if target.startswith("external:"):
                    lines.append(f"{ident} {kind} {target}".encode())
                    continue
                lines.append(f"{ident} {kind} ".encode() + self.digest(target))
                if target not in seen:
                    seen.add(target)
                    waiting.append(target)
            described.append(hashlib.sha256(b"\n".join(lines)).digest())
        return sorted(described), drawn


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return f"{folder}/_rels/{name}.rels"


def _without_notes(rels: bytes) -> bytes:
    root = etree.fromstring(rels, _PARSER)
    for relation in list(root):
        if relation.get("Type") == _NOTES:
            root.remove(relation)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _rewritten(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The deck `data` with the parts in `replaced` given new bytes."""
    made = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            body = replaced.get(info.filename)
            target.writestr(info.filename, body if body is not None else source.read(info))
    return made.getvalue()
