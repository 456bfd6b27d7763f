"""Read an existing .pptx from elsewhere into plain records of what each slide holds.

The file is read as untrusted first (`deckgen.ooxml.read_package`: regular file, size and
zip-bomb limits, XML without entities, every part read through); anything in it that is
dangerous to pass on — macros, OLE objects, controls, programs, links out of the file, unsafe
member names — refuses the whole import with the file named, before python-pptx parses it.
Only then is it opened, and each slide reduced to what the mapping needs: its layout, its
title, its text placeholders (paragraphs with their levels), its pictures, whether it holds
anything else, and its speaker notes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.i18n import N_, _
from deckgen.ooxml import Hazard, UnsafePackage, internals
from deckgen.ooxml.ns import NS, qn
from deckgen.ooxml.slides import file_wide, read_slide_file
from deckgen.render.package import TEMPLATE_TYPE, as_presentation

_HAZARD_HINTS = {
    "package.too_large": N_(
        "make the picture smaller in PowerPoint (File → Compress Pictures) and save the "
        "presentation again"
    ),
    "package.unsafe_name": N_(
        "an unzip tool could write it outside its folder: ask for a clean copy saved from "
        "PowerPoint"
    ),
    "package.macro": N_(
        "deckgen does not import presentations with macros: save it in PowerPoint as .pptx, "
        "which drops them, and import that"
    ),
    "package.active_content": N_(
        "it can run code when the presentation is opened: remove it in PowerPoint (or put a "
        "picture of it in its place), save the presentation and import it again"
    ),
    "package.external_link": N_(
        "remove the link in PowerPoint (insert the picture or media instead of linking to it), "
        "save the presentation and import it again"
    ),
}


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text placeholder: its text (line breaks as `\\n`), list level, and
    what of its look a deckgen kind must keep or cannot."""

    text: str
    level: int = 0
    numbered: bool = False
    """Numbered (1., a), i. …) rather than bulleted."""
    bold: bool = False
    """All of its text is bold."""
    styled: bool = False
    """Part of it is bold, or some of it underlined: emphasis on words that no deckgen kind
    writes (a theme sets italics as it likes)."""
    code: bool = False
    """Code or a command: in a fixed-width font, or indented with spaces or tabs."""


@dataclass(frozen=True)
class Picture:
    """A picture on a slide: its bytes, its file extension and its alt text (`descr`)."""

    data: bytes
    extension: str
    alt_text: str


@dataclass
class SourceSlide:
    """What one slide of the old presentation holds, as far as the mapping cares."""

    number: int
    layout_name: str
    layout_type: str
    """The layout's `type` (`title`, `secHead`, `obj`, `titleOnly`, `picTx`, …), or empty."""
    title: str = ""
    centred_title: bool = False
    """The title is a title slide's (a `ctrTitle` placeholder)."""
    bodies: list[list[Paragraph]] = field(default_factory=list)
    """The text placeholders other than the title that hold text, each as its paragraphs."""
    pictures: list[Picture] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    """What else is on the slide (a text box, a group, a table, a chart, a shape …): any of
    it makes the slide one no deckgen kind describes."""
    notes: str = ""
    footer: str = ""
    """The text of its footer placeholder, if it has one."""
    unsafe: list[Hazard] = field(default_factory=list)
    """What it carries that must not be passed on (an OLE object, a control, a link that
    PowerPoint follows on opening): the slide is left out."""


@dataclass
class SourceDeck:
    """An old presentation read: its file, its title, its bytes and its slides."""

    path: Path
    title: str
    data: bytes
    slides: list[SourceSlide]
    size: tuple[int | None, int | None] = (None, None)
    """Its slide width and height (EMU), as `presentation.xml` gives them."""


_PRESENTATION_TYPES = (
    "presentationml.presentation.main+xml",
    "presentationml.template.main+xml",
    "presentationml.slideshow.main+xml",
    "ms-powerpoint.presentation.macroEnabled.main+xml",
)
"""The content types of a presentation's main part (.pptx, .potx, .ppsx, macro-enabled)."""
_IGNORED_PLACEHOLDERS = {"DATE", "FOOTER", "SLIDE_NUMBER", "HEADER"}
"""Placeholders the theme fills on every slide: their text is not the slide's."""
_TITLES = {"TITLE", "CENTER_TITLE", "VERTICAL_TITLE"}
_TEXT_PLACEHOLDERS = {"BODY", "OBJECT", "SUBTITLE", "VERTICAL_BODY", "VERTICAL_OBJECT"}


def read_source_deck(path: Path) -> SourceDeck:
    """The presentation at `path`, read safely; raises a located `DeckgenError` if it is not
    a presentation deckgen may read, or holds anything that stops every slide of it from
    being passed on (macros, unsafe names). A slide that carries something unsafe (an OLE
    object, a control, a link PowerPoint would follow when opening it) is read with it in
    `unsafe`, for the import to leave out."""
    try:
        found = read_slide_file(path)
    except UnsafePackage as exc:
        raise DeckgenError(exc.problem.message, Location(path), exc.problem.hint) from None
    package = found.package
    whole = found.file_wide()
    if whole:
        raise InvalidInput([_hazard_problem(path, hazard) for hazard in whole])
    if not any(kind.endswith(_PRESENTATION_TYPES) for kind in package.content_types.values()):
        raise DeckgenError(
            _("the file is an Office file, but not a presentation"),
            Location(path),
            _("import a PowerPoint presentation (.pptx)"),
        )
    data = package.data
    if TEMPLATE_TYPE in package.content_types.values():
        data = as_presentation(data)  # a .potx: python-pptx opens only a presentation's type
    prs = _open(path, data)
    title = (prs.core_properties.title or "").strip()
    # By place in the show, not by part name: python-pptx renames the slide parts in show
    # order when it lists them, so a file whose slide3.xml is shown second would pin one
    # slide's hazards on another.
    listed = {slide.number: slide for slide in found.slides}
    slides = []
    for number, slide in enumerate(prs.slides, 1):
        try:
            read = _read_slide(number, slide)
        except (KeyError, AttributeError, IndexError, ValueError, TypeError):
            # A part the slide points to (its layout, a picture) is missing or not what it
            # should be: PowerPoint repairs such a file when it opens it.
            raise DeckgenError(
                _("slide {number} is damaged: parts of it are missing from the file").format(
                    number=number
                ),
                Location(path),
                _("open it in PowerPoint and save it again as .pptx"),
            ) from None
        known = listed.get(number)
        if known is not None:
            read.unsafe = found.hazards_for(known, with_layout=False)
        slides.append(read)
    if not slides:
        raise DeckgenError(
            _("the presentation has no slides"),
            Location(path),
            _("import a presentation with at least one slide"),
        )
    return SourceDeck(path, title, package.data, slides, (prs.slide_width, prs.slide_height))


def _hazard_problem(path: Path, hazard: Hazard) -> Problem:
    return Problem(
        Location(path),
        _("{part}: {what}; it was not imported").format(part=hazard.part, what=hazard.message),
        hazard_hint(hazard),
    )


def hazard_hint(hazard: Hazard) -> str:
    """What to do about `hazard` in a presentation to import."""
    if hazard.check == "package.macro" and not file_wide(hazard):
        # An old Word or Excel file embedded on one slide: saving the deck keeps it.
        return _(_HAZARD_HINTS["package.active_content"])
    return _(_HAZARD_HINTS[hazard.check])


def _open(path: Path, data: bytes) -> Any:
    from pptx import Presentation

    try:
        return Presentation(io.BytesIO(data))
    except Exception:  # any way python-pptx fails: the file is no presentation
        # python-pptx's own words are English and name a buffer: they go to no one.
        raise DeckgenError(
            _("the file is damaged, or is not a PowerPoint presentation deckgen can read"),
            Location(path),
            _("open it in PowerPoint and save it again as .pptx"),
        ) from None


def _read_slide(number: int, slide: Any) -> SourceSlide:
    layout = slide.slide_layout
    found = SourceSlide(number, layout.name or "", layout.element.get("type") or "")
    for shape in slide.shapes:
        _read_shape(shape, found)
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            found.notes = _text(frame.text)
    return found


def _read_shape(shape: Any, found: SourceSlide) -> None:
    kind = _placeholder_type(shape)
    if kind == "FOOTER" and shape.has_text_frame:
        found.footer = _text(shape.text_frame.text)
    if kind in _IGNORED_PLACEHOLDERS:
        return
    if kind in _TITLES and not found.title and shape.has_text_frame:
        found.title = _text(shape.text_frame.text)
        found.centred_title = kind == "CENTER_TITLE"
        return
    if _is_picture(shape):
        picture = _picture(shape)
        if picture is None:
            found.other.append(shape.name)
        else:
            found.pictures.append(picture)
        return
    if kind in _TEXT_PLACEHOLDERS and shape.has_text_frame:
        paragraphs = [_paragraph(p) for p in shape.text_frame.paragraphs if _text(p.text)]
        if paragraphs:
            found.bodies.append(paragraphs)
        return
    if kind and shape.element.tag.endswith("}sp") and not shape.text_frame.text.strip():
        return  # an empty placeholder (a picture or chart never inserted) shows nothing
    found.other.append(shape.name)


_FIXED_WIDTH = re.compile(r"(?i)courier|consolas|monaco|menlo|mono|lucida console|fixedsys")
"""Typefaces code is set in."""


def _paragraph(paragraph: Any) -> Paragraph:
    """A text placeholder's paragraph, with what of its look matters to the mapping."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = [bool(run.font.bold) for run in runs]
    underlined = [bool(run.font.underline) for run in runs]
    numbered = (
        internals.paragraph_xml(paragraph).find(f"{qn('a:pPr')}/{qn('a:buAutoNum')}") is not None
    )
    raw = "".join(run.text for run in paragraph.runs)
    code = any(_FIXED_WIDTH.search(run.font.name or "") for run in runs) or bool(
        re.match(r"^(\t| {2,})\S", raw)
    )
    return Paragraph(
        _text(paragraph.text),
        paragraph.level,
        numbered,
        bold=bool(runs) and all(bold) and not any(underlined),
        styled=any(underlined) or (any(bold) and not all(bold)),
        code=code,
    )


def _placeholder_type(shape: Any) -> str:
    if not shape.is_placeholder:
        return ""
    kind = shape.placeholder_format.type
    return kind.name if kind is not None else "OBJECT"


def _is_picture(shape: Any) -> bool:
    """A picture, or a picture placeholder with a picture inserted (a `p:pic` element)."""
    return shape.element.tag.endswith("}pic")


_BLIPS = (
    "./p:blipFill/a:blip/@r:embed",
    # PowerPoint for Mac writes its picture as a choice of two fills: the plain one is the
    # fallback every reader knows (python-pptx's `shape.image` finds neither).
    "./mc:AlternateContent/mc:Fallback/p:blipFill/a:blip/@r:embed",
    "./mc:AlternateContent/mc:Choice/p:blipFill/a:blip/@r:embed",
)


def _picture(shape: Any) -> Picture | None:
    """The picture `shape` shows, or None if it has none deckgen can take (linked, or in
    a format the picture kind does not read)."""
    # python-pptx's own `xpath` knows no `mc:`: lxml's, with the namespaces given.
    find = etree.XPathElementEvaluator(shape.element, namespaces=NS)
    embeds = [found for path in _BLIPS for found in find(path)]
    try:
        image = shape.part.related_part(embeds[0]).image
        extension = (image.ext or "").lower()  # python-pptx opens the bytes with Pillow here
    except (IndexError, AttributeError, KeyError, ValueError, OSError):  # OSError: no format
        return None
    if extension not in _PICTURE_EXTENSIONS:
        return None
    descr = find("./*[1]/p:cNvPr/@descr")
    return Picture(image.blob, _PICTURE_EXTENSIONS[extension], _text(descr[0]) if descr else "")


_PICTURE_EXTENSIONS = {
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
    "gif": "gif",
    "bmp": "bmp",
    "tif": "tiff",
    "tiff": "tiff",
}
"""Picture formats the image kind reads (`deckgen.assets`), and the extension written."""


def _text(text: str) -> str:
    """Text from a slide as deckgen writes it: a line break (Shift+Enter, a vertical tab in
    python-pptx) as a newline, spaces at either end dropped."""
    return text.replace("\v", "\n").replace("\r", "").strip()
