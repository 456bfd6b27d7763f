"""Open an Open XML package (.pptx, .potx) that deckgen did not make, without trusting it.

Templates, decks handed to `deckgen check`, decks read for their provenance and the old file
at an output path are all zip files from elsewhere. Before python-pptx or anything else reads
one, `read_package` makes sure that reading it is safe:

- it is a regular file (a FIFO would hang the read, a device would never end), and not over
  `MAX_PACKAGE_BYTES`;
- its central directory is small (`MAX_MEMBERS`), so listing it costs little memory;
- its parts unpack to at most `MAX_UNPACKED_BYTES` in all and none unpacks to more than
  `MAX_RATIO` times its packed size (a zip bomb), by their declared sizes, which `zipfile`
  then holds every read to (a part that unpacks to more fails its CRC check);
- with `deep`, every part is read once (in chunks) and every XML part parsed with a parser
  that expands no entities and fetches nothing; a part that is cut short or is not XML is an
  error naming the part.

What it finds that is readable but dangerous to pass on comes back as `Hazard`s, one check id
each: member names that leave the folder they are unpacked into (`package.unsafe_name`), VBA
macros (`package.macro`), OLE objects, ActiveX controls and embedded programs
(`package.active_content`), and relationships to anything outside the file that PowerPoint
fetches or runs (`package.external_link`). A link that is clicked, to a web page (`http:`,
`https:`) or an e-mail address (`mailto:`), is content as in any deck and is not one.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import urllib.parse
import zipfile
from functools import lru_cache
from pathlib import Path

import msgspec
from lxml import etree
from msgspec import Struct

from deckgen import cache
from deckgen.errors import DeckgenError, Location
from deckgen.i18n import N_, _
from deckgen.ooxml import hazards as hazards_module
from deckgen.ooxml.hazards import (
    DECK_HINTS,
    TEMPLATE_HINTS,
    Hazard,
    active_members,
    crowding,
    disguised_program,
    picture_size,
    relationship_hazards,
    shown,
)
from deckgen.ooxml.ns import PACKAGE_CONTENT_TYPES, PACKAGE_RELATIONSHIPS
from deckgen.regular import NotRegular, TooLarge, read_regular

MAX_PACKAGE_BYTES = 100_000_000
"""The largest .pptx/.potx file deckgen reads."""
MAX_UNPACKED_BYTES = 100_000_000
"""The most all parts of a package may unpack to."""
MAX_XML_BYTES = 16_000_000
"""The most all XML parts may unpack to: python-pptx keeps them parsed, about 15 times larger
(a 46 MB layout took 730 MB to build from). deckgen's decks hold about 10 KB a slide."""
MAX_RATIO = 200
"""A part of over `_RATIO_FLOOR` bytes that unpacks to more than this many times its packed
size is a zip bomb (deflate reaches about 1,000): Office XML packs 5-50 times, pictures barely."""
_RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000
_MAX_DIRECTORY_BYTES = 8 * 1024 * 1024
_CHUNK = 1024 * 1024

PRESENTATION_SUFFIXES = frozenset({".pptx", ".potx", ".pptm", ".potm", ".ppsx", ".ppsm"})
"""Presentations read as packages (those with macros too, to report them)."""
CONTENT_TYPES = "[Content_Types].xml"
_RELS_NS = f"{{{PACKAGE_RELATIONSHIPS}}}"
_CT_NS = f"{{{PACKAGE_CONTENT_TYPES}}}"


class UnsafePackage(DeckgenError):
    """A package deckgen will not read at all: not a file, too large, a zip bomb, damaged."""

    def __init__(self, message: str, location: Location, hint: str, check: str) -> None:
        super().__init__(message, location, hint)
        self.check = check
        """The check id `deckgen check` reports it under."""


class Package(Struct):
    """A package that is safe to hand to python-pptx or zipfile: its bytes and what it holds."""

    path: Path
    data: bytes
    content_types: dict[str, str] = msgspec.field(default_factory=dict)
    """Content type of each member, by member name."""
    hazards: list[Hazard] = msgspec.field(default_factory=list)
    crowding: int = 0
    """The sum, over every parent element, of the square of how many children of one kind
    it has: the Open XML validator takes time in proportion (read with `deep` only)."""
    widest: tuple[int, str] = (0, "")
    """The most children of one kind under one parent, and the part they are in."""
    set_aside: list[Hazard] = msgspec.field(default_factory=list)
    """For a template: the hazards in parts only its example slides use, which no deck
    carries (`deckgen.ooxml.template`)."""
    example_slides: int = 0
    """For a template: how many example slides it has, which no deck carries."""

    def zip(self) -> zipfile.ZipFile:
        """The package, opened from memory."""
        return zipfile.ZipFile(io.BytesIO(self.data))


def read_package(path: Path, *, deep: bool = True, remember: bool = False) -> Package:
    """Read the package at `path` if that is safe; see the module's docstring for what that
    means. Raises `UnsafePackage` (a `DeckgenError` located at `path`) if it is not.

    With `remember`, a package found clean through and through is noted in deckgen's cache
    by its bytes, and the same bytes read again later are not gone through part by part."""
    data = read_regular_file(path, MAX_PACKAGE_BYTES)
    return inspect_package(data, path, deep=deep, remember=remember)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, if it has at most `limit` of them
    (`deckgen.regular`: a FIFO or a device named like a .pptx is refused, not read)."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError:
        raise _unsafe(path, _("file not found"), _("check the path"), "package.opens") from None
    except TooLarge:
        raise _unsafe(
            path,
            _("the file is over {size:.0f} MB, the most deckgen reads in a presentation").format(
                size=limit / 1e6
            ),
            _("make it smaller (compress its pictures in PowerPoint: File → Compress Pictures)"),
            "package.too_large",
        ) from None
    except NotRegular as exc:
        raise _unsafe(path, exc.message, _("name a .pptx file"), "package.opens") from None
    except OSError as exc:
        raise _unsafe(
            path,
            _("cannot read the file: {reason}").format(reason=exc.strerror),
            "",
            "package.opens",
        ) from None


def inspect_package(
    data: bytes, path: Path, *, deep: bool = True, remember: bool = False
) -> Package:
    """Check the package `data` (read from `path`, which errors name) as `read_package` does."""
    _check_directory(data, path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise _damaged(path, "", str(exc)) from None
    package = Package(path, data)
    package.hazards.extend(_unsafe_names(members))
    _check_sizes(members, path)
    with archive:
        types = package.content_types = _content_types(archive, members, path)
        _check_xml_size(sum(i.file_size for i in members if _is_xml(i.filename, types)), path)
        package.hazards.extend(active_members(types))
        known = _known_clean(data) if deep and remember and not package.hazards else None
        if known is not None:
            package.crowding, package.widest = known
        elif deep:
            names = {info.filename.lower() for info in members}
            unsafe = {hazard.part for hazard in package.hazards}
            for info in members:
                if not info.is_dir() and shown(info.filename) not in unsafe:
                    package.hazards.extend(_read_member(archive, info, package, names))
            if remember and not package.hazards:
                _note_clean(data, package)
    return package


def xml_parts(data: bytes, path: Path) -> dict[str, bytes]:
    """The XML members of the package `data` (one deckgen made, named `path` in errors),
    unpacked, by name: those the deep reading parses, by their names or content types."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        types = _content_types(archive, members, path)
        return {i.filename: archive.read(i) for i in members if _is_xml(i.filename, types)}


def crowding_past(
    parts: dict[str, bytes], limit: int, path: Path
) -> tuple[int, tuple[int, str]] | None:
    """`Package.crowding` and `Package.widest` of the package whose XML members are `parts`
    (`xml_parts`), as the deep reading measures them, if the crowding passes `limit`; None if
    it does not.

    Without parsing where it cannot: every child is a tag of its own, so a part with n `<`
    has a crowding of at most n², and only when those add up past `limit` are the parts
    parsed (a deckgen deck adds up to about a quarter of the limit, in a millisecond)."""
    if sum(raw.count(b"<") ** 2 for raw in parts.values()) <= limit:
        return None
    total, widest = 0, (0, "")
    for name, raw in parts.items():
        crowded, most = crowding(_parse_xml(raw, name, path))
        total += crowded
        widest = max(widest, (most, name))
    return (total, widest) if total > limit else None


_CLEAN = "clean-packages"
"""The cache's folder for packages found clean: by a key of their bytes and of the rules
they were read by, what the part-by-part reading measured (`crowding`, `widest`)."""


@lru_cache(maxsize=1)
def _rules() -> bytes:
    """What decides a package's verdict besides its bytes: this module's and the hazards'
    code (with every limit in them) and the largest picture deckgen accepts."""
    from deckgen.assets import MAX_PIXELS

    try:
        code = Path(__file__).read_bytes() + Path(hazards_module.__file__ or "").read_bytes()
    except OSError:
        return b""  # no source to go by (a frozen install): nothing is remembered
    return code + str(MAX_PIXELS).encode()


def _clean_key(data: bytes) -> str | None:
    rules = _rules()
    return cache.key(b"package-v1", rules, data) if rules else None


def _known_clean(data: bytes) -> tuple[int, tuple[int, str]] | None:
    """What the deep reading measured in `data`, if these bytes were found clean before."""
    name = _clean_key(data)
    entry = cache.load(_CLEAN, name) if name else None
    if entry is None:
        return None
    try:
        crowded, widest, part = entry.decode().split("\n", 2)
        return int(crowded), (int(widest), part)
    except ValueError:  # not what `_note_clean` writes: read the package through
        return None


def _note_clean(data: bytes, package: Package) -> None:
    name = _clean_key(data)
    if name:
        crowded, (widest, part) = package.crowding, package.widest
        cache.store(_CLEAN, name, f"{crowded}\n{widest}\n{part}".encode())


def _check_directory(data: bytes, path: Path) -> None:
    """Refuse a central directory too large to list, from the end record, before zipfile
    builds an object for each of its entries."""
    start = max(0, len(data) - (65535 + 22))
    end = data.rfind(b"PK\x05\x06", start)
    if end < 0 or len(data) - end < 22:
        raise _unsafe(
            path,
            _("the file is not a PowerPoint file (.pptx or .potx): it is not a zip package"),
            _("save it from PowerPoint as .pptx or .potx"),
            "package.opens",
        )
    entries, size = struct.unpack_from("<HI", data, end + 10)
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if data[record : record + 4] == b"PK\x06\x06" and record + 56 <= len(data):
            entries, size = struct.unpack_from("<QQ", data, record + 32)
    if entries > MAX_MEMBERS or size > _MAX_DIRECTORY_BYTES:
        raise _bomb(
            path,
            _("it lists {count:,} parts; deckgen reads at most {most:,}").format(
                count=entries, most=MAX_MEMBERS
            ),
        )


def _unsafe_names(members: list[zipfile.ZipInfo]) -> list[Hazard]:
    hazards = []
    seen: set[str] = set()
    for info in members:
        name = info.filename
        parts = name.rstrip("/").split("/")
        if (
            name.startswith(("/", "\\"))
            or "\\" in name
            or any(part in ("", ".", "..") for part in parts)
            or re.match(r"^[A-Za-z]:", name)
            or any(ord(char) < 32 for char in name)
        ):
            hazards.append(
                Hazard(
                    "package.unsafe_name",
                    shown(name),
                    _("a member name with `..`, a backslash, a drive or an absolute path"),
                )
            )
        elif name.lower() in seen:
            hazards.append(
                Hazard(
                    "package.unsafe_name",
                    shown(name),
                    _("two members have this name: programs disagree on which one they read"),
                )
            )
        seen.add(name.lower())
    return hazards


def _check_sizes(members: list[zipfile.ZipInfo], path: Path) -> None:
    total = xml = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise _damaged(path, info.filename, _("it is encrypted"))
        total += info.file_size
        if _is_xml_name(info.filename):
            xml += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _bomb(
                path,
                _("{part} packs {size:,.0f} MB into {packed:,} bytes").format(
                    part=shown(info.filename), size=info.file_size / 1e6, packed=info.compress_size
                ),
            )
    if total > MAX_UNPACKED_BYTES:
        raise _bomb(
            path,
            _("its parts unpack to {size:,.0f} MB; deckgen reads at most {most:.0f} MB").format(
                size=total / 1e6, most=MAX_UNPACKED_BYTES / 1e6
            ),
        )
    _check_xml_size(xml, path)


def _check_xml_size(xml: int, path: Path) -> None:
    if xml > MAX_XML_BYTES:
        raise _bomb(
            path,
            _(
                "its XML parts unpack to {size:,.0f} MB; deckgen reads at most {most:.0f} MB of XML"
            ).format(size=xml / 1e6, most=MAX_XML_BYTES / 1e6),
        )


def _content_types(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], path: Path
) -> dict[str, str]:
    try:
        root = _parse(archive, archive.getinfo(CONTENT_TYPES), path)
    except KeyError:
        raise _unsafe(
            path,
            _("the file has no {part}: it is not an Office file").format(part=CONTENT_TYPES),
            _("open it in PowerPoint and save it again as .pptx or .potx"),
            "package.opens",
        ) from None
    defaults = {
        (e.get("Extension") or "").lower(): e.get("ContentType") or ""
        for e in root.iter(f"{_CT_NS}Default")
    }
    overrides = {
        (e.get("PartName") or "").lstrip("/").lower(): e.get("ContentType") or ""
        for e in root.iter(f"{_CT_NS}Override")
    }
    types = {}
    for info in members:
        name = info.filename
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        types[name] = overrides.get(name.lower(), defaults.get(extension, ""))
    return types


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, package: Package, names: set[str]
) -> list[Hazard]:
    """Read one member through (its CRC is checked at the end); parse it if it is XML."""
    path, types = package.path, package.content_types
    if _is_xml(info.filename, types):
        root = _parse(archive, info, path)
        crowded, widest = crowding(root)
        package.crowding += crowded
        package.widest = max(package.widest, (widest, info.filename))
        # PowerPoint finds parts and their relationships whatever the case of their names.
        if not (
            info.filename.lower().endswith(".rels")
            or types.get(info.filename, "").endswith("relationships+xml")
        ):
            return []
        _check_targets(info.filename, root, path, names)
        return relationship_hazards(info.filename, root)
    try:
        with archive.open(info) as member:
            head = chunk = member.read(_CHUNK)
            while chunk:
                chunk = member.read(_CHUNK)
        # Whole and sound (its CRC checked): now its header, wherever the format keeps it
        # (a TIFF's may be at the end).
        with archive.open(info) as member:
            pictures = picture_size(info.filename, member)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _damaged(path, info.filename, str(exc)) from None
    return [*disguised_program(info.filename, head), *pictures]


_DTD = N_("it declares a DTD (entities), which Office files never do")


def _parse(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> etree._Element:
    """One XML part, parsed without expanding entities, loading a DTD or using the network."""
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _damaged(path, info.filename, str(exc)) from None
    return _parse_xml(raw, info.filename, path)


def _parse_xml(raw: bytes, name: str, path: Path) -> etree._Element:
    """The XML part `name`, `raw`, parsed as `_parse` parses it."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        if b"<!DOCTYPE" in raw:  # entities that expand past libxml2's limit (billion laughs)
            raise _damaged(path, name, _(_DTD)) from None
        # libxml2's reason stays as it says it: it is for whoever repairs the file.
        reason = re.split(r", line |, use XML_PARSE_HUGE", exc.msg or "not well-formed")[0]
        broken = (
            _("its XML is cut short or broken at line {line} ({reason})")
            if exc.lineno
            else _("its XML is cut short or broken ({reason})")
        )
        raise _damaged(path, name, broken.format(line=exc.lineno, reason=reason)) from None
    if root.getroottree().docinfo.doctype:
        raise _damaged(path, name, _(_DTD))
    return root


def _check_targets(rels_name: str, root: etree._Element, path: Path, names: set[str]) -> None:
    """Every part a relationship points to inside the package is there, and no id is used
    twice."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # `ppt/slides/_rels/x.rels`
    ids: set[str] = set()
    for rel in root.iter(f"{_RELS_NS}Relationship"):
        r_id = rel.get("Id") or ""
        # Readers keep one of two relationships with the same id and lose the other.
        if r_id in ids:
            twice = _("relationship {id} is given twice").format(id=repr(r_id))
            raise _damaged(path, rels_name, twice)
        ids.add(r_id)
        target = rel.get("Target") or ""
        if (rel.get("TargetMode") or "").lower() == "external":
            continue
        joined = target if target.startswith("/") else posixpath.join("/", folder, target)
        name = posixpath.normpath(joined).lstrip("/").lower()
        if name not in names and urllib.parse.unquote(name) not in names:
            raise _damaged(
                path,
                rels_name,
                _("relationship {id} points to {target}, which is not in the file").format(
                    id=repr(rel.get("Id")), target=shown(target)
                ),
            )


def _is_xml_name(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _is_xml(name: str, types: dict[str, str]) -> bool:
    """Whether the member `name` is XML, by its name or by its declared content type."""
    return _is_xml_name(name) or types.get(name, "").lower().endswith("xml")


def _unsafe(path: Path, message: str, hint: str, check: str) -> UnsafePackage:
    return UnsafePackage(message, Location(path), hint, check)


def _bomb(path: Path, detail: str) -> UnsafePackage:
    return _unsafe(
        path,
        _("the file unpacks to far more than its size ({detail}): it looks like a zip bomb").format(
            detail=detail
        ),
        _("do not open it; ask for a clean copy saved from PowerPoint"),
        "package.too_large",
    )


def _damaged(path: Path, part: str, detail: str) -> UnsafePackage:
    message = (
        _("the file is damaged: part {part}: {detail}").format(part=repr(part), detail=detail)
        if part
        else _("the file is damaged: {detail}").format(detail=detail)
    )
    return _unsafe(
        path,
        message,
        _("open it in PowerPoint and save it again (PowerPoint offers to repair it)"),
        "package.opens",
    )


__all__ = [
    "DECK_HINTS",
    "PRESENTATION_SUFFIXES",
    "TEMPLATE_HINTS",
    "Hazard",
    "Package",
    "UnsafePackage",
    "inspect_package",
    "read_package",
    "read_regular_file",
]
