"""What a deck was built from, recorded in the deck itself so anyone can trace it back.

Every deck deckgen writes carries a custom-properties part, `docProps/custom.xml`, which
PowerPoint shows under File → Info → Properties → Advanced Properties → Custom, and keeps
when the deck is edited and saved:

========================  ==================================================================
``deckgen.version``       the deckgen version that built the deck
``deckgen.deck``          the deck file, relative to the project (``decks/omu-dialogmoede.yaml``)
``deckgen.inputs``        SHA-256 of everything that decides the content: the composed slides
                          and properties, the theme, the template and the deckgen version
``deckgen.content``       SHA-256 of every part under ``ppt/`` and of the document properties
                          (``docProps/core.xml``, ``docProps/app.xml``) as written; a rebuild
                          compares it with the file on disk to tell whether someone has edited
                          the deck
``deckgen.slide.NN``      one per slide: ``block-id@version file``, and ``changed: fields``
                          when the deck overrode some of the block's fields; the version is
                          the first 12 hex digits of the SHA-256 of the block as written
``deckgen.var.NAME``      each variable's value, as shown on the slides
``deckgen.file.NN``       one per file inside the project whose bytes the deck was built from
                          (a picture, a reused slide's presentation, the theme's template, logo
                          and fonts): ``sha256 path``, so ``--outdated`` sees a picture replaced
                          under the same name
========================  ==================================================================

No python-pptx here, so reading provenance (`deckgen provenance`) stays fast. A .pptx is
read as untrusted (`deckgen.ooxml`); the paths its record names are never opened here.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from deckgen.errors import DeckgenError, Problem
from deckgen.ooxml import read_package
from deckgen.ooxml.ns import CUSTOM_PROPERTIES, DOC_PROPS_VTYPES

CUSTOM_PART = "docProps/custom.xml"
"""Where the provenance lives in the package."""
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_NS = CUSTOM_PROPERTIES
_VT = DOC_PROPS_VTYPES
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The property-set id Office gives user-defined properties."""
_CONTENT_PREFIX = "ppt/"
_CONTENT_PARTS = frozenset({"docProps/core.xml", "docProps/app.xml"})
"""Parts outside `ppt/` that the content hash covers: the document properties (title,
author, …) that PowerPoint edits too. Not `docProps/custom.xml`, which holds the hash."""
_MAX_PART_BYTES = 1024 * 1024
"""A custom-properties part larger than this is not one deckgen wrote."""
_CHUNK = 1024 * 1024


class SlideSource(Struct, frozen=True):
    """Which block a slide shows, at which version, from which file."""

    block_id: str
    version: str
    """The first 12 hex digits of the SHA-256 of the block as written in its file."""
    file: str
    """The block's file (the deck file for a block written in place), relative to the project."""
    changed: tuple[str, ...] = ()
    """Fields the deck overrode for this slide."""

    def text(self) -> str:
        """The property value: `id@version file`, and `changed: a, b` if any."""
        line = f"{self.block_id}@{self.version} {self.file}"
        return f"{line} changed: {', '.join(self.changed)}" if self.changed else line

    @classmethod
    def parse(cls, text: str) -> SlideSource:
        """The inverse of `text`."""
        head, _, changed = text.partition(" changed: ")
        ident, _, file = head.partition(" ")
        block_id, _, version = ident.partition("@")
        fields = tuple(name.strip() for name in changed.split(",") if name.strip())
        return cls(block_id, version, file, fields)


class InputFile(Struct, frozen=True):
    """A file whose bytes a deck was built from, and their SHA-256 then."""

    path: str
    """Relative to the project, as `SlideSource.file`."""
    digest: str

    def text(self) -> str:
        """The property value: `sha256 path` (the path last, as it may hold any character)."""
        return f"{self.digest} {self.path}"

    @classmethod
    def parse(cls, text: str) -> InputFile:
        """The inverse of `text`."""
        digest, _, path = text.partition(" ")
        return cls(path, digest)


class Provenance(Struct, frozen=True):
    """Everything a deck records about where it came from."""

    version: str
    deck: str
    inputs: str
    slides: tuple[SlideSource, ...]
    variables: dict[str, str] = msgspec.field(default_factory=dict)
    content: str = ""
    """Hash of the deck's content parts as written; empty until the package is written."""
    files: tuple[InputFile, ...] = ()
    """The files inside the project the deck was built from, by their bytes."""

    def properties(self) -> dict[str, str]:
        """The custom properties, name to value, in a stable order."""
        props = {
            "deckgen.version": self.version,
            "deckgen.deck": self.deck,
            "deckgen.inputs": self.inputs,
            "deckgen.content": self.content,
        }
        width = max(2, len(str(len(self.slides))))
        for number, slide in enumerate(self.slides, 1):
            props[f"deckgen.slide.{number:0{width}d}"] = slide.text()
        for name, value in self.variables.items():
            props[f"deckgen.var.{name}"] = value
        width = max(2, len(str(len(self.files))))
        for number, file in enumerate(self.files, 1):
            props[f"deckgen.file.{number:0{width}d}"] = file.text()
        return props

    def with_content(self, content: str) -> Provenance:
        """This provenance with the content hash filled in."""
        return Provenance(
            self.version, self.deck, self.inputs, self.slides, self.variables, content, self.files
        )

    def to_json(self) -> dict[str, Any]:
        """A plain dict, for `deckgen provenance --json`."""
        return {
            "deckgen": self.version,
            "deck": self.deck,
            "inputs": self.inputs,
            "content": self.content,
            "slides": [
                {"block": s.block_id, "version": s.version, "file": s.file, "changed": s.changed}
                for s in self.slides
            ],
            "variables": self.variables,
            "files": [{"file": f.path, "sha256": f.digest} for f in self.files],
        }

    @classmethod
    def from_properties(cls, props: dict[str, str]) -> Provenance | None:
        """Read back what `properties` wrote; None if the deck has no deckgen record."""
        if "deckgen.inputs" not in props:
            return None
        slides = tuple(
            SlideSource.parse(value)
            for name, value in sorted(props.items())
            if name.startswith("deckgen.slide.")
        )
        variables = {
            name.removeprefix("deckgen.var."): value
            for name, value in props.items()
            if name.startswith("deckgen.var.")
        }
        files = tuple(
            InputFile.parse(value)
            for name, value in sorted(props.items())
            if name.startswith("deckgen.file.")
        )
        return cls(
            props.get("deckgen.version", ""),
            props.get("deckgen.deck", ""),
            props["deckgen.inputs"],
            slides,
            variables,
            props.get("deckgen.content", ""),
            files,
        )


LIBRARY_FIELDS = frozenset({"status"})
"""Fields that say where a block stands in the library, not what its slide shows: left out of
its version, so that retiring a block (`status: udgået`) leaves the decks made with it current."""


def block_version(raw: Any) -> str:
    """A short, stable hash of a block as written (its raw fields, before any variables)."""
    if isinstance(raw, dict):
        raw = {key: value for key, value in raw.items() if key not in LIBRARY_FIELDS}
    text = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def inputs_hash(*parts: Any) -> str:
    """SHA-256 of `parts` (JSON-able values), for the `deckgen.inputs` property."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class ContentDigest:
    """The content hash of a package: SHA-256 over the name and hash of each content part
    (under `ppt/`, and the core and app document properties).

    Parts may be added in any order; the result depends only on the set of parts.
    """

    def __init__(self) -> None:
        self._parts: dict[str, str] = {}

    def add(self, name: str, data: bytes) -> None:
        """Count the member `name` with content `data`; other than content parts are ignored."""
        if is_content_part(name):
            self._parts[name] = hashlib.sha256(data).hexdigest()

    def add_hash(self, name: str, digest: str) -> None:
        if is_content_part(name):
            self._parts[name] = digest

    def hexdigest(self) -> str:
        lines = "".join(f"{name}\0{digest}\n" for name, digest in sorted(self._parts.items()))
        return hashlib.sha256(lines.encode()).hexdigest()


def is_content_part(name: str) -> bool:
    """Whether the package member `name` counts towards the content hash."""
    return name.startswith(_CONTENT_PREFIX) or name in _CONTENT_PARTS


def _escape(text: str) -> str:
    """`text` escaped as `html.escape` does (the same bytes), without loading `html` and its
    table of entities at every start."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def custom_properties_xml(props: dict[str, str]) -> bytes:
    """The `docProps/custom.xml` part holding `props` as text properties."""
    rows = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{_escape(name)}">'
        f"<vt:lpwstr>{_escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{rows}</Properties>'
    ).encode()


def read_custom_properties(package: zipfile.ZipFile) -> dict[str, str]:
    """The text custom properties of an open .pptx package; empty if it has none."""
    try:
        info = package.getinfo(CUSTOM_PART)
    except KeyError:
        return {}
    if info.file_size > _MAX_PART_BYTES:
        return {}
    # lxml, which drawing loads anyway (not ElementTree, whose loading was a millisecond of
    # every build): no entities resolved, nothing fetched, comments left out as ElementTree does.
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(package.read(info), parser)
    except etree.XMLSyntaxError:
        return {}
    props = {}
    for prop in root.findall(f"{{{_NS}}}property"):
        name = prop.get("name")
        value = next(iter(prop), None)
        if name and value is not None:
            props[name] = value.text or ""
    return props


def package_content_hash(package: zipfile.ZipFile) -> str:
    """The content hash of an open package, recomputed from its content parts as they are now."""
    digest = ContentDigest()
    for info in package.infolist():
        if not is_content_part(info.filename) or info.is_dir():
            continue
        sha = hashlib.sha256()
        with package.open(info) as member:
            while chunk := member.read(_CHUNK):
                sha.update(chunk)
        digest.add_hash(info.filename, sha.hexdigest())
    return digest.hexdigest()


def read_provenance(path: Path) -> Provenance | None:
    """The provenance recorded in the .pptx at `path`; None if it has none or is no package."""
    try:
        return _read_record(path)
    except DeckgenError:
        return None


def _read_record(path: Path) -> Provenance | None:
    """The provenance in the .pptx at `path`, read as untrusted (`deckgen.ooxml`): raises
    `UnsafePackage` for a FIFO, a device, a zip bomb, a file that is no package."""
    with read_package(path, deep=False).zip() as package:
        return Provenance.from_properties(read_custom_properties(package))


def decks_using(
    paths: Iterable[Path], block_id: str | None = None, problems: list[Problem] | None = None
) -> list[tuple[Path, Provenance]]:
    """Every deck under `paths` (files or folders) with a record; with `block_id`, only those
    that show that block. A file that cannot safely be read is added to `problems`."""
    found = []
    for path in paths:
        # `~$name.pptx` is the lock file PowerPoint keeps beside a deck it has open.
        files = (
            sorted(p for p in path.rglob("*.pptx") if not p.name.startswith("~$"))
            if path.is_dir()
            else [path]
        )
        for file in files:
            try:
                record = _read_record(file)
            except DeckgenError as exc:
                if problems is not None:
                    problems.append(exc.problem)
                continue
            if record is None:
                continue
            if block_id is None or any(s.block_id == block_id for s in record.slides):
                found.append((file, record))
    return found
