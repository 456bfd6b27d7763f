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
fetches or runs (`package.external_link`). A link that is clicked, to an `https:` or `mailto:`
address, is what deckgen's own decks carry and is not one.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import stat
import struct
import urllib.parse
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from deckgen.errors import DeckgenError, Location

MAX_PACKAGE_BYTES = 100 * 1024 * 1024
"""The largest .pptx/.potx file deckgen reads."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most all parts of a package may unpack to."""
MAX_XML_BYTES = 16 * 1024 * 1024
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
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_SAFE_LINK = re.compile(r"(?i)^(https://|mailto:)")
_MACRO_SUFFIXES = (
    ".pptm", ".potm", ".ppsm", ".ppam", ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".xlsb",
    ".ppt", ".pot", ".pps", ".doc", ".dot", ".xls", ".xlt", ".xla",
)  # fmt: skip
"""Embedded files that can carry macros: Office's macro-enabled and old binary formats."""
_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"#!")
"""How programs start: Windows, Linux, macOS executables and scripts."""
_PROGRAM_SUFFIXES = (
    ".exe", ".dll", ".com", ".scr", ".pif", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".wsh", ".hta", ".msi", ".jar", ".lnk", ".cpl", ".reg", ".sh",
)  # fmt: skip
_NOT_PROGRAMS = (*_PROGRAM_SUFFIXES, ".fntdata", ".odttf")
"""Named programs are reported by name; embedded fonts start with scrambled bytes."""
_ACTIVE_RELATIONSHIPS = ("/oleObject", "/control", "/activeXControlBinary", "/activeXControl")
_KIND_OF_LINK = {
    "image": "a picture",
    "hyperlink": "a link",
    "oleObject": "a linked object",
    "video": "a video",
    "audio": "a sound",
    "media": "a video or sound",
    "attachedTemplate": "a template",
    "frame": "a frame",
    "subDocument": "a document",
    "externalLinkPath": "a workbook",
}


TEMPLATE_HINTS = {
    "package.too_large": "save the picture smaller (2000 pixels on the long side is plenty) "
    "and put it in the template again",
    "package.unsafe_name": "an unzip tool could write it outside its folder or over another "
    "part: get a clean copy of the template, or open it in PowerPoint and save it again",
    "package.macro": "deckgen does not use templates with macros: save it in PowerPoint as "
    ".potx or .pptx, which drops them",
    "package.active_content": "remove the object or control from the template in PowerPoint "
    "and save it again",
    "package.external_link": "every deck would carry it: insert the picture or media into the "
    "template instead of linking to it, or remove the link, and save the template again",
}
"""What to do about each kind of `Hazard` in a template."""

DECK_HINTS = {
    "package.too_large": "make the picture smaller in PowerPoint (File → Compress Pictures) "
    "before passing the deck on",
    "package.unsafe_name": "an unzip tool could write it outside its folder or over another "
    "part: do not unpack the file; ask for a clean copy saved from PowerPoint",
    "package.macro": "macros run code when they are enabled: do not enable them; save the deck "
    "as .pptx in PowerPoint, which drops them",
    "package.active_content": "it can run code when the deck is opened or the object clicked: "
    "remove it in PowerPoint before passing the deck on",
    "package.external_link": "remove the link in PowerPoint (embed the picture or media "
    "instead) before passing the deck on",
}
"""What to do about each kind of `Hazard` in a deck from elsewhere."""


@dataclass(frozen=True)
class Hazard:
    """Something in a readable package that deckgen must not pass on or open."""

    check: str
    """`package.unsafe_name`, `package.macro`, `package.active_content`,
    `package.external_link` or `package.too_large` (a picture too large to decode)."""
    part: str
    """The member of the zip it is in, e.g. `ppt/slideLayouts/_rels/slideLayout2.xml.rels`."""
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


class UnsafePackage(DeckgenError):
    """A package deckgen will not read at all: not a file, too large, a zip bomb, damaged."""

    def __init__(self, message: str, location: Location, hint: str, check: str) -> None:
        super().__init__(message, location, hint)
        self.check = check
        """The check id `deckgen check` reports it under."""


@dataclass
class Package:
    """A package that is safe to hand to python-pptx or zipfile: its bytes and what it holds."""

    path: Path
    data: bytes
    content_types: dict[str, str] = field(default_factory=dict)
    """Content type of each member, by member name."""
    hazards: list[Hazard] = field(default_factory=list)
    crowding: int = 0
    """The sum, over every parent element, of the square of how many children of one kind
    it has: the Open XML validator takes time in proportion (read with `deep` only)."""
    widest: tuple[int, str] = (0, "")
    """The most children of one kind under one parent, and the part they are in."""

    def zip(self) -> zipfile.ZipFile:
        """The package, opened from memory."""
        return zipfile.ZipFile(io.BytesIO(self.data))


def read_package(path: Path, *, deep: bool = True) -> Package:
    """Read the package at `path` if that is safe; see the module's docstring for what that
    means. Raises `UnsafePackage` (a `DeckgenError` located at `path`) if it is not."""
    data = read_regular_file(path, MAX_PACKAGE_BYTES)
    return inspect_package(data, path, deep=deep)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, if it has at most `limit` of them.

    Opened without blocking and checked before reading, so a FIFO or a device named like a
    .pptx is refused instead of hanging or reading forever."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _unsafe(path, "file not found", "check the path", "package.opens") from None
    except OSError as exc:
        raise _unsafe(path, f"cannot read the file: {exc.strerror}", "", "package.opens") from None
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or a pipe)"
            raise _unsafe(path, f"this is {what}", "name a .pptx file", "package.opens")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _unsafe(
            path,
            f"the file is over {limit / 1e6:.0f} MB, the most deckgen reads in a presentation",
            "make it smaller (compress its pictures in PowerPoint: File → Compress Pictures)",
            "package.too_large",
        )
    return data


def inspect_package(data: bytes, path: Path, *, deep: bool = True) -> Package:
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
        package.hazards.extend(_active_members(types))
        if deep:
            names = {info.filename.lower() for info in members}
            unsafe = {hazard.part for hazard in package.hazards}
            for info in members:
                if not info.is_dir() and _shown(info.filename) not in unsafe:
                    package.hazards.extend(_read_member(archive, info, package, names))
    return package


def _check_directory(data: bytes, path: Path) -> None:
    """Refuse a central directory too large to list, from the end record, before zipfile
    builds an object for each of its entries."""
    start = max(0, len(data) - (65535 + 22))
    end = data.rfind(b"PK\x05\x06", start)
    if end < 0 or len(data) - end < 22:
        raise _unsafe(
            path,
            "the file is not a PowerPoint file (.pptx or .potx): it is not a zip package",
            "save it from PowerPoint as .pptx or .potx",
            "package.opens",
        )
    entries, size = struct.unpack_from("<HI", data, end + 10)
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if data[record : record + 4] == b"PK\x06\x06" and record + 56 <= len(data):
            entries, size = struct.unpack_from("<QQ", data, record + 32)
    if entries > MAX_MEMBERS or size > _MAX_DIRECTORY_BYTES:
        raise _bomb(path, f"it lists {entries:,} parts; deckgen reads at most {MAX_MEMBERS:,}")


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
                    _shown(name),
                    "a member name with `..`, a backslash, a drive or an absolute path",
                )
            )
        elif name.lower() in seen:
            hazards.append(
                Hazard(
                    "package.unsafe_name",
                    _shown(name),
                    "two members have this name: programs disagree on which one they read",
                )
            )
        seen.add(name.lower())
    return hazards


def _check_sizes(members: list[zipfile.ZipInfo], path: Path) -> None:
    total = xml = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise _damaged(path, info.filename, "it is encrypted")
        total += info.file_size
        if _is_xml_name(info.filename):
            xml += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _bomb(
                path,
                f"{_shown(info.filename)} packs {info.file_size / 1e6:,.0f} MB into "
                f"{info.compress_size:,} bytes",
            )
    if total > MAX_UNPACKED_BYTES:
        raise _bomb(
            path,
            f"its parts unpack to {total / 1e6:,.0f} MB; deckgen reads at most "
            f"{MAX_UNPACKED_BYTES / 1e6:.0f} MB",
        )
    _check_xml_size(xml, path)


def _check_xml_size(xml: int, path: Path) -> None:
    if xml > MAX_XML_BYTES:
        raise _bomb(
            path,
            f"its XML parts unpack to {xml / 1e6:,.0f} MB; deckgen reads at most "
            f"{MAX_XML_BYTES / 1e6:.0f} MB of XML",
        )


def _content_types(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], path: Path
) -> dict[str, str]:
    try:
        root = _parse(archive, archive.getinfo(CONTENT_TYPES), path)
    except KeyError:
        raise _unsafe(
            path,
            f"the file has no {CONTENT_TYPES}: it is not an Office file",
            "open it in PowerPoint and save it again as .pptx or .potx",
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


def _active_members(types: dict[str, str]) -> list[Hazard]:
    """Macros, OLE objects, ActiveX controls and programs, by name and content type."""
    hazards = []
    for name, content_type in types.items():
        lower, kind = name.lower(), content_type.lower()
        base = posixpath.basename(lower)
        if base.startswith("vbaproject") or "vbaproject" in kind:
            hazards.append(Hazard("package.macro", name, "a VBA macro project"))
        elif "macroenabled" in kind:
            hazards.append(Hazard("package.macro", name, f"macro-enabled content ({content_type})"))
        elif lower.endswith(_MACRO_SUFFIXES):
            hazards.append(Hazard("package.macro", name, "an embedded file that can carry macros"))
        elif "activex" in kind or "/activex/" in f"/{lower}":
            hazards.append(Hazard("package.active_content", name, "an ActiveX control"))
        elif "oleobject" in kind or (base.startswith("oleobject") and base.endswith(".bin")):
            hazards.append(Hazard("package.active_content", name, "an embedded OLE object"))
        elif lower.endswith(_PROGRAM_SUFFIXES):
            hazards.append(Hazard("package.active_content", name, "an embedded program"))
    return hazards


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, package: Package, names: set[str]
) -> list[Hazard]:
    """Read one member through (its CRC is checked at the end); parse it if it is XML."""
    path, types = package.path, package.content_types
    if _is_xml(info.filename, types):
        root = _parse(archive, info, path)
        crowding, widest = _crowding(root)
        package.crowding += crowding
        package.widest = max(package.widest, (widest, info.filename))
        # PowerPoint finds parts and their relationships whatever the case of their names.
        if not (
            info.filename.lower().endswith(".rels")
            or types.get(info.filename, "").endswith("relationships+xml")
        ):
            return []
        _check_targets(info.filename, root, path, names)
        return _relationship_hazards(info.filename, root)
    try:
        with archive.open(info) as member:
            head = chunk = member.read(_CHUNK)
            while chunk:
                chunk = member.read(_CHUNK)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _damaged(path, info.filename, str(exc)) from None
    if head.startswith(_PROGRAM_MAGIC) and not info.filename.lower().endswith(_NOT_PROGRAMS):
        return [Hazard("package.active_content", info.filename, "a program under another name")]
    return _picture_size(info.filename, head)


def _picture_size(name: str, head: bytes) -> list[Hazard]:
    """A picture too large to decode (a decompression bomb), from its header: every program
    that shows the deck would unpack it."""
    from PIL import Image

    from deckgen.assets import MAX_PIXELS

    if not name.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(head)) as picture:
                size = "{:,} × {:,} pixels".format(*picture.size)
                pixels = picture.size[0] * picture.size[1]
    except Image.DecompressionBombError:
        size, pixels = f"over {2 * Image.MAX_IMAGE_PIXELS:,} pixels", MAX_PIXELS + 1
    except Exception:  # a picture Pillow cannot read is not this check's to judge
        return []
    if pixels <= MAX_PIXELS:
        return []
    return [
        Hazard(
            "package.too_large",
            name,
            f"a picture of {size}; deckgen accepts up to "
            f"{MAX_PIXELS / 1e6:.0f} megapixels, and every program showing the deck unpacks it",
        )
    ]


def _parse(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> etree._Element:
    """One XML part, parsed without expanding entities, loading a DTD or using the network."""
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _damaged(path, info.filename, str(exc)) from None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line = f" at line {exc.lineno}" if exc.lineno else ""
        reason = re.split(r", line |, use XML_PARSE_HUGE", exc.msg or "not well-formed")[0]
        raise _damaged(
            path, info.filename, f"its XML is cut short or broken{line} ({reason})"
        ) from None
    if root.getroottree().docinfo.doctype:
        raise _damaged(path, info.filename, "it declares a DTD, which Office files never do")
    return root


def _check_targets(rels_name: str, root: etree._Element, path: Path, names: set[str]) -> None:
    """Every part a relationship points to inside the package is there."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # `ppt/slides/_rels/x.rels`
    for rel in root.iter(f"{_RELS_NS}Relationship"):
        target = rel.get("Target") or ""
        if (rel.get("TargetMode") or "").lower() == "external":
            continue
        joined = target if target.startswith("/") else posixpath.join("/", folder, target)
        name = posixpath.normpath(joined).lstrip("/").lower()
        if name not in names and urllib.parse.unquote(name) not in names:
            raise _damaged(
                path,
                rels_name,
                f"relationship {rel.get('Id')!r} points to {_shown(target)}, "
                "which is not in the file",
            )


def _relationship_hazards(rels_name: str, root: etree._Element) -> list[Hazard]:
    hazards = []
    source_is_chart = "/charts/" in f"/{rels_name}"
    for rel in root.iter(f"{_RELS_NS}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        where = f"relationship {rel.get('Id')!r}"
        if (rel.get("TargetMode") or "").lower() == "external":
            if kind == "hyperlink" and _SAFE_LINK.match(target.strip()):
                continue
            what = _KIND_OF_LINK.get(kind, f"a {kind or 'relationship'}")
            reason = (
                "a link that is not to an https: or mailto: address"
                if kind == "hyperlink"
                else "PowerPoint fetches it when the deck is opened"
            )
            hazards.append(
                Hazard(
                    "package.external_link",
                    rels_name,
                    f"{where} links {what} to {_shown(target)} outside the file ({reason})",
                )
            )
        elif rel.get("Type", "").endswith(_ACTIVE_RELATIONSHIPS):
            hazards.append(
                Hazard("package.active_content", rels_name, f"{where} is an OLE object or control")
            )
        elif kind == "vbaProject":
            hazards.append(Hazard("package.macro", rels_name, f"{where} is a VBA macro project"))
        elif kind == "package" and not source_is_chart:
            hazards.append(
                Hazard("package.active_content", rels_name, f"{where} is an embedded document")
            )
    return hazards


def _crowding(root: etree._Element) -> tuple[int, int]:
    """The sum of squares of the number of children of one tag under each element of the
    tree at `root`, and the largest such number."""
    total = widest = 0
    for element in root.iter():
        if len(element) > 1:
            counts: dict[object, int] = {}
            for child in element:
                counts[child.tag] = counts.get(child.tag, 0) + 1
            total += sum(count * count for count in counts.values())
            widest = max(widest, *counts.values())
    return total, widest


def _is_xml_name(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _is_xml(name: str, types: dict[str, str]) -> bool:
    """Whether the member `name` is XML, by its name or by its declared content type."""
    return _is_xml_name(name) or types.get(name, "").lower().endswith("xml")


def _shown(text: str, limit: int = 80) -> str:
    """`text` quoted for a message, control characters escaped and cut to `limit`."""
    shown = repr(text[:limit])
    return shown + "…" if len(text) > limit else shown


def _unsafe(path: Path, message: str, hint: str, check: str) -> UnsafePackage:
    return UnsafePackage(message, Location(path), hint, check)


def _bomb(path: Path, detail: str) -> UnsafePackage:
    return _unsafe(
        path,
        f"the file unpacks to far more than its size ({detail}): it looks like a zip bomb",
        "do not open it; ask for a clean copy saved from PowerPoint",
        "package.too_large",
    )


def _damaged(path: Path, part: str, detail: str) -> UnsafePackage:
    where = f"part {part!r}: " if part else ""
    return _unsafe(
        path,
        f"the file is damaged: {where}{detail}",
        "open it in PowerPoint and save it again (PowerPoint offers to repair it)",
        "package.opens",
    )
