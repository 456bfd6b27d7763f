"""What in an Open XML package is dangerous to pass on or open, and what to do about it.

`deckgen.ooxml` reads a package safely; this module judges what it holds: macros, OLE objects
and controls, programs, links out of the file, pictures too large to decode, and how crowded
its XML is (the Open XML validator takes time in the square of that).
"""

from __future__ import annotations

import posixpath
import re
import warnings
from typing import IO, Any

from lxml import etree
from msgspec import Struct

from deckgen.i18n import N_, _
from deckgen.ooxml.ns import PACKAGE_RELATIONSHIPS

_RELS_NS = f"{{{PACKAGE_RELATIONSHIPS}}}"
_SAFE_LINK = re.compile(r"(?i)^(https?://|mailto:)")
"""Links that are clicked, to a web page or an e-mail address: content, as in any deck (an
`http:` page opens in the browser as an `https:` one does; PowerPoint fetches neither)."""
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
    "image": N_("a picture"),
    "hyperlink": N_("a link"),
    "oleObject": N_("a linked object"),
    "video": N_("a video"),
    "audio": N_("a sound"),
    "media": N_("a video or sound"),
    "attachedTemplate": N_("a template"),
    "frame": N_("a frame"),
    "subDocument": N_("a document"),
    "externalLinkPath": N_("a workbook"),
}


TEMPLATE_HINTS = {
    "package.too_large": N_(
        "save the picture smaller (2000 pixels on the long side is plenty) "
        "and put it in the template again"
    ),
    "package.unsafe_name": N_(
        "an unzip tool could write it outside its folder or over another "
        "part: get a clean copy of the template, or open it in PowerPoint and save it again"
    ),
    "package.macro": N_(
        "deckgen does not use templates with macros: save it in PowerPoint as "
        ".potx or .pptx, which drops them"
    ),
    "package.active_content": N_(
        "remove the object or control from the template in PowerPoint and save it again"
    ),
    "package.external_link": N_(
        "every deck would carry it: insert the picture or media into the "
        "template instead of linking to it, or remove the link, and save the template again"
    ),
}
"""What to do about each kind of `Hazard` in a template."""

DECK_HINTS = {
    "package.too_large": N_(
        "make the picture smaller in PowerPoint (File → Compress Pictures) "
        "before passing the deck on"
    ),
    "package.unsafe_name": N_(
        "an unzip tool could write it outside its folder or over another "
        "part: do not unpack the file; ask for a clean copy saved from PowerPoint"
    ),
    "package.macro": N_(
        "macros run code when they are enabled: do not enable them; save the deck "
        "as .pptx in PowerPoint, which drops them"
    ),
    "package.active_content": N_(
        "it can run code when the deck is opened or the object clicked: "
        "remove it in PowerPoint before passing the deck on"
    ),
    "package.external_link": N_(
        "remove the link in PowerPoint (embed the picture or media "
        "instead) before passing the deck on"
    ),
}
"""What to do about each kind of `Hazard` in a deck from elsewhere."""


class Hazard(Struct, frozen=True):
    """Something in a readable package that deckgen must not pass on or open."""

    check: str
    """`package.unsafe_name`, `package.macro`, `package.active_content`,
    `package.external_link` or `package.too_large` (a picture too large to decode)."""
    part: str
    """The member of the zip it is in, e.g. `ppt/slideLayouts/_rels/slideLayout2.xml.rels`."""
    message: str
    relation: str = ""
    """For a relationship's hazard, the kind of relationship (`oleObject`, `hyperlink`, …)."""

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


def active_members(types: dict[str, str]) -> list[Hazard]:
    """Macros, OLE objects, ActiveX controls and programs, by name and content type."""
    hazards = []
    for name, content_type in types.items():
        lower, kind = name.lower(), content_type.lower()
        base = posixpath.basename(lower)
        if base.startswith("vbaproject") or "vbaproject" in kind:
            hazards.append(Hazard("package.macro", name, _("a VBA macro project")))
        elif "macroenabled" in kind:
            hazards.append(
                Hazard(
                    "package.macro",
                    name,
                    _("macro-enabled content ({type})").format(type=content_type),
                )
            )
        elif lower.endswith(_MACRO_SUFFIXES):
            hazards.append(
                Hazard("package.macro", name, _("an embedded file that can carry macros"))
            )
        elif "activex" in kind or "/activex/" in f"/{lower}":
            hazards.append(Hazard("package.active_content", name, _("an ActiveX control")))
        elif "oleobject" in kind or (base.startswith("oleobject") and base.endswith(".bin")):
            hazards.append(Hazard("package.active_content", name, _("an embedded OLE object")))
        elif lower.endswith(_PROGRAM_SUFFIXES):
            hazards.append(Hazard("package.active_content", name, _("an embedded program")))
    return hazards


def disguised_program(name: str, head: bytes) -> list[Hazard]:
    """A program under a name that does not say so, from how the member starts (`head`)."""
    if head.startswith(_PROGRAM_MAGIC) and not name.lower().endswith(_NOT_PROGRAMS):
        return [Hazard("package.active_content", name, _("a program under another name"))]
    return []


PICTURE_FORMATS = ("PNG", "JPEG", "MPO", "GIF", "BMP", "DIB", "TIFF", "WEBP", "ICO")
"""Pillow's names of the pixel formats Office and LibreOffice decode, recognised by their bytes."""


def picture_size(name: str, member: IO[bytes]) -> list[Hazard]:
    """A picture too large to decode (a decompression bomb), from its header: every program
    that shows the deck would unpack it. Judged by the member's bytes (`member`, a seekable
    stream), never its name or content type: a PNG stored as `image1.dat` with the type
    `application/octet-stream` is shown all the same."""
    from PIL import Image

    from deckgen.assets import MAX_PIXELS

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with _open_picture(member) as picture:
                size = _("{width:,} × {height:,} pixels").format(
                    width=picture.size[0], height=picture.size[1]
                )
                pixels = picture.size[0] * picture.size[1]
    except Image.DecompressionBombError:
        size = _("over {count:,} pixels").format(count=2 * (Image.MAX_IMAGE_PIXELS or MAX_PIXELS))
        pixels = MAX_PIXELS + 1
    except Exception:  # not a picture, or one Pillow cannot read: not this check's to judge
        return []
    if pixels <= MAX_PIXELS:
        return []
    return [
        Hazard(
            "package.too_large",
            name,
            _(
                "a picture of {size}; deckgen accepts up to {most:.0f} megapixels, "
                "and every program showing the deck unpacks it"
            ).format(size=size, most=MAX_PIXELS / 1e6),
        )
    ]


def _open_picture(member: IO[bytes]) -> Any:
    """`member` opened by Pillow as one of `PICTURE_FORMATS`, trying them in that order.

    Pillow's common plugins (PNG, JPEG, GIF, BMP/DIB) are tried first; the other formats'
    plugins are loaded only for a member none of those reads. Loading every plugin Pillow has
    (`Image.init`, some forty) took a tenth of a one-deck build's start-up, for a template
    whose pictures are PNGs."""
    from PIL import Image, UnidentifiedImageError

    Image.preinit()
    try:
        return Image.open(member, formats=[f for f in PICTURE_FORMATS if f in Image.OPEN])
    except UnidentifiedImageError:
        from PIL import (  # noqa: F401  (registers their formats)
            IcoImagePlugin,
            MpoImagePlugin,
            TiffImagePlugin,
            WebPImagePlugin,
        )

        member.seek(0)
        return Image.open(member, formats=[f for f in PICTURE_FORMATS if f in Image.OPEN])


def relationship_hazards(rels_name: str, root: etree._Element) -> list[Hazard]:
    hazards = []
    source_is_chart = "/charts/" in f"/{rels_name}"
    for rel in root.iter(f"{_RELS_NS}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        where = _("relationship {id}").format(id=repr(rel.get("Id")))
        if (rel.get("TargetMode") or "").lower() == "external":
            if kind == "hyperlink" and _SAFE_LINK.match(target.strip()):
                continue
            what = (
                _(_KIND_OF_LINK[kind])
                if kind in _KIND_OF_LINK
                else _("a {kind}").format(kind=kind)
                if kind
                else _("a relationship")
            )
            reason = (
                _("a link that is not to a web page or an e-mail address")
                if kind == "hyperlink"
                else _("PowerPoint fetches it when the deck is opened")
            )
            hazards.append(
                Hazard(
                    "package.external_link",
                    rels_name,
                    _("{where} links {what} to {target} outside the file ({reason})").format(
                        where=where, what=what, target=shown(target), reason=reason
                    ),
                    kind,
                )
            )
        elif rel.get("Type", "").endswith(_ACTIVE_RELATIONSHIPS):
            hazards.append(
                Hazard(
                    "package.active_content",
                    rels_name,
                    _("{where} is an OLE object or control").format(where=where),
                    kind,
                )
            )
        elif kind == "vbaProject":
            hazards.append(
                Hazard(
                    "package.macro",
                    rels_name,
                    _("{where} is a VBA macro project").format(where=where),
                )
            )
        elif kind == "package" and not source_is_chart:
            hazards.append(
                Hazard(
                    "package.active_content",
                    rels_name,
                    _("{where} is an embedded document").format(where=where),
                    kind,
                )
            )
    return hazards


def crowding(root: etree._Element) -> tuple[int, int]:
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


def shown(text: str, limit: int = 80) -> str:
    """`text` quoted for a message, control characters escaped and cut to `limit`."""
    shown = repr(text[:limit])
    return shown + "…" if len(text) > limit else shown
