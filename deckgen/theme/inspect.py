"""What a .pptx/.potx template offers: its masters, their layouts and each layout's
placeholders, its slide size, and the colours and fonts of its theme part.

Read straight from the zip by following the package's relationships, without python-pptx, so a
.potx reads like a .pptx and nothing here depends on the renderer. `deckgen theme show`
prints it; `validate` and `theme init` judge a theme and draft one from it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import msgspec
from lxml import etree
from msgspec import Struct

from deckgen import cache
from deckgen.errors import DeckgenError, Location
from deckgen.geometry import Box, logo_sized
from deckgen.i18n import N_, _, decimal, ngettext
from deckgen.ooxml.hazards import Hazard
from deckgen.ooxml.ns import PACKAGE_RELATIONSHIPS, A, P, R
from deckgen.ooxml.placeholders import master_type
from deckgen.ooxml.positions import shape_box
from deckgen.ooxml.themepart import colour_value, scheme_colours, theme_fonts

_NS = {"p": P, "a": A, "r": R, "rel": PACKAGE_RELATIONSHIPS}
_R_ID = f"{{{_NS['r']}}}id"
_R_EMBED = f"{{{_NS['r']}}}embed"
_MAIN_REL = "/officeDocument"
_THEME_REL = "/theme"
_MAX_PART = 32 * 1024 * 1024
"""A part larger than this is not a template's XML but a bomb: refused unread."""
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
EMU_PER_CM = 360000

TYPE_LABELS = {
    "title": N_("title"),
    "ctrTitle": N_("title (centred)"),
    "subTitle": N_("subtitle"),
    "body": N_("text"),
    "obj": N_("content"),
    "pic": N_("picture"),
    "dt": N_("date"),
    "ftr": N_("footer"),
    "sldNum": N_("slide number"),
    "chart": N_("chart"),
    "tbl": N_("table"),
    "dgm": N_("SmartArt"),
    "media": N_("media"),
    "clipArt": N_("clip art"),
    "hdr": N_("header"),
    "sldImg": N_("slide image"),
}
"""Placeholder types as the communication department reads them."""

SCHEME_COLOURS = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)


def describe_box(box: Box) -> str:
    """`at 2.5, 5.9 cm, 28.6 × 4.1 cm`: a shape's position and size, as `theme show` says it."""
    return _("at {left}, {top} cm, size {width} × {height} cm").format(
        left=_cm(box.left), top=_cm(box.top), width=_cm(box.width), height=_cm(box.height)
    )


class Placeholder(Struct, frozen=True):
    """One placeholder of a layout: its type, idx (None when not written), name and box."""

    type: str
    """The OOXML type (`title`, `ctrTitle`, `subTitle`, `body`, `obj`, `pic`, `ftr`, …);
    `obj` when the placeholder names none."""
    idx: int | None
    name: str
    box: Box | None
    """Its own position, else the one it inherits from the master's placeholder."""
    vertical: bool = False
    """Text in it runs top to bottom (a 'Vertical Title and Text' layout's)."""

    @property
    def label(self) -> str:
        """The type in plain words."""
        return type_label(self.type)


def type_label(kind: str) -> str:
    """A placeholder's OOXML type (`body`, `ctrTitle`, …) in plain words (`text`, in Danish
    `tekst`)."""
    return _(TYPE_LABELS[kind]) if kind in TYPE_LABELS else kind


class Layout(Struct, frozen=True):
    """One slide layout of a master."""

    name: str
    placeholders: tuple[Placeholder, ...]
    pictures: int
    """Pictures drawn on the layout itself (not placeholders)."""
    background: str | None = None
    """The layout's own solid background as hex (a scheme colour through the usual colour
    map), or None when it shows the master's or one that is not a plain colour."""

    def count(self, *types: str) -> int:
        """How many placeholders of any of `types` it has."""
        return sum(1 for ph in self.placeholders if ph.type in types)


class Scheme(Struct, frozen=True):
    """The colours and fonts of a master's theme part."""

    name: str
    colors: dict[str, str]
    """Scheme colour (`dk1`, `accent1`, …) → 6-digit hex."""
    heading_font: str
    body_font: str


class Master(Struct, frozen=True):
    """One slide master with its layouts, in the order PowerPoint lists them."""

    number: int
    """1 for the first master."""
    name: str
    layouts: tuple[Layout, ...]
    scheme: Scheme | None
    logo: str | None
    """The package part of the first picture drawn on the master (e.g. `ppt/media/image1.png`),
    which is usually the logo."""
    placeholders: tuple[Placeholder, ...]
    color_map: dict[str, str] = msgspec.field(default_factory=dict)
    """The master's colour map: what slides' `tx1`, `bg1`, `tx2`, `bg2` stand for (`dk1`,
    `lt1`, `dk2`, `lt2` unless the master swaps them, as a dark design or Google Slides
    does)."""

    @property
    def title(self) -> str:
        """`master 2 "Focus"`."""
        return _("master {number} {name}").format(number=self.number, name=repr(self.name))

    def layout(self, name: str) -> Layout | None:
        """The layout called `name`, or None."""
        return next((layout for layout in self.layouts if layout.name == name), None)


class Template(Struct, frozen=True):
    """A template as read from its file."""

    path: Path
    width: int
    height: int
    """Slide size in EMU."""
    masters: tuple[Master, ...]
    example_slides: int = 0
    """How many example slides the template has: no deck carries them."""
    set_aside: tuple[str, ...] = ()
    """What only those example slides hold that a template may not carry on (an OLE object,
    a link out of the file), in words: left behind with them."""

    @property
    def area(self) -> int:
        """The slide's area in EMU²."""
        return self.width * self.height

    @property
    def size(self) -> str:
        """`25.4 × 19.05 cm (4:3)`."""
        return f"{_cm(self.width)} × {_cm(self.height)} cm ({_ratio(self.width, self.height)})"

    def master(self, key: str | int) -> Master | None:
        """The master numbered `key` (from 1) or named `key`, or None."""
        if isinstance(key, int) or key.isdigit():
            number = int(key)
            return self.masters[number - 1] if 0 < number <= len(self.masters) else None
        return next((master for master in self.masters if master.name == key), None)


_Remembered = tuple[int, int, tuple[Master, ...]]
"""What is kept of a template read: its width, height and masters (its path is where it is)."""


def read_template(path: Path) -> Template:
    """Read the template at `path`; an error at the file if it is not a usable one."""
    from deckgen.ooxml.template import read_template_package

    # Untrusted: a FIFO, a device, a bomb, links out of the file are refused before reading.
    found = read_template_package(path)
    data = found.data
    template = _remembered(path, data)
    try:
        if template is None:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                template = _Reader(package, path).template()
            _remember(template, data)
        # What the example slides hold is the package's, not the layouts': said each time.
        return msgspec.structs.replace(
            template,
            example_slides=found.example_slides,
            set_aside=tuple(dict.fromkeys(_set_aside(hazard) for hazard in found.set_aside)),
        )
    except DeckgenError:
        raise
    except OSError as exc:
        raise DeckgenError(
            _("cannot read the template: {value}").format(value=exc.strerror or exc), Location(path)
        ) from None
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError):
        raise DeckgenError(
            _("the template is not a PowerPoint file (.pptx or .potx) that can be read"),
            Location(path),
            _("open it in PowerPoint and save it again as .pptx or .potx"),
        ) from None


def _set_aside(hazard: Hazard) -> str:
    """What an example slide held that a template may not carry on, in a few words."""
    if hazard.check == "package.external_link":
        return _("a link out of the file")
    if hazard.check == "package.active_content":
        return _("an OLE object or control")
    return hazard.message


_REMEMBERED = "templates"
"""The cache's folder for templates read: by a key of their bytes and of the code that reads
them, the masters, layouts and placeholders found (every build reads its template's, to check
the theme against it; reading them from the XML took a fiftieth of a one-deck build)."""
_READING_CODE = (
    "theme/inspect.py",
    "ooxml/positions.py",
    "ooxml/placeholders.py",
    "ooxml/themepart.py",
    "ooxml/ns.py",
    "geometry.py",
)


@lru_cache(maxsize=1)
def _reading_code() -> bytes:
    """The source of the code that decides what reading a template finds; empty without it
    (a frozen install), and then nothing is remembered."""
    package = Path(__file__).resolve().parents[1]
    try:
        return b"".join((package / name).read_bytes() for name in _READING_CODE)
    except OSError:
        return b""


def _template_key(data: bytes) -> str | None:
    code = _reading_code()
    return cache.key(b"template-v1", code, data) if code else None


def _remembered(path: Path, data: bytes) -> Template | None:
    """The template in `data` as read before, if it was (at `path` or anywhere else)."""
    name = _template_key(data)
    entry = cache.load(_REMEMBERED, name) if name else None
    if entry is None:
        return None
    try:
        width, height, masters = msgspec.msgpack.decode(entry, type=_Remembered)
    except msgspec.DecodeError:
        return None
    return Template(path, width, height, masters)


def _remember(template: Template, data: bytes) -> None:
    name = _template_key(data)
    if name:
        kept = (template.width, template.height, template.masters)
        cache.store(_REMEMBERED, name, msgspec.msgpack.encode(kept))


class _Reader:
    def __init__(self, package: zipfile.ZipFile, path: Path) -> None:
        self.package = package
        self.path = path

    def xml(self, part: str) -> etree._Element:
        info = self.package.getinfo(part)
        if info.file_size > _MAX_PART:
            raise DeckgenError(
                _("the template's part {part} is too large to be XML ({file_size} bytes)").format(
                    part=part, file_size=info.file_size
                ),
                Location(self.path),
                _("save the template again from PowerPoint"),
            )
        return etree.fromstring(self.package.read(info), _PARSER)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) of `part`."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if rels_part not in self.package.namelist():
            return {}
        found = {}
        for rel in self.xml(rels_part).iterfind("rel:Relationship", _NS):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            found[rel.get("Id", "")] = (rel.get("Type", ""), target.lstrip("/"))
        return found

    def template(self) -> Template:
        main = next(
            (target for kind, target in self.rels("").values() if kind.endswith(_MAIN_REL)), None
        )
        if main is None:
            raise KeyError("no main part")
        presentation = self.xml(main)
        rels = self.rels(main)
        size = presentation.find("p:sldSz", _NS)
        width = int(size.get("cx", "9144000")) if size is not None else 9144000
        height = int(size.get("cy", "6858000")) if size is not None else 6858000
        masters = tuple(
            self.master(number, rels[entry.get(_R_ID, "")][1], (width, height))
            for number, entry in enumerate(
                presentation.iterfind("p:sldMasterIdLst/p:sldMasterId", _NS), 1
            )
        )
        return Template(self.path, width, height, masters)

    def master(self, number: int, part: str, slide_size: tuple[int, int]) -> Master:
        root = self.xml(part)
        rels = self.rels(part)
        own = _placeholders(root, {})
        inherited = {ph.type: ph.box for ph in reversed(own) if ph.box is not None}
        theme = next((target for kind, target in rels.values() if kind.endswith(_THEME_REL)), None)
        scheme = self.scheme(theme) if theme else None
        colors = scheme.colors if scheme else {}
        found = root.find("p:clrMap", _NS)
        color_map = {
            key: (found.get(key) or value) if found is not None else value
            for key, value in _MAPPED.items()
        }
        layouts = tuple(
            self.layout(rels[entry.get(_R_ID, "")][1], inherited, colors, color_map)
            for entry in root.iterfind("p:sldLayoutIdLst/p:sldLayoutId", _NS)
        )
        name = root.find("p:cSld", _NS).get("name", "") or (scheme.name if scheme else "")
        # The logo: the first picture on the master small enough to be one (a tenth of the
        # slide at most); a picture the size of the slide is a background, one reaching
        # across half of it a band (a line under the titles).
        logo = None
        for pic in root.iterfind("p:cSld/p:spTree//p:pic", _NS):
            blip = pic.find("p:blipFill/a:blip", _NS)
            box = shape_box(pic)
            if blip is None or box is None or not logo_sized(box, *slide_size):
                continue
            logo = rels.get(blip.get(_R_EMBED, ""), ("", None))[1]
            break
        return Master(
            number, name or f"Master {number}", layouts, scheme, logo, tuple(own), color_map
        )

    def layout(
        self,
        part: str,
        master: Mapping[str, Box | None],
        colors: Mapping[str, str],
        color_map: Mapping[str, str],
    ) -> Layout:
        root = self.xml(part)
        name = root.find("p:cSld", _NS).get("name", "") or posixpath.basename(part)
        pictures = sum(
            1
            for pic in root.iterfind("p:cSld/p:spTree/p:pic", _NS)
            if pic.find("p:nvPicPr/p:nvPr/p:ph", _NS) is None
        )
        fill = root.find("p:cSld/p:bg/p:bgPr/a:solidFill", _NS)
        background = _scheme_colour(fill, colors, color_map) if fill is not None else None
        return Layout(name, tuple(_placeholders(root, master)), pictures, background)

    def scheme(self, part: str) -> Scheme:
        root = self.xml(part)
        found = scheme_colours(root)
        colors = {name: found[name] for name in SCHEME_COLOURS if found.get(name)}
        heading, body = theme_fonts(root)
        return Scheme(root.get("name", ""), colors, heading, body)


def _placeholders(root: etree._Element, master: Mapping[str, Box | None]) -> list[Placeholder]:
    found = []
    for shape in root.iterfind("p:cSld/p:spTree/*", _NS):
        ph = shape.find("*/p:nvPr/p:ph", _NS)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        idx = ph.get("idx")
        box = shape_box(shape)
        if box is None:
            box = master.get(master_type(kind))
        c_nv_pr = shape.find("*/p:cNvPr", _NS)
        name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
        body = shape.find("p:txBody/a:bodyPr", _NS)
        vertical = ph.get("orient") == "vert" or (
            body is not None and body.get("vert", "horz") not in ("horz", "")
        )
        number = int(idx) if idx and idx.isdigit() else None
        found.append(Placeholder(kind, number, name, box, vertical))
    return found


def _colour(element: etree._Element | None) -> str:
    """The RGB or system colour a fill or a scheme slot holds; "" for any other."""
    return "" if element is None else next((v for v in map(colour_value, element) if v), "")


_MAPPED = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
"""The usual colour map, which a master's own `p:clrMap` may change."""


def _scheme_colour(
    fill: etree._Element, colors: Mapping[str, str], color_map: Mapping[str, str]
) -> str | None:
    """The plain colour a fill holds, a scheme colour looked up in `colors`; None when it is
    changed by a transform or cannot be found."""
    element = next(iter(fill), None)
    if element is None or len(element):
        return None
    if element.tag == f"{{{_NS['a']}}}schemeClr":
        value = element.get("val", "")
        return colors.get(color_map.get(value, value))
    return _colour(fill) or None


def _cm(emu: int) -> str:
    return decimal(emu / EMU_PER_CM, 2).rstrip("0").rstrip(".,")


def _ratio(width: int, height: int) -> str:
    for name, value in [("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10), ("A4", 2**0.5)]:
        if height and abs(width / height - value) < 0.01:
            return name
    return f"{decimal(width / height, 2)}:1" if height else _("no height")


def describe(template: Template) -> list[str]:
    """The template as lines of text: masters, layouts, placeholders (`deckgen theme show`)."""
    layouts = sum(len(master.layouts) for master in template.masters)
    lines = [
        _("{name}: slides {size}, {masters}, {layouts}").format(
            name=template.path.name,
            size=template.size,
            masters=_masters(len(template.masters)),
            layouts=_layouts(layouts),
        )
    ]
    for master in template.masters:
        lines.append("")
        extra = []
        if master.scheme is not None:
            extra.append(
                _("fonts {heading} / {body}").format(
                    heading=master.scheme.heading_font or "?", body=master.scheme.body_font or "?"
                )
            )
        extra.append(
            _("logo picture {part}").format(part=master.logo)
            if master.logo
            else _("no logo picture")
        )
        lines.append(
            _("Master {number} {name}: {layouts}, {extra}").format(
                number=master.number,
                name=repr(master.name),
                layouts=_layouts(len(master.layouts)),
                extra=", ".join(extra),
            )
        )
        for layout in master.layouts:
            lines.append("  " + _("Layout {name}").format(name=repr(layout.name)))
            if not layout.placeholders:
                lines.append("    " + _("(no placeholders)"))
            width = max((len(ph.label) for ph in layout.placeholders), default=0)
            for ph in layout.placeholders:
                idx = "idx –" if ph.idx is None else f"idx {ph.idx}"
                where = describe_box(ph.box) if ph.box is not None else _("no position")
                lines.append(f"    {ph.label:<{width}}  {idx:<6}  {ph.name!r}, {where}")
    return lines


def _masters(count: int) -> str:
    return ngettext("{count} master", "{count} masters", count).format(count=count)


def _layouts(count: int) -> str:
    return ngettext("{count} layout", "{count} layouts", count).format(count=count)
