"""What the checks read: each slide's shapes, where they stand, what fills them, their alt text,
and their text with every property resolved the way PowerPoint resolves it.

PowerPoint looks a text property up along a chain: the run, the shape's own list style, the
layout's placeholder of the same idx, the master's placeholder of the same type, the master's
text styles, the presentation's default text style. A placeholder's position, insets and
autofit come from the same chain. This module walks it once per shape, so the checks see
exactly the size, colour, font and language a reader sees, not what the XML happens to spell.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from deckgen.check.behind import Picture
from deckgen.check.color import Color, Palette
from deckgen.check.placement import Transform, inherited_box, preset_geometry
from deckgen.check.text import TextBody, TextReader, TextRun
from deckgen.colors import rgb
from deckgen.geometry import Box
from deckgen.ooxml import internals
from deckgen.ooxml.ns import DECORATIVE, NS, P, qn
from deckgen.ooxml.placeholders import TITLE_TYPES, master_type
from deckgen.ooxml.themepart import scheme_colours, theme_fonts
from deckgen.render.styles import sample_style, text_style

FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
MAX_STOPS = 256
"""A gradient of more stops is not judged (PowerPoint makes at most 10)."""


def _whole(value: str | None) -> int | None:
    """A whole-number attribute of a template's XML; None for one no application writes."""
    try:
        return int(value or "0")
    except ValueError:
        return None


def _share(value: str | None) -> float | None:
    """A percentage attribute as a fraction: thousandths of a percent (`50000`), or a
    percentage as strict Office Open XML writes it (`50%`); None for anything else."""
    text = (value or "0").strip()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else int(text) / 100000
    except ValueError:
        return None


_SHAPE_TAGS = frozenset(f"{{{P}}}{tag}" for tag in ("sp", "pic", "grpSp", "graphicFrame", "cxnSp"))


@dataclass(frozen=True)
class Fill:
    """What paints a shape's area: `none`, `solid`, `gradient`, `pattern`, `picture` or
    `unknown`."""

    kind: str
    colors: tuple[Color, ...] = ()
    picture: Picture | None = None
    """For a picture: its bytes and where it is drawn, when they can be read."""
    stops: tuple[float, ...] = ()
    """For a linear gradient: where each colour stands along it (0–1)."""
    angle: float | None = None
    """For a linear gradient: its direction, in degrees clockwise from left to right."""
    frame: Box | None = None
    """For a linear gradient: the box it spans."""

    def colors_over(self, box: Box) -> tuple[Color, ...]:
        """The colours under `box`: for a linear gradient, those of the stretch of it that
        `box` covers (its ends and the stops between); for any other fill, all of them."""
        if self.angle is None or self.frame is None or len(self.stops) != len(self.colors):
            return self.colors
        low, high = _span(self.frame, self.angle, box)
        inside = [c for c, at in zip(self.colors, self.stops, strict=True) if low < at < high]
        return (_blend(self, low), *inside, _blend(self, high))


def _span(frame: Box, angle: float, box: Box) -> tuple[float, float]:
    """Where `box` starts and ends along a linear gradient at `angle` over `frame` (0–1)."""
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def along(left: int, top: int, right: int, bottom: int) -> list[float]:
        return [x * dx + y * dy for x in (left, right) for y in (top, bottom)]

    ends = along(frame.left, frame.top, frame.right, frame.bottom)
    start, length = min(ends), max(ends) - min(ends)
    if length <= 0:
        return 0.0, 1.0
    spots = [(value - start) / length for value in along(box.left, box.top, box.right, box.bottom)]
    return max(0.0, min(spots)), min(1.0, max(spots))


def _blend(fill: Fill, at: float) -> Color:
    """The colour of the linear gradient `fill` at `at` (0–1) along it."""
    pairs = sorted(zip(fill.stops, fill.colors, strict=True), key=lambda pair: pair[0])
    if at <= pairs[0][0]:
        return pairs[0][1]
    for (start, first), (end, second) in itertools.pairwise(pairs):
        if start <= at <= end:
            share = (at - start) / (end - start) if end > start else 0.0
            mixed = (
                round(a + (b - a) * share)
                for a, b in zip(rgb(first.hex), rgb(second.hex), strict=True)
            )
            alpha = first.alpha + (second.alpha - first.alpha) * share
            return Color("".join(f"{value:02X}" for value in mixed), alpha)
    return pairs[-1][1]


@dataclass
class Shape:
    """A shape on a slide (or on its layout or master), with its children if it is a group."""

    element: etree._Element
    kind: str
    """`sp`, `pic`, `grpSp`, `graphicFrame` or `cxnSp`."""
    name: str
    box: Box
    placeholder: str | None
    """The placeholder type (`title`, `body`, `ftr`, …), or None for a plain shape."""
    geometry: str
    adjust: float | None
    fill: Fill
    alt_text: str | None
    decorative: bool
    hidden: bool
    text: TextBody | None
    link: bool = False
    children: list[Shape] = field(default_factory=list)
    parent: Shape | None = None

    @property
    def has_text(self) -> bool:
        return self.text is not None and bool(self.text.text.strip())

    @property
    def body(self) -> TextBody:
        """The text of a shape that `has_text` (checks read it only after asking)."""
        assert self.text is not None, "asked for the text of a shape without text"
        return self.text

    @property
    def is_title(self) -> bool:
        return self.placeholder in TITLE_TYPES

    @property
    def is_footer(self) -> bool:
        return self.placeholder in FOOTER_TYPES

    def walk(self) -> Iterator[Shape]:
        """This shape, then its children (and theirs), in drawing order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class SlideView:
    """A slide as the checks see it."""

    number: int
    slide: Any
    """The python-pptx slide."""
    layout_name: str
    shapes: list[Shape]
    behind: list[Shape]
    """Shapes the layout and master show under the slide's own, back to front."""
    background: Fill
    palette: Palette
    notes: list[TextRun]

    def all_shapes(self) -> Iterator[Shape]:
        """Every shape of the slide, groups' members included, in drawing order."""
        for shape in self.shapes:
            yield from shape.walk()


class DeckTheme:
    """What the template's theme part defines: colours, the two theme fonts, fill styles."""

    def __init__(self, prs: Any) -> None:
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        master = prs.slide_masters[0]
        self.part = master.part.part_related_by(RT.THEME)
        """The theme part, whose relationships a background style's picture is found by."""
        theme = etree.fromstring(self.part.blob)
        self.root = theme
        self.major, self.minor = theme_fonts(theme)
        self.colors = scheme_colours(theme)
        fmt = theme.find("a:themeElements/a:fmtScheme", NS)
        self.fill_styles = list(fmt.find("a:fillStyleLst", NS)) if fmt is not None else []
        self.bg_styles = list(fmt.find("a:bgFillStyleLst", NS)) if fmt is not None else []
        self.default_text = internals.part_xml(prs.part).find(qn("p:defaultTextStyle"))

    def font(self, typeface: str) -> str:
        """A run's typeface with theme references (`+mj-lt`, `+mn-lt`) resolved."""
        if typeface.startswith("+mj"):
            return self.major
        if typeface.startswith("+mn"):
            return self.minor
        return typeface


def read_slides(prs: Any) -> list[SlideView]:
    """Every slide of the presentation `prs` (python-pptx), ready to check."""
    theme = DeckTheme(prs)
    return [_SlideReader(theme, slide, number).read() for number, slide in enumerate(prs.slides, 1)]


class _SlideReader:
    def __init__(self, theme: DeckTheme, slide: Any, number: int) -> None:
        self.theme = theme
        self.slide = slide
        self.number = number
        self.layout = slide.slide_layout
        self.master = self.layout.slide_master
        palette = Palette(theme.colors, _color_map(self.master.element.find(qn("p:clrMap"))))
        for owner in (self.layout, slide):
            override = owner.element.find("p:clrMapOvr/a:overrideClrMapping", NS)
            if override is not None:
                palette = palette.with_map(_color_map(override))
        self.palette = palette

    def read(self) -> SlideView:
        layout_el, master_el = self.layout.element, self.master.element
        behind: list[Shape] = []
        show_master = self.slide.element.get("showMasterSp", "1") not in ("0", "false")
        if show_master and layout_el.get("showMasterSp", "1") not in ("0", "false"):
            behind += self._plain_shapes(master_el)
        if show_master:
            behind += self._plain_shapes(layout_el)
        shapes = list(self._shapes(self.slide.element.find("p:cSld/p:spTree", NS), None, None))
        return SlideView(
            number=self.number,
            slide=self.slide,
            layout_name=self.layout.name,
            shapes=shapes,
            behind=behind,
            background=self._background(),
            palette=self.palette,
            notes=self._notes(),
        )

    def _plain_shapes(self, owner: etree._Element) -> list[Shape]:
        """The master's or layout's shapes a slide shows: not its placeholders, which are
        left unread (a master's sample text may run to thousands of paragraphs)."""
        tree = owner.find("p:cSld/p:spTree", NS)
        return list(self._shapes(tree, None, None, plain=True))

    def _shapes(
        self,
        tree: etree._Element,
        transform: Transform | None,
        parent: Shape | None,
        plain: bool = False,
    ) -> Iterator[Shape]:
        for element in tree:
            if element.tag not in _SHAPE_TAGS:
                continue
            if plain and element.find("./*/p:nvPr/p:ph", NS) is not None:
                continue
            shape = self._shape(element, transform, parent)
            if shape.kind == "grpSp":
                inner = Transform.of_group(element, transform)
                shape.children = list(self._shapes(element, inner, shape))
            yield shape

    def _shape(
        self, element: etree._Element, transform: Transform | None, parent: Shape | None
    ) -> Shape:
        kind = etree.QName(element).localname
        c_nv_pr = element.find("./*/p:cNvPr", NS)
        ph = element.find("./*/p:nvPr/p:ph", NS)
        ph_type = None if ph is None else ph.get("type", "body")
        chain = self._inherited(element, ph)
        box = inherited_box(chain)
        box = transform.apply(box) if transform is not None else box
        geometry, adjust = preset_geometry(chain)
        text = None
        body = element.find("p:txBody", NS)
        if body is not None:
            text = self._text(body, element, chain, ph_type)
        return Shape(
            element=element,
            kind=kind,
            name=c_nv_pr.get("name", "") if c_nv_pr is not None else "",
            box=box,
            placeholder=ph_type,
            geometry=geometry,
            adjust=adjust,
            fill=self._fill(element, chain, kind, box),
            alt_text=None if c_nv_pr is None else c_nv_pr.get("descr"),
            decorative=_is_decorative(c_nv_pr),
            hidden=c_nv_pr is not None and c_nv_pr.get("hidden") in ("1", "true"),
            text=text,
            link=c_nv_pr is not None and c_nv_pr.find("a:hlinkClick", NS) is not None,
            parent=parent,
        )

    def _inherited(
        self, element: etree._Element, ph: etree._Element | None
    ) -> list[etree._Element]:
        """The element, then the layout's and master's placeholders it inherits from."""
        chain = [element]
        if ph is None:
            return chain
        owner = etree.QName(element.getroottree().getroot()).localname
        # Without idx (LibreOffice's title and body) a placeholder is matched by type.
        ph_type, idx = ph.get("type", "body"), ph.get("idx")
        if owner == "sld":
            found = _find_placeholder(self.layout.element, idx=idx, ph_type=ph_type)
            if found is not None:
                chain.append(found)
                ph_type = found.find("./*/p:nvPr/p:ph", NS).get("type", "body")
        if owner in ("sld", "sldLayout"):
            found = _find_placeholder(self.master.element, ph_type=master_type(ph_type))
            if found is not None:
                chain.append(found)
        return chain

    def _text(
        self,
        body: etree._Element,
        element: etree._Element,
        chain: list[etree._Element],
        ph_type: str | None,
    ) -> TextBody:
        styles: list[etree._Element | None] = []
        for link in chain:
            text_body = link.find("p:txBody", NS)
            if text_body is not None:
                styles.append(text_body.find("a:lstStyle", NS))
            # A master without text styles: its layouts' and its own sample paragraphs.
            root = link.getroottree().getroot()
            if root is self.master.element:
                styles.append(sample_style(link))
            elif root is self.layout.element:
                styles.append(sample_style(link, self.master.element))
        styles = [s for s in styles if s is not None]
        tx_styles = self.master.element.find("p:txStyles", NS)
        if ph_type is not None and tx_styles is not None:
            styles.append(tx_styles.find(f"p:{text_style(ph_type)}", NS))
        elif self.theme.default_text is not None:
            styles.append(self.theme.default_text)
        font_ref = element.find("p:style/a:fontRef", NS)
        text_color = self.palette.color_of(font_ref) if font_ref is not None else None
        body_prs = [
            b.find("a:bodyPr", NS) for b in (c.find("p:txBody", NS) for c in chain) if b is not None
        ]
        reader = TextReader(
            self.palette,
            self.theme,
            [s for s in styles if s is not None],
            text_color,
            slide_number=self.number,
        )
        return reader.body(body, [b for b in body_prs if b is not None])

    def _fill(
        self, element: etree._Element, chain: list[etree._Element], kind: str, box: Box
    ) -> Fill:
        if kind == "pic":
            return Fill("picture", picture=self._picture(element.find("p:blipFill", NS), box))
        if kind == "graphicFrame":
            return Fill("unknown")
        for link in chain:
            sp_pr = link.find("p:spPr", NS) if kind != "grpSp" else link.find("p:grpSpPr", NS)
            found = self.fill_of(sp_pr, frame=box)
            if found is not None:
                return found
        ref = element.find("p:style/a:fillRef", NS)
        if ref is not None and (_whole(ref.get("idx", "0")) or 0) > 0:
            styles = self.theme.fill_styles
            index = (_whole(ref.get("idx", "0")) or 0) - 1
            if index < len(styles):
                # A theme's fill style deckgen cannot read is a fill it cannot judge.
                found = self.fill_of_element(styles[index], self.palette.color_of(ref))
                return found if found is not None else Fill("unknown")
        return Fill("none")

    def fill_of(
        self,
        owner: etree._Element | None,
        placeholder: Color | None = None,
        frame: Box | None = None,
    ) -> Fill | None:
        """The fill that `owner` (an `spPr`, `bgPr`) names, or None if it names none; a
        picture fill is read as stretched over `frame`."""
        if owner is None:
            return None
        for child in owner:
            found = self.fill_of_element(child, placeholder, frame)
            if found is not None:
                return found
        return None

    def _picture(
        self,
        blip_fill: etree._Element | None,
        frame: Box | None,
        placeholder: Color | None = None,
    ) -> Picture | None:
        """The picture a `blipFill` shows, stretched (or tiled) over `frame`, if it can be
        read: its part is found through the relationships of the part the fill is in;
        `placeholder` stands for `phClr` in its recolouring."""
        if blip_fill is None or frame is None:
            return None
        blip = blip_fill.find("a:blip", NS)
        rid = blip.get(f"{{{NS['r']}}}embed") if blip is not None else None
        owners = {
            self.slide.element: self.slide.part,
            self.layout.element: self.layout.part,
            self.master.element: self.master.part,
            self.theme.root: self.theme.part,  # a background style's picture (`bgRef`)
        }
        part = owners.get(blip_fill.getroottree().getroot())
        if not rid or part is None:
            return None
        try:
            data = part.related_part(rid).blob
        except (KeyError, AttributeError):
            return None
        rect = blip_fill.find("a:srcRect", NS)
        crop = tuple(
            (_share(rect.get(side, "0")) or 0.0) if rect is not None else 0.0
            for side in ("l", "t", "r", "b")
        )
        tiled = blip_fill.find("a:tile", NS) is not None
        duotone = None
        found = blip.find("a:duotone", NS) if blip is not None else None
        if found is not None:
            # The picture recoloured from its dark to its light colour by lightness (a
            # theme's background texture in the slide's own colour, `phClr`).
            colours = self.palette.colors_in(found, placeholder)
            if len(colours) != 2 or None in colours:
                return None
            duotone = (colours[0].hex, colours[1].hex)  # type: ignore[union-attr]
        return Picture(data, frame, crop, tiled, duotone)  # type: ignore[arg-type]

    def fill_of_element(
        self, child: etree._Element, placeholder: Color | None = None, frame: Box | None = None
    ) -> Fill | None:
        name = etree.QName(child).localname
        if name == "noFill":
            return Fill("none")
        if name == "solidFill":
            color = self.palette.color_of(child, placeholder)
            return Fill("solid", (color,)) if color else Fill("unknown")
        if name == "gradFill":
            found = list(child.iterfind("a:gsLst/a:gs", NS))
            # PowerPoint makes at most 10 stops; a list of none or of thousands (measured at
            # every point text stands, a minute and more) is a gradient not judged.
            if not found or len(found) > MAX_STOPS:
                return Fill("unknown")
            stops = [self.palette.color_of(gs, placeholder) for gs in found]
            if not all(stops):
                return Fill("unknown")
            colors = tuple(stop for stop in stops if stop)
            linear = child.find("a:lin", NS)
            if linear is None or frame is None:
                return Fill("gradient", colors)
            # Where along a linear gradient text stands: the end its text is on, not the other.
            positions = [_share(gs.get("pos", "0")) for gs in found]
            angle = _whole(linear.get("ang", "0"))
            if angle is None or any(position is None for position in positions):
                return Fill("unknown")
            return Fill(
                "gradient",
                colors,
                stops=tuple(position or 0.0 for position in positions),
                angle=angle / 60000,
                frame=frame,
            )
        if name == "blipFill":
            return Fill("picture", picture=self._picture(child, frame, placeholder))
        if name == "pattFill":
            # Text on a pattern stands on both its colours, each measured as a gradient's are.
            found = [
                self.palette.color_of(part, placeholder)
                for part in (child.find("a:fgClr", NS), child.find("a:bgClr", NS))
                if part is not None
            ]
            if len(found) != 2 or not all(found):
                return Fill("unknown")
            return Fill("pattern", tuple(colour for colour in found if colour))
        if name == "grpFill":
            return Fill("unknown")
        return None

    def _background(self) -> Fill:
        for owner in (
            self.slide.element,
            self.layout.element,
            self.master.element,
        ):
            bg = owner.find("p:cSld/p:bg", NS)
            if bg is None:
                continue
            slide = self.slide.part.package.presentation_part.presentation
            whole = Box(0, 0, slide.slide_width or 0, slide.slide_height or 0)
            found = self.fill_of(bg.find("p:bgPr", NS), frame=whole)
            if found is not None:
                return found
            ref = bg.find("p:bgRef", NS)
            index = (_whole(ref.get("idx", "0")) or 0) - 1001 if ref is not None else -1
            if 0 <= index < len(self.theme.bg_styles):
                found = self.fill_of_element(
                    self.theme.bg_styles[index], self.palette.color_of(ref), whole
                )
                if found is not None:
                    return found
        return Fill("solid", (Color("FFFFFF"),))

    def _notes(self) -> list[TextRun]:
        if not self.slide.has_notes_slide:
            return []
        notes = self.slide.notes_slide
        frame = notes.notes_placeholder
        if frame is None:
            return []
        master = notes.part.notes_master.element if hasattr(notes.part, "notes_master") else None
        styles = [frame.element.find("p:txBody/a:lstStyle", NS)]
        if master is not None:
            ph = _find_placeholder(master, ph_type="body")
            if ph is not None:
                styles.append(ph.find("p:txBody/a:lstStyle", NS))
            styles.append(master.find("p:notesStyle", NS))
        reader = TextReader(self.palette, self.theme, [s for s in styles if s is not None], None)
        body = reader.body(frame.element.find("p:txBody", NS), [])
        return [run for paragraph in body.paragraphs for run in paragraph.runs]


def _color_map(element: etree._Element | None) -> dict[str, str]:
    return {} if element is None else dict(element.attrib)


def _find_placeholder(
    owner: etree._Element, *, idx: str | None = None, ph_type: str | None = None
) -> etree._Element | None:
    for ph in owner.iterfind("p:cSld/p:spTree/*/*/p:nvPr/p:ph", NS):
        if idx is not None and ph.get("idx", "0") == idx:
            return ph.getparent().getparent().getparent()
    for ph in owner.iterfind("p:cSld/p:spTree/*/*/p:nvPr/p:ph", NS):
        if ph_type is not None and ph.get("type", "body") == ph_type:
            return ph.getparent().getparent().getparent()
    return None


def _is_decorative(c_nv_pr: etree._Element | None) -> bool:
    if c_nv_pr is None:
        return False
    return any(e.get("val") in ("1", "true") for e in c_nv_pr.iter(f"{{{DECORATIVE}}}decorative"))
