"""Open a corporate template, and save a presentation as a deterministic .pptx package."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from lxml import etree
from pptx import Presentation

from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.i18n import _, decimal
from deckgen.ooxml import crowding_past, inspect_package, internals, xml_parts
from deckgen.ooxml.ns import R, nsdecls, qn
from deckgen.ooxml.placeholders import FOOTER_TYPES, TITLE_TYPES
from deckgen.ooxml.schema import MAX_CROWDING, NotValidated, too_crowded, validate
from deckgen.ooxml.template import read_template_package
from deckgen.provenance import (
    CUSTOM_CONTENT_TYPE,
    CUSTOM_PART,
    CUSTOM_RELATIONSHIP,
    ContentDigest,
)
from deckgen.regular import version
from deckgen.render.styles import sample_style, text_style
from deckgen.render.zipwrite import FIXED_TIME, Packed, method_for, pack, zip_bytes
from deckgen.theme import Theme

TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
_CORE_TYPE = (
    b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
_ODD_CORE_TYPE = re.compile(
    rb"http://schemas\.openxmlformats\.org/officedocument/2006/relationships/metadata/"
    rb"core-properties",
    re.IGNORECASE,
)
"""The core-properties relationship type as LibreOffice writes it in a .potx (lower-case
`officedocument`), and as early Office 2007 files wrote it; both mean `_CORE_TYPE`."""
P = ParamSpec("P")
T = TypeVar("T")


def template_bytes(path: Path) -> bytes:
    """The template at `path` as a .pptx package; a .potx is converted in memory.

    The template is untrusted: it is refused unless `deckgen.ooxml` finds it safe to read
    and free of anything every deck would carry on (macros, controls, external links).
    Read once while the file stays the same: a template replaced under its name (while
    `deckgen serve` runs) is read again."""
    return _template_bytes(path, version(path))


@lru_cache(maxsize=8)
def _template_bytes(path: Path, stamp: tuple[int, int, int, int, int]) -> bytes:
    package = read_template_package(path)
    data = package.data
    replace = {}
    if TEMPLATE_TYPE in package.content_types.values():
        replace[CONTENT_TYPES] = (TEMPLATE_TYPE.encode(), _PRESENTATION_TYPE.encode())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read(_PACKAGE_RELS) if _PACKAGE_RELS in archive.namelist() else b""
    found = _ODD_CORE_TYPE.search(rels)
    if found:
        # LibreOffice relates the core properties with a type of its own spelling (a .potx
        # it saves says `officedocument/…`); python-pptx then finds none and adds a second
        # docProps/core.xml, which makes the deck a file the Open XML SDK cannot open.
        replace[_PACKAGE_RELS] = (found.group(), _CORE_TYPE)
    return normalize_zip(data, replace) if replace else data


def open_template(path: Path) -> Any:
    """A fresh presentation from the template, with any example slides it carries removed."""
    try:
        prs = Presentation(io.BytesIO(template_bytes(path)))
    except DeckgenError:
        raise
    except Exception as exc:  # an untrusted file: any way python-pptx fails is a bad template
        found = re.search(r"content type is '([^']+)'", str(exc))
        what = (
            _("its main part is {kind}").format(kind=found.group(1))
            if found
            else _("it is damaged")
        )
        raise DeckgenError(
            _("the template is not a usable presentation: {what}").format(what=what),
            Location(path),
            _("open it in PowerPoint and save it again as .pptx or .potx"),
        ) from None
    _check_slide_size(prs, path)
    slide_ids = internals.slide_id_list(prs)
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    _leave_behind_what_decks_do_not_need(prs)
    _add_view_properties(prs)
    _drop_undeclared_modified_flags(prs)
    for master in prs.slide_masters:
        if master.element.find(qn("p:txStyles")) is None:
            for layout in master.slide_layouts:
                write_layout_styles(layout.element, master.element)
            write_text_styles(master.element)
    return prs


_OTHER_SIZE = 1800
"""The size (hundredths of a point) of the other text style written for a master that has
no sample to read it from: PowerPoint's default, 18 pt."""


def write_text_styles(master: Any) -> None:
    """Give the slide master element `master` text styles (`p:txStyles`) read from its
    sample paragraphs (`sample_style`) if it has none, as LibreOffice's templates have none.

    Without them PowerPoint draws such a master's text at its default 18 pt and LibreOffice
    at its own 32 pt body and 44 pt title, while deckgen measures by the samples (Lights:
    24 pt body, 33 pt title), so a deck that passes the check runs out of its boxes. With
    them all three agree. The title placeholder gives the title style, the body placeholder
    the body style, a date, footer or slide number placeholder the other style (18 pt when
    the master has none of them)."""
    if master.find(qn("p:txStyles")) is not None:
        return
    samples: dict[str, etree._Element] = {}
    for shape in master.iterfind(f"{qn('p:cSld')}/{qn('p:spTree')}/{qn('p:sp')}"):
        ph = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        if kind not in TITLE_TYPES | FOOTER_TYPES | {"body", "obj"}:
            continue
        name = text_style(kind)
        found = sample_style(shape, master)
        if found is not None and name not in samples:
            samples[name] = found
    styles = etree.SubElement(master, qn("p:txStyles"))
    for name in ("titleStyle", "bodyStyle", "otherStyle"):
        style = samples.get(name)
        if style is None:
            style = etree.Element(qn("a:lstStyle"))
            level = etree.SubElement(style, qn("a:lvl1pPr"))
            etree.SubElement(level, qn("a:defRPr")).set("sz", str(_OTHER_SIZE))
        style.tag = qn(f"p:{name}")
        for level in style:
            _defaults_before_extensions(level)
        styles.append(style)
    # Schema order: … hf?, txStyles?, extLst?
    extensions = master.find(qn("p:extLst"))
    if extensions is not None:
        extensions.addprevious(styles)


def write_layout_styles(layout: Any, master: Any) -> None:
    """Give each placeholder of the layout element `layout` (of the slide master element
    `master`, which has no text styles) that has no list style of its own one read from its
    sample paragraph (`sample_style`): LibreOffice writes a layout's sizes only there (Piano's
    titles: 27 pt on its layouts, 33 pt on its master), LibreOffice and deckgen go by them,
    PowerPoint only by a list style."""
    tree = f"{qn('p:cSld')}/{qn('p:spTree')}/{qn('p:sp')}"
    for shape in layout.iterfind(tree):
        if shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is None:
            continue
        body = shape.find(qn("p:txBody"))
        own = body.find(qn("a:lstStyle")) if body is not None else None
        if body is None or (own is not None and len(own)):
            continue
        style = sample_style(shape, master)
        if style is None:
            continue
        for level in style:
            _defaults_before_extensions(level)
        if own is not None:
            own.addprevious(style)
            body.remove(own)
        else:
            properties = body.find(qn("a:bodyPr"))
            if properties is not None:
                properties.addnext(style)
            else:
                body.insert(0, style)


def _defaults_before_extensions(level: etree._Element) -> None:
    """Keep a level's run defaults before its extension list, where the schema wants them
    (`sample_style` appends them after the paragraph's own properties)."""
    extensions = level.find(qn("a:extLst"))
    defaults = level.find(qn("a:defRPr"))
    if extensions is not None and defaults is not None:
        extensions.addprevious(defaults)


def _drop_undeclared_modified_flags(prs: Any) -> None:
    """Drop the `mod` attribute WPS Presentation writes on a master's and a layout's own
    extension list (`<p:extLst mod="1">`): the Open XML SDK finds it undeclared there, and
    every deck would carry it. It only marks the list as changed; nothing reads it."""
    for master in prs.slide_masters:
        for part in (master, *master.slide_layouts):
            extensions = part.element.find(qn("p:extLst"))
            if extensions is not None:
                extensions.attrib.pop("mod", None)


_PRESENTATION_NEEDS = ("/presProps", "/viewProps", "/tableStyles", "/theme")
"""Parts of a template's presentation that its XML does not name by id, yet a deck needs."""
_PACKAGE_NEEDS = ("/officeDocument", "/core-properties", "/extended-properties")
"""Parts of a template's package a deck needs; deckgen writes the custom properties itself."""


def _leave_behind_what_decks_do_not_need(prs: Any) -> None:
    """Drop the template's parts that every deck would otherwise carry without using them:
    its `customXml/` (a SharePoint library's owner e-mail, document id, intranet address),
    comment authors (the designers' names), thumbnail, signatures and custom properties.

    What the presentation's XML refers to by id (masters, the notes master, embedded fonts,
    tags) stays, as do the parts in `_PRESENTATION_NEEDS`; a deck carries only what it needs."""
    named = {
        value
        for element in internals.part_xml(prs.part).iter()
        for key, value in element.attrib.items()
        if key.startswith("{" + R + "}")
    }
    for r_id, rel in list(prs.part.rels.items()):
        if r_id not in named and not rel.reltype.endswith(_PRESENTATION_NEEDS):
            prs.part.drop_rel(r_id)
    package = prs.part.package
    for r_id, rel in list(internals.relationships(package).items()):
        if not rel.reltype.endswith(_PACKAGE_NEEDS):
            package.drop_rel(r_id)


_SLIDE_SIDE_EMU = (914_400, 51_206_400)
"""The shortest and longest side of a slide that PowerPoint allows: 2.54 cm to 142.24 cm."""


def _check_slide_size(prs: Any, path: Path) -> None:
    """Refuse a template whose slide size PowerPoint would not open (0, negative, huge)."""
    low, high = _SLIDE_SIDE_EMU
    sides = (prs.slide_width, prs.slide_height)
    if all(side is not None and low <= side <= high for side in sides):
        return
    shown = " × ".join("?" if side is None else decimal(side / 360_000, 2) for side in sides)
    raise DeckgenError(
        _("the template's slides are {size} cm; PowerPoint allows 2.54 to 142.24 cm a side").format(
            size=shown
        ),
        Location(path),
        _("set the slide size in PowerPoint (Design → Slide Size) and save the template again"),
    )


_VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + f"<p:viewPr {nsdecls('a', 'r', 'p')}/>".encode()
)


_PRES_PROPS = _VIEW_PROPS.replace(b"<p:viewPr ", b"<p:presentationPr ")


def _add_view_properties(prs: Any) -> None:
    """Give the deck view and presentation properties if the template has none (LibreOffice
    writes no view properties, its older versions no presentation properties either):
    without them PowerPoint offers to repair the file."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    for reltype, name, content_type, blob in (
        (RT.VIEW_PROPS, "/ppt/viewProps.xml", CT.PML_VIEW_PROPS, _VIEW_PROPS),
        (RT.PRES_PROPS, "/ppt/presProps.xml", CT.PML_PRES_PROPS, _PRES_PROPS),
    ):
        if any(rel.reltype == reltype for rel in prs.part.rels.values()):
            continue
        prs.part.relate_to(Part(PackURI(name), content_type, prs.part.package, blob), reltype)


_TEMPLATE_FAULTS = (
    ValueError, TypeError, KeyError, AttributeError, IndexError, ZeroDivisionError, OverflowError
)  # fmt: skip
"""How python-pptx fails on XML the schema forbids (`idx="abc"`, a missing attribute)."""


def blames_the_template(function: Callable[P, T]) -> Callable[P, T]:
    """Decorate a function of a `Theme` that reads the theme's template: when it fails the way
    python-pptx fails on XML the schema forbids, report what the Open XML validator finds in
    the template (part, element, what) instead of a traceback. If the validator finds nothing
    wrong, the failure is deckgen's own and goes on as it is."""

    @functools.wraps(function)
    def reading_the_template(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return function(*args, **kwargs)
        except _TEMPLATE_FAULTS:
            theme = next(a for a in (*args, *kwargs.values()) if isinstance(a, Theme))
            problems = template_problems(theme.template_path)
            if not problems:
                raise
            raise InvalidInput(problems) from None

    return reading_the_template


def template_problems(path: Path) -> list[Problem]:
    """What the Open XML validator finds wrong in the template at `path`, by part and element."""
    data = template_bytes(path)
    package = inspect_package(data, path)
    if too_crowded(package.crowding, package.widest):
        return []  # the validator would take hours; the failure is reported as it is
    try:
        found = validate(data)
    except NotValidated:
        return []  # likewise, found out by trying
    return [
        Problem(
            Location(path),
            _("the template is damaged: {part} {element}: {message}").format(
                part=part.lstrip("/"), element=element, message=message
            ),
            _("open the template in PowerPoint and save it again, or correct that element"),
        )
        for part, element, message in found
    ]


COPIED_PARTS = (
    "/ppt/slideMasters/",
    "/ppt/slideLayouts/",
    "/ppt/theme/",
    "/ppt/fonts/",
    "/ppt/media/",
    "/ppt/notesMasters/",
    "/ppt/handoutMasters/",
    "/ppt/tableStyles.xml",
    "/ppt/presProps.xml",
    "/ppt/tags/",
    "/customXml/",
)
"""Where a deck keeps the parts deckgen copies unchanged from its template (or from the
presentation a reused slide comes from): masters, layouts, themes, fonts, pictures."""


def copied_part(part: str) -> bool:
    """Whether the deck part `part` (`/ppt/theme/theme1.xml`) is one deckgen copies unchanged
    from the template, rather than one it writes (slides, notes, the presentation part)."""
    return part.startswith(COPIED_PARTS)


def package_problems(data: bytes, location: Location) -> list[Problem]:
    """What would make the deck `data` a file PowerPoint does not open, or one the gate calls
    invalid unvalidated: two members of one name, a shape of negative size in a part deckgen
    writes, too many elements side by side for the Open XML validator (`too_crowded`). Found
    without the validator, which runs in a process of its own (a second a deck): `deckgen
    check` runs it. A template's own parts are otherwise the template's affair."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [info.filename for info in archive.infolist()]
    seen: set[str] = set()
    problems = []
    hint = _("nothing was written: this is a deckgen bug, please report it with the deck and theme")
    for name in names:
        folded = name.casefold()  # part names are case-insensitive in a package
        if folded in seen:
            problems.append(
                Problem(
                    location,
                    _("deckgen made a package with two members named {name}").format(name=name),
                    hint,
                )
            )
        seen.add(folded)
    parts = xml_parts(data, location.file)
    for name, xml in parts.items():
        if copied_part("/" + name) or not name.endswith(".xml"):
            continue
        found = _NEGATIVE_SIZE.search(xml)
        if found:
            problems.append(
                Problem(
                    location,
                    _("deckgen made an invalid package: {part} {element}: {message}").format(
                        part=name,
                        element=found.group(1).decode(),
                        message=_("a negative size, which PowerPoint does not open"),
                    ),
                    hint,
                )
            )
    # Past this, the gate does not start the Open XML validator and calls the deck invalid
    # (a template's master of 100,000 gradient stops): not written, in the gate's words.
    crowded = crowding_past(parts, MAX_CROWDING, location.file)
    refused = too_crowded(*crowded) if crowded is not None else None
    if refused is not None:
        problems.append(Problem(location, *refused))
    return problems


_NEGATIVE_SIZE = re.compile(rb'<[a-z]+:(ext|chExt) [^>]*\bc[xy]="-\d')
"""A shape's extent with a negative width or height (the Open XML schema's minimum is 0)."""


def save_deterministic(prs: Any, custom_properties: Callable[[str], bytes] | None = None) -> bytes:
    """The presentation as .pptx bytes that depend only on its content.

    Written in one pass, in python-pptx's part order, with fixed timestamps and attributes.
    With `custom_properties`, the package also gets `docProps/custom.xml`, whose bytes that
    function makes from the content hash of all the other parts (see `deckgen.provenance`).
    """
    package = prs.part.package
    custom = _custom_part(package) if custom_properties is not None else None
    parts = list(package.iter_parts())
    digest = ContentDigest()
    members: list[tuple[str, Packed]] = []

    def put(name: str, data: bytes) -> Packed:
        packed = pack(data, method_for(name))
        members.append((name, packed))
        return packed

    # python-pptx's own writer writes the same members, with the time of day in every entry.
    put("[Content_Types].xml", internals.content_types_xml(parts))
    put("_rels/.rels", _rels_xml(internals.relationships(package), "/"))
    for part in parts:
        if part is custom:
            continue
        name = part.partname.membername
        digest.add_hash(name, put(name, part.blob).sha256)
        if internals.relationships(part):
            rels_name = part.partname.rels_uri.membername
            digest.add_hash(rels_name, put(rels_name, _rels_xml(part.rels, part.partname)).sha256)
    if custom is not None and custom_properties is not None:
        put(custom.partname.membername, custom_properties(digest.hexdigest()))
    return zip_bytes(members)


_rels_kept: dict[tuple[object, ...], bytes] = {}
_MAX_RELS_KEPT = 4096


def _rels_xml(rels: Any, source: str) -> bytes:
    """python-pptx's serialization of the relationships `rels` of the part named `source`,
    made once for each set of relationships: a template part's are the same in every deck."""
    key = (
        source,
        *(
            (rId, rel.reltype, True, rel.target_ref)
            if rel.is_external
            else (rId, rel.reltype, False, rel.target_part.partname)
            for rId, rel in rels.items()
        ),
    )
    found = _rels_kept.get(key)
    if found is None:
        found = rels.xml
        if len(_rels_kept) >= _MAX_RELS_KEPT:
            _rels_kept.clear()  # a bound, never reached by the decks of one template
        _rels_kept[key] = found
    return found


def _custom_part(package: Any) -> Any:
    """The package's custom-properties part, added (related to the package) if missing."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    for rel in internals.relationships(package).values():
        if rel.reltype == CUSTOM_RELATIONSHIP and not rel.is_external:
            return rel.target_part
    part = Part(PackURI("/" + CUSTOM_PART), CUSTOM_CONTENT_TYPE, package, b"")
    package.relate_to(part, CUSTOM_RELATIONSHIP)
    return part


def normalize_zip(data: bytes, replace: dict[str, tuple[bytes, bytes]] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping member order.

    `replace` maps a member name to an (old, new) byte replacement made on the way.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if replace and info.filename in replace:
                content = content.replace(*replace[info.filename])
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, content)
    return out.getvalue()


def as_presentation(data: bytes) -> bytes:
    return normalize_zip(
        data, {"[Content_Types].xml": (TEMPLATE_TYPE.encode(), _PRESENTATION_TYPE.encode())}
    )
