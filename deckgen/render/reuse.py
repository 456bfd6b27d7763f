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
- its layout: the theme's layout of the same name, or of the same standard layout or role
  ('Title and Content' is 'Titel og indhold'), else its title-only one (`keep: theme`); or the
  source's layout and
  master, copied once per deck however many slides of that master are reused (`keep: source`);
- its speaker notes, as text (the deck's notes master styles them);
- `{{ variables }}` filled in its text, its title replaced if the block says so.

A slide of another size (4:3, A4, a LibreOffice or Keynote size) is fitted as PowerPoint's
Reuse Slides fits it (`deckgen.render.resize`): scaled to fit and centred, text sizes with its
shapes, its placeholders on the theme's; what a person should look at is said.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec
from lxml import etree
from msgspec import Struct
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, PartFactory, XmlPart
from pptx.opc.packuri import PackURI

from deckgen.blocks.base import SlideReuse
from deckgen.i18n import _, ngettext
from deckgen.measure import min_text_pt
from deckgen.ooxml import internals, read_package
from deckgen.ooxml.ns import R, qn
from deckgen.render.package import (
    TEMPLATE_TYPE,
    as_presentation,
    write_layout_styles,
    write_text_styles,
)
from deckgen.render.resize import (
    Fit,
    fit_tree,
    inherited_box,
    look_warning,
    place_placeholders,
    scale_text,
)
from deckgen.render.reusedparts import (
    bring_table_styles,
    chart_data_left,
    drop_data_link,
    explicit_labels,
    unsigned_axis_ids,
)
from deckgen.render.slidexml import (
    describe,
    drop_footers,
    fill_text,
    fill_variables,
    fresh_ids,
    keep_default_text,
    mark_danish,
    notes_text,
    set_title,
)
from deckgen.theme.names import layout_role, same_layout

_MC_IGNORABLE = qn("mc:Ignorable")
_MC_CHOICE = qn("mc:Choice")
_SHARED = ("image/", "video/", "audio/")
"""Parts shared by content, never copied twice: pictures and media."""
_LEFT_BEHIND = (RT.NOTES_SLIDE, RT.SLIDE_LAYOUT, RT.COMMENTS, RT.SLIDE)
_LEFT_BEHIND_KINDS = ("/comments", "/commentAuthors", "/authors")
"""Comments, legacy and modern (PowerPoint 365's `…/2018/10/relationships/comments`), and
their authors: a reviewer's notes and names are not the slide, and the authors' part (related
to the source's presentation) would not come along, leaving the comments pointing nowhere."""
_DIAGRAM_DATA = RT.DIAGRAM_DATA
_DATA_MODEL_EXT = qn("dsp:dataModelExt")
"""SmartArt's data part names the drawing of its diagram by the *slide's* relationship id in
`dsp:dataModelExt/@relId`, an attribute outside the `r:` namespace: remapped by hand."""
_FIRST_ID = 2_147_483_648
"""The lowest id of a slide master or layout in `presentation.xml` and a master's list."""


_SOURCE_FAULTS = (
    ValueError, TypeError, KeyError, AttributeError, IndexError, ZeroDivisionError, OverflowError
)  # fmt: skip
"""How python-pptx, and deckgen's own reading of numbers, fail on XML the schema forbids."""


class ReuseFailure(Exception):
    """A slide that cannot be reused as asked, in words for the user (message, hint)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Reused(Struct):
    """What copying a slide left for the caller: its notes, its layout, what to tell."""

    notes: str
    layout: Any
    warnings: list[tuple[str, str]] = msgspec.field(default_factory=list)


class _Source(Struct):
    presentation: Any
    digest: str


class SlideReuser:
    """Copies slides of other presentations into one deck; one per deck drawn, so that the
    parts it shares or copied once (pictures, masters, layouts) are looked up, not redone."""

    def __init__(
        self, prs: Any, layouts: Mapping[str, Any], roles: Mapping[str, str] | None = None
    ) -> None:
        """`layouts` are the theme's layouts by name; `roles` the theme's layout name for each
        role, for a slide whose layout the theme has under no name of its own."""
        self._prs = prs
        self._package = prs.part.package
        self._layouts = layouts
        self._roles = roles or {}
        self._sources: dict[Path, _Source] = {}
        self._shared: dict[str, Part] | None = None
        self._copied_layouts: dict[tuple[str, str], Any] = {}
        self._copied_masters: dict[tuple[str, str], Any] = {}
        self._named: set[str] = set()
        """Part names given to copies, reached from the package or not yet."""

    def reuse(
        self, slide: Any, reuse: SlideReuse, values: Mapping[str, str], unset: Callable[[str], None]
    ) -> Reused:
        """Make `slide` (new, on the theme's fallback layout) a copy of the slide `reuse`
        names; `unset` is called with each variable its text uses that `values` lacks."""
        try:
            return self._reuse(slide, reuse, values, unset)
        except _SOURCE_FAULTS:
            # XML the schema forbids in the slide, its layout or master (`x="abc"`, a level
            # `²`), which python-pptx or the fitting reads as numbers: damage, as a file
            # python-pptx cannot open is (the build stopped with a traceback).
            raise ReuseFailure(
                _("the presentation {name} is damaged").format(name=reuse.path.name),
                _("open the presentation in PowerPoint and save it again"),
            ) from None

    def _reuse(
        self, slide: Any, reuse: SlideReuse, values: Mapping[str, str], unset: Callable[[str], None]
    ) -> Reused:
        source = self._source(reuse.path)
        prs = source.presentation
        if prs.slide_width is None or prs.slide_height is None:
            raise ReuseFailure(
                _("the presentation {name} does not say the size of its slides").format(
                    name=reuse.path.name
                ),
                _("open the presentation in PowerPoint and save it again"),
            )
        fit = Fit.between(
            (prs.slide_width, prs.slide_height), (self._prs.slide_width, self._prs.slide_height)
        )
        original = prs.slides[reuse.number - 1]
        result = Reused(notes_text(original), slide.slide_layout)
        layout = self._layout_for(original, reuse, source.digest, result, fit)
        _relink_layout(slide.part, layout)
        result.layout = layout.slide_layout
        element = _copy_element(internals.part_xml(original.part), internals.part_xml(slide.part))
        # A slide hidden in its presentation is shown in the deck that chose it: hidden, the
        # deck would look whole and the slide be skipped when presenting.
        element.attrib.pop("show", None)
        if reuse.keep_source:
            defaults = internals.part_xml(prs.part).find(qn("p:defaultTextStyle"))
            mine = internals.part_xml(self._prs.part).find(qn("p:defaultTextStyle"))
            if defaults is not None and (
                mine is None or etree.tostring(defaults) != etree.tostring(mine)
            ):
                keep_default_text(element, defaults)
        self._fit(element, original, layout, reuse.keep_source, fit, result)
        bring_table_styles(element, prs, self._prs)
        memo: dict[int, Part] = {id(original.part): slide.part}
        mapping = self._copy_relationships(original.part, slide.part, memo, result)
        _remap(element, mapping)
        _remap_diagram_drawings(slide.part, mapping)
        _drop_dangling_links(element, mapping, result)
        fresh_ids(element, slide.part.partname, self._prs)
        if not reuse.keep_source:
            drop_footers(element)  # the theme's footer goes on instead
        unmatched = describe(element, dict(reuse.alt_by_name), reuse.alt_in_order)
        if unmatched:
            result.warnings.append(
                (
                    ngettext(
                        "`alt_text` gives {count} text more than the slide has pictures, "
                        "charts, diagrams and groups",
                        "`alt_text` gives {count} texts more than the slide has pictures, "
                        "charts, diagrams and groups",
                        unmatched,
                    ).format(count=unmatched),
                    _("give one text for each, in their order on the slide, or name the shapes"),
                )
            )
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

    def _fit(
        self,
        element: etree._Element,
        original: Any,
        layout: Any,
        keep_source: bool,
        fit: Fit,
        result: Reused,
    ) -> None:
        """Put the copied slide's placeholders on its new layout's (`keep: theme`) and fit
        its shapes to the deck's slide size; say what a person should look at."""
        tree = element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
        placed: set[etree._Element] = set()
        if not keep_source:
            source_layout = original.slide_layout
            new_layout = layout.slide_layout
            new_trees = (_tree(new_layout.element), _tree(new_layout.slide_master.element))
            old_trees = (_tree(source_layout.element), _tree(source_layout.slide_master.element))
            placed = place_placeholders(
                tree,
                fit,
                lambda ph: inherited_box(iter(new_trees), ph),
                lambda ph: inherited_box(iter(old_trees), ph),
            )
            background = element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
            if background is not None:  # the theme's background, as its layout has it
                background.getparent().remove(background)
        if fit.identity:
            return
        looks = fit_tree(
            tree, fit, moves=lambda shape: shape not in placed, smallest=min_text_pt(fit.target[1])
        )
        result.warnings.extend(look_warning(look, fit) for look in looks)

    def _layout_for(
        self, original: Any, reuse: SlideReuse, digest: str, result: Reused, fit: Fit
    ) -> Any:
        source_layout = original.slide_layout
        if reuse.keep_source:
            return self._copied_layout(source_layout.part, digest, fit)
        same = self._layouts.get(reuse.layout) or self._standard_layout(source_layout)
        if same is not None and _designed_for_text(same) and _has_content(original):
            # A cover or section layout is designed for its title alone (often on a dark
            # background): a table or picture put on it is not what its design is for.
            same = None
        # Else the block's own layout (title only): the slide's placeholders that layout
        # lacks stay where they were (`place_placeholders`), so nothing is lost or moved.
        return (same or result.layout).part

    def _standard_layout(self, source_layout: Any) -> Any | None:
        """The theme's layout for the same standard layout or role as `source_layout` (its
        'Title and Content' is the theme's 'Titel og indhold'), if the theme has one."""
        name = source_layout.name or ""
        for other in same_layout(name):
            if other in self._layouts:
                return self._layouts[other]
        role = layout_role(name, source_layout.element.get("type") or "")
        return self._layouts.get(self._roles.get(role or "", ""))

    def _copied_layout(self, layout: Any, digest: str, fit: Fit) -> Any:
        key = (digest, str(layout.partname))
        if key in self._copied_layouts:
            return self._copied_layouts[key]
        master = self._copied_master(layout.part_related_by(RT.SLIDE_MASTER), digest, fit)
        memo: dict[int, Part] = {id(layout.part_related_by(RT.SLIDE_MASTER)): master}
        copied: Any = self._copy_part(layout, memo, Reused("", None))
        if not fit.identity:
            fit_tree(_tree(internals.part_xml(copied)), fit)
        # Its samples' sizes as list styles, where its source master has no text styles
        # (a LibreOffice-made deck), as for the deck's own layouts (`open_template`).
        source_master = layout.part_related_by(RT.SLIDE_MASTER)
        write_layout_styles(internals.part_xml(copied), internals.part_xml(source_master))
        number = self._next_list_id()
        r_id = master.relate_to(copied, RT.SLIDE_LAYOUT)
        entry = internals.add_layout_id(master)
        entry.set("id", str(number))
        entry.set(qn("r:id"), r_id)
        self._copied_layouts[key] = copied
        return copied

    def _copied_master(self, master: Any, digest: str, fit: Fit) -> Any:
        key = (digest, str(master.partname))
        if key in self._copied_masters:
            return self._copied_masters[key]
        # The master comes without its layouts: each one is copied when a slide needs it.
        memo: dict[int, Part] = {}
        new: Any = self._copy_part(master, memo, Reused("", None), leave=(RT.SLIDE_LAYOUT,))
        if not fit.identity:
            fit_tree(_tree(internals.part_xml(new)), fit)
            styles = internals.part_xml(new).find(qn("p:txStyles"))
            if styles is not None and fit.scale != 1:
                scale_text(styles, fit.scale)
        # A master without text styles (a LibreOffice-made deck's) gets them from its sample
        # paragraphs, scaled with them, as the deck's own master does (`open_template`):
        # else LibreOffice draws its slides' text at its own 32 and 44 pt, PowerPoint at
        # 18 pt, and deckgen checks it at the samples' sizes.
        write_text_styles(internals.part_xml(new))
        listing = internals.part_xml(new).find(qn("p:sldLayoutIdLst"))
        if listing is not None:
            for child in list(listing):
                listing.remove(child)
        number = self._next_list_id()
        r_id = self._prs.part.relate_to(new, RT.SLIDE_MASTER)
        entry = internals.add_master_id(self._prs.part)
        entry.set("id", str(number))
        entry.set(qn("r:id"), r_id)
        self._copied_masters[key] = new
        return new

    def _next_list_id(self) -> int:
        """The next id for a master or layout: they share one range in a presentation."""
        taken = [
            int(e.get("id") or 0)
            for e in internals.part_xml(self._prs.part).iter(qn("p:sldMasterId"))
        ]
        for master in self._prs.slide_masters:
            taken += [int(e.get("id") or 0) for e in master.element.iter(qn("p:sldLayoutId"))]
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
        chart = source.content_type == CT.DML_CHART
        for r_id, rel in source.rels.items():
            if rel.reltype in (*_LEFT_BEHIND, *leave) or rel.reltype.endswith(_LEFT_BEHIND_KINDS):
                continue
            if chart and rel.reltype == RT.OLE_OBJECT:
                result.warnings.append(chart_data_left(rel))
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
        name = self._partname(part.partname)
        new = PartFactory(name, part.content_type, self._package, part.blob)
        memo[id(part)] = new
        mapping = self._copy_relationships(part, new, memo, result, leave)
        if isinstance(new, XmlPart):
            if part.content_type == CT.DML_CHART:
                drop_data_link(internals.part_xml(new), set(mapping))
                explicit_labels(internals.part_xml(new))
            _remap(internals.part_xml(new), mapping)
            unsigned_axis_ids(internals.part_xml(new))
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

    def _partname(self, partname: PackURI) -> PackURI:
        """A new name like `partname` (`/ppt/media/image4.png`) that no part has. The
        package's own `next_partname` sees only parts it reaches, and a copied master is
        reached only once its parts are all copied: two of its pictures would get one name."""
        template = _template(partname)
        # Part names are one whatever their case: `image1.PNG` is `image1.png`.
        taken = {str(part.partname).lower() for part in self._package.iter_parts()}
        number = 1
        while (template % number).lower() in taken | self._named:
            number += 1
        self._named.add((template % number).lower())
        return PackURI(template % number)

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
            name = self._partname(part.partname)
            found = self._shared[digest] = PartFactory(
                name, part.content_type, self._package, part.blob
            )
        return found


def _template(partname: PackURI) -> str:
    """`/ppt/charts/chart3.xml` → `/ppt/charts/chart%d.xml`."""
    base, ext = partname.rsplit(".", 1) if "." in partname.rsplit("/", 1)[-1] else (partname, "")
    base = re.sub(r"\d+$", "", base).replace("%", "")
    return f"{base}%d.{ext}" if ext else f"{base}%d"


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
    # A choice's namespace is named only in its `Requires`: no element of it says it is used.
    ignorable += [
        prefix
        for node in source.iter(_MC_CHOICE)
        for prefix in (node.get("Requires") or "").split()
    ]
    declared = {p: uri for p, uri in source.nsmap.items() if p is not None}
    etree.cleanup_namespaces(target, top_nsmap=declared, keep_ns_prefixes=ignorable)
    return target


def _remap(element: etree._Element, mapping: Mapping[str, str]) -> None:
    """Rewrite each relationship id in `element` (`r:id`, `r:embed`, `r:link`, …)."""
    if not mapping:
        return
    prefix = "{" + R + "}"
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
        edit(internals.part_xml(part))
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    element = etree.fromstring(part.blob, parser)
    edit(element)
    part.blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_dangling_links(
    element: etree._Element, mapping: Mapping[str, str], result: Reused
) -> None:
    """Remove clicks that pointed to relationships left behind (another slide of the source)."""
    prefix = "{" + R + "}"
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


def _designed_for_text(layout: Any) -> bool:
    """Whether a theme's layout is a cover, section or closing layout, made for a title."""
    return (layout.element.get("type") or "") in ("title", "secHead")


def _has_content(slide: Any) -> bool:
    """Whether a slide shows more than text in its placeholders: a table, chart, picture,
    group or text box."""
    return any(not shape.is_placeholder for shape in slide.shapes)


def _tree(element: etree._Element) -> etree._Element:
    """The shape tree (`p:cSld/p:spTree`) of a slide's, layout's or master's XML."""
    return element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
