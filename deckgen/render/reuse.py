"""Copy a slide of another presentation into the deck being drawn (the `slide` kind).

python-pptx cannot copy a slide between presentations (its issue #132, open since 2015); the
recipes in that thread and the small libraries built on them (pptx-slide-copier 0.1.5, read
for this) copy a chart's part without its embedded workbook, keep the source's shape ids and
drop the speaker notes. So the copy is made here, on python-pptx's part API (`Part`,
`PartFactory`, `relate_to`), part by part:

- the slide's XML, with fresh shape ids 1, 2, … (animations and connectors follow them) and
  fresh `p14:creationId`/`a16:creationId`s, so PowerPoint sees a new slide, not a duplicate;
- each relationship re-pointed: charts, their embedded workbooks and style parts, diagrams
  and the like get copies of their own (editing one deck's chart data must not edit
  another's); pictures and media are shared by content hash; `https:`/`mailto:` links are
  kept; links to other slides of the source are dropped with a warning;
- its layout: the theme's layout of the same name (`keep: theme`), or the source's layout and
  master, copied once per deck however many slides of that master are reused (`keep: source`);
- its speaker notes, as text (the deck's notes master styles them);
- `{{ variables }}` filled in its text, its title replaced if the block says so.

A slide of another size is refused rather than scaled: scaling moves every shape but not the
size of its text, so text would no longer fit as designed; PowerPoint's Design → Slide Size
scales both, and the user sees what it did.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, PartFactory, XmlPart
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn

from deckgen.blocks.base import SlideReuse
from deckgen.i18n import _, decimal
from deckgen.ooxml import read_package
from deckgen.render.package import TEMPLATE_TYPE, as_presentation
from deckgen.render.slidexml import (
    drop_footers,
    fill_text,
    fill_variables,
    fresh_ids,
    mark_danish,
    notes_text,
    set_title,
)

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC_IGNORABLE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"
_SHARED = ("image/", "video/", "audio/")
"""Parts shared by content, never copied twice: pictures and media."""
_LEFT_BEHIND = (RT.NOTES_SLIDE, RT.SLIDE_LAYOUT, RT.COMMENTS, RT.SLIDE)
_LEFT_BEHIND_KINDS = ("/comments", "/commentAuthors", "/authors")
"""Comments, legacy and modern (PowerPoint 365's `…/2018/10/relationships/comments`), and
their authors: a reviewer's notes and names are not the slide, and the authors' part (related
to the source's presentation) would not come along, leaving the comments pointing nowhere."""
_DIAGRAM_DATA = RT.DIAGRAM_DATA
_DATA_MODEL_EXT = "{http://schemas.microsoft.com/office/drawing/2008/diagram}dataModelExt"
"""SmartArt's data part names the drawing of its diagram by the *slide's* relationship id in
`dsp:dataModelExt/@relId`, an attribute outside the `r:` namespace: remapped by hand."""
_FIRST_ID = 2_147_483_648
"""The lowest id of a slide master or layout in `presentation.xml` and a master's list."""


class ReuseFailure(Exception):
    """A slide that cannot be reused as asked, in words for the user (message, hint)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Reused:
    """What copying a slide left for the caller: its notes, its layout, what to tell."""

    notes: str
    layout: Any
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Source:
    presentation: Any
    digest: str


class SlideReuser:
    """Copies slides of other presentations into one deck; one per deck drawn, so that the
    parts it shares or copied once (pictures, masters, layouts) are looked up, not redone."""

    def __init__(self, prs: Any, layouts: Mapping[str, Any]) -> None:
        """`layouts` are the theme's layouts by name."""
        self._prs = prs
        self._package = prs.part.package
        self._layouts = layouts
        self._sources: dict[Path, _Source] = {}
        self._shared: dict[str, Part] | None = None
        self._copied_layouts: dict[tuple[str, str], Any] = {}
        self._copied_masters: dict[tuple[str, str], Any] = {}

    def reuse(
        self, slide: Any, reuse: SlideReuse, values: Mapping[str, str], unset: Callable[[str], None]
    ) -> Reused:
        """Make `slide` (new, on the theme's fallback layout) a copy of the slide `reuse`
        names; `unset` is called with each variable its text uses that `values` lacks."""
        source = self._source(reuse.path)
        prs = source.presentation
        if prs.slide_width is None or prs.slide_height is None:
            raise ReuseFailure(
                _("the presentation {name} does not say the size of its slides").format(
                    name=reuse.path.name
                ),
                _("open the presentation in PowerPoint and save it again"),
            )
        if (prs.slide_width, prs.slide_height) != (
            self._prs.slide_width,
            self._prs.slide_height,
        ):
            raise ReuseFailure(*_size_mismatch(prs, self._prs))
        original = prs.slides[reuse.number - 1]
        result = Reused(notes_text(original), slide.slide_layout)
        layout = self._layout_for(original, reuse, source.digest, result)
        _relink_layout(slide.part, layout)
        result.layout = layout.slide_layout
        element = _copy_element(original.part._element, slide.part._element)
        # A slide hidden in its presentation is shown in the deck that chose it: hidden, the
        # deck would look whole and the slide be skipped when presenting.
        element.attrib.pop("show", None)
        memo: dict[int, Part] = {id(original.part): slide.part}
        mapping = self._copy_relationships(original.part, slide.part, memo, result)
        _remap(element, mapping)
        _remap_diagram_drawings(slide.part, mapping)
        _drop_dangling_links(element, mapping, result)
        fresh_ids(element, slide.part.partname, self._prs)
        if not reuse.keep_source:
            drop_footers(element)  # the theme's footer goes on instead
        fill_variables(element, values, unset)
        mark_danish(element)
        result.notes = fill_text(result.notes, values, unset)
        if reuse.title and not set_title(element, reuse.title):
            result.warnings.append(
                (
                    _("the slide has no title placeholder, so `title:` is not shown"),
                    _("give the slide a title in PowerPoint, or remove `title:`"),
                )
            )
        return result

    # --- the source ---

    def _source(self, path: Path) -> _Source:
        found = self._sources.get(path)
        if found is None:
            package = read_package(path)  # refused before drawing if unsafe (block check)
            data = package.data
            if TEMPLATE_TYPE in package.content_types.values():
                # A .potx: python-pptx opens only a presentation's main part type.
                data = as_presentation(data)
            try:
                presentation = Presentation(io.BytesIO(data))
            except Exception:  # a file from elsewhere: any way python-pptx fails is damage
                raise ReuseFailure(
                    _("the presentation {name} is damaged").format(name=path.name),
                    _("open the presentation in PowerPoint and save it again"),
                ) from None
            found = _Source(presentation, hashlib.sha256(package.data).hexdigest())
            self._sources[path] = found
        return found

    # --- layouts and masters ---

    def _layout_for(self, original: Any, reuse: SlideReuse, digest: str, result: Reused) -> Any:
        source_layout = original.slide_layout
        if reuse.keep_source:
            return self._copied_layout(source_layout.part, digest)
        same = self._layouts.get(reuse.layout)
        if same is not None:
            return same.part
        fallback = result.layout
        result.warnings.append(
            (
                _(
                    "the theme has no layout named {layout}; the slide is placed on {fallback}"
                ).format(layout=repr(reuse.layout), fallback=repr(fallback.name)),
                _(
                    "add a layout of that name to the template, or write `keep: source` to "
                    "bring the slide's own"
                ),
            )
        )
        return fallback.part

    def _copied_layout(self, layout: Any, digest: str) -> Any:
        key = (digest, str(layout.partname))
        if key in self._copied_layouts:
            return self._copied_layouts[key]
        master = self._copied_master(layout.part_related_by(RT.SLIDE_MASTER), digest)
        memo: dict[int, Part] = {id(layout.part_related_by(RT.SLIDE_MASTER)): master}
        copied = self._copy_part(layout, memo, Reused("", None))
        number = self._next_list_id()
        r_id = master.relate_to(copied, RT.SLIDE_LAYOUT)
        entry = master._element.get_or_add_sldLayoutIdLst()._add_sldLayoutId()
        entry.set("id", str(number))
        entry.set(qn("r:id"), r_id)
        self._copied_layouts[key] = copied
        return copied

    def _copied_master(self, master: Any, digest: str) -> Any:
        key = (digest, str(master.partname))
        if key in self._copied_masters:
            return self._copied_masters[key]
        # The master comes without its layouts: each one is copied when a slide needs it.
        memo: dict[int, Part] = {}
        new: Any = self._copy_part(master, memo, Reused("", None), leave=(RT.SLIDE_LAYOUT,))
        listing = new._element.find(qn("p:sldLayoutIdLst"))
        if listing is not None:
            for child in list(listing):
                listing.remove(child)
        number = self._next_list_id()
        r_id = self._prs.part.relate_to(new, RT.SLIDE_MASTER)
        entry = self._prs.part._element.get_or_add_sldMasterIdLst()._add_sldMasterId()
        entry.set("id", str(number))
        entry.set(qn("r:id"), r_id)
        self._copied_masters[key] = new
        return new

    def _next_list_id(self) -> int:
        """The next id for a master or layout: they share one range in a presentation."""
        taken = [int(e.get("id") or 0) for e in self._prs.part._element.iter(qn("p:sldMasterId"))]
        for master in self._prs.slide_masters:
            taken += [int(e.get("id") or 0) for e in master._element.iter(qn("p:sldLayoutId"))]
        return max([_FIRST_ID - 1, *taken]) + 1

    # --- parts and relationships ---

    def _copy_relationships(
        self,
        source: Part,
        target: Part,
        memo: dict[int, Part],
        result: Reused,
        leave: tuple[str, ...] = (),
    ) -> dict[str, str]:
        """Relate `target` to copies of what `source` is related to; old rId → new rId."""
        mapping: dict[str, str] = {}
        for r_id, rel in source.rels.items():
            if rel.reltype in (*_LEFT_BEHIND, *leave) or rel.reltype.endswith(_LEFT_BEHIND_KINDS):
                continue
            if rel.is_external:
                mapping[r_id] = target.relate_to(rel.target_ref, rel.reltype, is_external=True)
                continue
            copied = self._copy_part(rel.target_part, memo, result)
            mapping[r_id] = target.relate_to(copied, rel.reltype)
        return mapping

    def _copy_part(
        self, part: Part, memo: dict[int, Part], result: Reused, leave: tuple[str, ...] = ()
    ) -> Part:
        """A copy of `part` in the deck (a shared one for pictures and media), with copies
        of the parts it relates to."""
        if id(part) in memo:
            return memo[id(part)]
        if part.content_type.startswith(_SHARED):
            return self._shared_part(part)
        name = self._package.next_partname(_template(part.partname))
        new = PartFactory(name, part.content_type, self._package, part.blob)
        memo[id(part)] = new
        mapping = self._copy_relationships(part, new, memo, result, leave)
        if isinstance(new, XmlPart):
            _remap(new._element, mapping)
            _unsigned_axis_ids(new._element)
        elif new.content_type.endswith("+xml") and mapping:
            # python-pptx keeps parts it has no class for (SmartArt's data and drawing) as
            # bytes: their relationship ids are rewritten in a parsed copy.
            _edit_xml_blob(new, lambda element: _remap(element, mapping))
        elif mapping and any(old != new_id for old, new_id in mapping.items()):
            raise ReuseFailure(
                _("the part {part} refers to others in a way deckgen cannot copy").format(
                    part=part.partname
                ),
                _("open the presentation in PowerPoint and save it again"),
            )
        return new

    def _shared_part(self, part: Part) -> Part:
        """The deck's part with the same bytes as `part`, added if the deck has none."""
        if self._shared is None:
            self._shared = {
                hashlib.sha256(p.blob).hexdigest(): p
                for p in self._package.iter_parts()
                if p.content_type.startswith(_SHARED)
            }
        digest = hashlib.sha256(part.blob).hexdigest()
        found = self._shared.get(digest)
        if found is None:
            name = self._package.next_partname(_template(part.partname))
            found = self._shared[digest] = PartFactory(
                name, part.content_type, self._package, part.blob
            )
        return found


def _template(partname: PackURI) -> str:
    """`/ppt/charts/chart3.xml` → `/ppt/charts/chart%d.xml`, for `next_partname`."""
    base, ext = partname.rsplit(".", 1) if "." in partname.rsplit("/", 1)[-1] else (partname, "")
    base = re.sub(r"\d+$", "", base).replace("%", "")
    return f"{base}%d.{ext}" if ext else f"{base}%d"


def _unsigned_axis_ids(element: etree._Element) -> None:
    """Write a chart's axis ids as the numbers from 0 to 2³¹ − 1 the validators ask for: python-pptx
    writes some as negative numbers, which PowerPoint reads alike but validators refuse."""
    for node in element.iter(qn("c:axId"), qn("c:crossAx")):
        value = node.get("val") or ""
        if value.startswith("-") and value[1:].isdigit():
            node.set("val", str(int(value) % 2**31))


def _relink_layout(slide_part: Any, layout_part: Any) -> None:
    """Point the slide at `layout_part` instead of the layout it was made on."""
    for r_id, rel in list(slide_part.rels.items()):
        if rel.reltype == RT.SLIDE_LAYOUT:
            slide_part.drop_rel(r_id)
    slide_part.relate_to(layout_part, RT.SLIDE_LAYOUT)


def _copy_element(source: etree._Element, target: etree._Element) -> etree._Element:
    """Put a copy of the source slide's content and attributes into the target slide's XML.

    The target's root, `p:cSld` and `p:spTree` stay the same elements (python-pptx's slide
    and shape objects hold them); namespaces are declared on the root, as in the source.
    """
    kept = {target: source}
    source_cSld, target_cSld = source.find(qn("p:cSld")), target.find(qn("p:cSld"))
    kept[target_cSld] = source_cSld
    kept[target_cSld.find(qn("p:spTree"))] = source_cSld.find(qn("p:spTree"))
    for mine, theirs in kept.items():
        keep = next((child for child in mine if child in kept), None)
        for child in list(mine):
            if child is not keep:
                mine.remove(child)
        mine.attrib.clear()
        mine.attrib.update(dict(theirs.attrib))
        for child in theirs:
            match = next((m for m, t in kept.items() if t is child), None)
            if match is None:
                mine.append(copy.deepcopy(child))
            else:
                mine.append(match)  # moves the kept element into the source's order
    ignorable = (source.get(_MC_IGNORABLE) or "").split()
    declared = {p: uri for p, uri in source.nsmap.items() if p is not None}
    etree.cleanup_namespaces(target, top_nsmap=declared, keep_ns_prefixes=ignorable)
    return target


def _remap(element: etree._Element, mapping: Mapping[str, str]) -> None:
    """Rewrite each relationship id in `element` (`r:id`, `r:embed`, `r:link`, …)."""
    if not mapping:
        return
    prefix = "{" + _R + "}"
    for node in element.iter():
        for name, value in node.attrib.items():
            if name.startswith(prefix) and value in mapping:
                node.set(name, mapping[value])


def _remap_diagram_drawings(slide_part: Any, mapping: Mapping[str, str]) -> None:
    """Point each SmartArt data part's drawing reference (`dsp:dataModelExt/@relId`, an id
    of the slide's relationships) at the slide's new id; one that leads nowhere is removed
    (PowerPoint then draws the diagram again from its data)."""
    kept = set(mapping.values())

    def repoint(element: etree._Element) -> None:
        for node in element.iter(_DATA_MODEL_EXT):
            old = node.get("relId") or ""
            if old in mapping:
                node.set("relId", mapping[old])
            elif old not in kept:
                node.attrib.pop("relId", None)

    for rel in slide_part.rels.values():
        if rel.reltype == _DIAGRAM_DATA and not rel.is_external:
            _edit_xml_blob(rel.target_part, repoint)


def _edit_xml_blob(part: Any, edit: Callable[[etree._Element], None]) -> None:
    """Apply `edit` to the XML of `part`, whether python-pptx holds it parsed or as bytes."""
    if isinstance(part, XmlPart):
        edit(part._element)
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    element = etree.fromstring(part.blob, parser)
    edit(element)
    part.blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_dangling_links(
    element: etree._Element, mapping: Mapping[str, str], result: Reused
) -> None:
    """Remove clicks that pointed to relationships left behind (another slide of the source)."""
    prefix = "{" + _R + "}"
    kept = set(mapping.values())
    for node in list(element.iter(qn("a:hlinkClick"), qn("a:hlinkHover"))):
        r_id = node.get(prefix + "id")
        if r_id and r_id not in kept:
            node.getparent().remove(node)
            result.warnings.append(
                (
                    _(
                        "a link on the slide leads to another slide of its presentation and "
                        "is left out"
                    ),
                    _("link to a web address instead, or remove the link in PowerPoint"),
                )
            )
    for node in element.iter():
        for name, value in node.attrib.items():
            if name.startswith(prefix) and value and value not in kept:
                raise ReuseFailure(
                    _("the slide refers to {value}, which is not in its presentation").format(
                        value=repr(value)
                    ),
                    _("open the presentation in PowerPoint and save it again"),
                )


def _size_mismatch(source: Any, deck: Any) -> tuple[str, str]:
    def cm(prs: Any) -> str:
        return (
            f"{decimal(prs.slide_width / 360_000, 2)} × {decimal(prs.slide_height / 360_000, 2)} cm"
        )

    return (
        _("the slide is {size} and the theme's slides are {theme_size}").format(
            size=cm(source), theme_size=cm(deck)
        ),
        _(
            "in PowerPoint, set the presentation to the theme's size (Design → Slide Size, "
            "which scales the text too) and save it again"
        ),
    )
