"""Native shapes for the drawn blocks: cards with text, arrows, groups, pictures, alt text.

A `Painter` draws on one slide in the theme's colours and fonts, asked for by role, so a new
theme file restyles every model. Text stays live text in the shapes, sized from the shape's
measurements with the theme's font metrics so it fits; everything can be edited in PowerPoint.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Emu, Pt

from deckgen.geometry import (
    CORNER_RADIUS,
    ELLIPSE_TEXT_INSET,
    ELLIPSE_TEXT_SHARE,
    EMU_PER_PT,
    MEASURE_SLACK,
    ROUND_RECT_TEXT_LOSS,
    TEXT_INSET_X,
    TEXT_INSET_Y,
    Box,
    SizeRange,
)
from deckgen.i18n import _
from deckgen.marks import Direction, Line, Look, Outline
from deckgen.measure import MIN_BODY_PT, STANDARD_HEIGHT_EMU, FontSet, Measure, measure
from deckgen.ooxml import internals
from deckgen.ooxml.ns import DECORATIVE, NS, qn
from deckgen.render.media import picture_kind, picture_part
from deckgen.render.runs import DANISH, add_run, color_element, link_in_text_colour, scheme_name
from deckgen.text import TextBody, TextParagraph, TextRun
from deckgen.theme import Theme

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_SIZE_STEP = 0.5
"""Text is shrunk in half-point steps until it fits."""
_OUTLINES = {Outline.ROUNDED: MSO_SHAPE.ROUNDED_RECTANGLE, Outline.ELLIPSE: MSO_SHAPE.OVAL}
_ARROWS = {
    Direction.RIGHT: MSO_SHAPE.RIGHT_ARROW,
    Direction.LEFT: MSO_SHAPE.LEFT_ARROW,
    Direction.DOWN: MSO_SHAPE.DOWN_ARROW,
}
_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


class Painter:
    """Draws shapes onto one slide with one theme; remembers text that would not fit.

    Boxes and text sizes are in drawing units: EMU and points on a slide of the standard
    19.05 cm height, scaled to the slide's own height when drawn. A model thus looks the same
    on a Keynote slide twice that tall, and its text is judged against `MIN_BODY_PT` there as
    on any other.
    """

    min_size: float = MIN_BODY_PT

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self.shapes = canvas.shapes
        self.theme: Theme = canvas.theme
        # A shape's text is in the heading or the body font: measured with the wider of the
        # two, so the build never finds room the check (which reads each run's font) does not.
        self.fonts: FontSet = canvas.fonts.widest()
        self.scale: float = canvas.slide_height / STANDARD_HEIGHT_EMU
        self.panel: tuple[str, int] | None = canvas.text_panel()
        """The theme's panel under text drawn without a fill (`SlideCanvas.text_panel`)."""
        self._panels: dict[Any, Any] = {}
        """The panel drawn under each such shape's text (by the shape's element)."""

    def area(self) -> Box:
        """The free area under the title, in drawing units."""
        return self._drawing(Box(*self.canvas.content_box()))

    def actual(self, box: Box) -> Box:
        """`box` (drawing units) in the slide's EMU; never narrower or lower than 1 EMU, as
        PowerPoint opens no shape of a negative size (a diagram squeezed under a low title
        is warned about as text that does not fit)."""
        s = self.scale
        return Box(
            round(box.left * s),
            round(box.top * s),
            max(round(box.width * s), 1),
            max(round(box.height * s), 1),
        )

    def _drawing(self, box: Box) -> Box:
        if self.scale == 1.0:
            return box
        s = self.scale
        return Box(
            round(box.left / s), round(box.top / s), round(box.width / s), round(box.height / s)
        )

    def set_color(self, color_format: Any, role: str) -> None:
        """Colour `color_format` (a fill's or a font's) in the theme's colour for `role`."""
        set_color(color_format, self.theme.written_color(role))

    def fitted_size(
        self,
        cards: Iterable[tuple[Sequence[Line], Box, Outline]],
        sizes: SizeRange,
        *,
        quiet: bool = False,
    ) -> float:
        """The largest size in `sizes` at which every card's text fits its box.

        Cards measured together get one size, so parallel parts of a model look alike. If
        even the smallest size is too big, the slide gets a warning and the smallest size;
        a size below `min_size` gets the warning `deckgen check` would give. `quiet`: a
        trial, which warns of nothing.
        """
        cards = list(cards)
        size = sizes.largest
        while size > sizes.smallest and not all(self._fits(*card, size) for card in cards):
            size -= _SIZE_STEP
        if quiet:
            return size
        first = next((lines[0].text for lines, _box, _outline in cards if lines), "")
        if size < self.min_size and first:
            self._warn(
                _("the text {text}… is set at {size:g} pt, below {least:g} pt").format(
                    text=repr(first), size=size, least=self.min_size
                )
            )
        for lines, box, outline in cards:
            fit = self._measure(lines, box, outline, size)
            if fit.overflows or fit.too_wide:
                self._warn(
                    _("the text {text}… does not fit its shape").format(text=repr(lines[0].text))
                )
        return size

    def cards(
        self,
        cards: Sequence[tuple[Box, Look, Sequence[Line], str]],
        outline: Outline,
        sizes: SizeRange,
        *,
        quiet: bool = False,
    ) -> list[Any]:
        """Cards (box, look, lines, name) of one `outline`, their text in one fitted size;
        `quiet`: no warnings (the size was fitted, and warned of, before)."""
        measured = ((lines, box, outline) for box, _, lines, _ in cards)
        size = self.fitted_size(measured, sizes, quiet=quiet)
        return [
            self.card(box, outline, look, lines, size, name) for box, look, lines, name in cards
        ]

    def fitted_card(
        self,
        box: Box,
        outline: Outline,
        look: Look,
        lines: Sequence[Line],
        sizes: SizeRange,
        name: str,
    ) -> tuple[Any, float]:
        """A card whose text is as large as fits in `sizes`; returns it and that size."""
        size = self.fitted_size([(lines, box, outline)], sizes)
        return self.card(box, outline, look, lines, size, name), size

    def card(
        self, box: Box, outline: Outline, look: Look, lines: Sequence[Line], size: float, name: str
    ) -> Any:
        """A shape at `box` holding `lines` at `size` points; with no outline, a text box."""
        drawn = self.actual(box)
        if outline is Outline.NONE:
            shape = self.shapes.add_textbox(drawn.left, drawn.top, drawn.width, drawn.height)
        else:
            shape = self.shapes.add_shape(
                _OUTLINES[outline], drawn.left, drawn.top, drawn.width, drawn.height
            )
            _drop_style(shape)
        shape.name = name
        if outline is Outline.ROUNDED:
            shape.adjustments[0] = CORNER_RADIUS / min(box.width, box.height)
        if look.fill:
            shape.fill.solid()
            self.set_color(shape.fill.fore_color, look.fill)
        else:
            shape.fill.background()
        shape.line.fill.background()
        self._write(shape.text_frame, lines, look, size, _insets(outline))
        if not look.fill and self.panel is not None and lines:
            self._add_panel(self.panel, shape, (box, outline, look, lines, size))
        return shape

    def _add_panel(
        self,
        panel: tuple[str, int],
        shape: Any,
        card: tuple[Box, Outline, Look, Sequence[Line], float],
    ) -> None:
        """A text panel just under `shape`, where the theme has one: as wide as the shape and
        as tall as its text (insets included), where the text stands in it (`look.anchor`),
        so no empty stretch of panel covers the picture below the words. The shape, which
        has no fill, is trimmed to the panel: its text stays where it was, and nothing of
        the shape lies off the panel (where `deckgen check` would judge its text on the
        picture)."""
        box, outline, look, lines, size = card
        height = min(self.text_height(lines, box, outline, size), box.height)
        free = box.height - height
        top = box.top + {"top": 0, "middle": free // 2, "bottom": free}[look.anchor]
        tree = internals.shape_tree(self.shapes)
        drawn = self.actual(Box(box.left, top, box.width, height))
        # Read in by python-pptx, so the group it may join takes it as one of its shapes.
        element = parse_xml(etree.tostring(panel_element(next_shape_id(tree), drawn, *panel)))
        shape.element.addprevious(element)
        shape.top, shape.height = drawn.top, drawn.height
        self._panels[shape.element] = SlideShapeFactory(element, self.shapes)

    def arrow(self, box: Box, direction: Direction, fill: str, name: str) -> Any:
        """A block arrow filling `box`, pointing `direction`."""
        drawn = self.actual(box)
        shape = self.shapes.add_shape(
            _ARROWS[direction], drawn.left, drawn.top, drawn.width, drawn.height
        )
        shape.name = name
        _drop_style(shape)
        shape.fill.solid()
        self.set_color(shape.fill.fore_color, fill)
        shape.line.fill.background()
        return shape

    def picture(
        self,
        data: bytes,
        box: Box,
        name: str,
        alt_text: str | None,
        *,
        crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
        link: str | None = None,
    ) -> Any:
        """The picture `data` at `box`, `crop` shares (left, top, right, bottom) cut off.

        `alt_text` None marks it decorative; `link` makes a click on it open the address.
        """
        picture = _add_picture(self.shapes, data, self.actual(box))
        picture.name = name
        picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom = crop
        if link:
            picture.click_action.hyperlink.address = link
        if alt_text is None:
            mark_decorative(picture)
        else:
            set_alt_text(picture, alt_text)
        return picture

    def placeholder_box(self, slot: str) -> Box | None:
        """Where the layout puts its placeholder for `slot` (`picture`), if it has one: the
        part of it on the slide. A template's picture frame may bleed past the slide's edge
        (a photo reaching the edge); a picture drawn there would be cut off when shown."""
        shape = self.canvas.find(slot)
        if shape is None:
            return None
        left, top, width, height = self.canvas.box_of(shape)
        prs = self.canvas.slide.part.package.presentation_part.presentation
        right = min(left + width, prs.slide_width or left + width)
        bottom = min(top + height, prs.slide_height or top + height)
        left, top = max(left, 0), max(top, 0)
        if right <= left or bottom <= top:
            return None
        return self._drawing(Box(left, top, right - left, bottom - top))

    def group(self, members: Sequence[Any], name: str, alt_text: str) -> Any:
        """Put `members` in one group that moves as one, described by `alt_text`."""
        # A member's text panel goes into the group just under it, to move with its text.
        with_panels = []
        for member in members:
            panel = self._panels.get(member.element)
            with_panels += [member] if panel is None else [panel, member]
        group = self.shapes.add_group_shape(with_panels)
        group.name = name
        set_alt_text(group, alt_text)
        return group

    def _write(
        self, frame: Any, lines: Sequence[Line], look: Look, size: float, insets: tuple[int, int]
    ) -> None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = _ANCHOR[look.anchor]
        scale = self.scale
        frame.margin_left = frame.margin_right = round(insets[0] * scale)
        frame.margin_top = frame.margin_bottom = round(insets[1] * scale)
        size = size * scale if scale != 1.0 else size
        font_name = self.theme.fonts.heading if look.font == "heading" else self.theme.fonts.body
        color = self.theme.written_color(look.text)
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.alignment = _ALIGN[look.align]
            if index and line.space_before:
                paragraph.space_before = Pt(round(size * line.space_before, 1))
            if line.bullet:
                _set_bullet(paragraph, Emu(round(size * line.indent * EMU_PER_PT)))
            # What python-pptx writes for setting the run's font name, size, bold, colour
            # and language, in that order.
            points = Pt(round(size * line.scale, 1)).centipoints
            bold = "1" if line.bold else "0"
            attributes = (("sz", str(points)), ("b", bold), ("lang", DANISH))
            add_run(
                internals.paragraph_xml(paragraph),
                line.text,
                attributes,
                color=color,
                typeface=font_name,
            )
            if line.link:
                paragraph.runs[-1].hyperlink.address = line.link
                link_in_text_colour(internals.run_xml(paragraph.runs[-1]))

    def text_height(self, lines: Sequence[Line], box: Box, outline: Outline, size: float) -> int:
        """The height (EMU) a shape as wide as `box` needs to hold `lines` at `size`."""
        fit = self._measure(lines, box, outline, size, MEASURE_SLACK)
        needed = (None if fit.too_wide else fit.needed) or fit.available
        frame = box.height - fit.available * EMU_PER_PT  # what the outline and the insets take
        return round(needed * EMU_PER_PT + frame)

    def _fits(self, lines: Sequence[Line], box: Box, outline: Outline, size: float) -> bool:
        """Whether `lines` fit at `size` with room to spare: wrapped into `MEASURE_SLACK` of
        the width, no word broken, no overrun. Sizes are chosen by this; whether text that
        does not fit this way is a problem is `deckgen.measure`'s verdict."""
        fit = self._measure(lines, box, outline, size, MEASURE_SLACK)
        return not fit.too_wide and fit.needed <= fit.available

    def _measure(
        self, lines: Sequence[Line], box: Box, outline: Outline, size: float, share: float = 1.0
    ) -> Measure:
        width, height = text_area(box, outline)
        return measure(
            set_lines(lines, size, _insets(outline)), width, height, self.fonts, share=share
        )

    def _warn(self, message: str) -> None:
        self.canvas.warn(message, _("shorten the text, or spread it over more parts"))


def set_color(color_format: Any, color: str) -> None:
    """Set python-pptx's `color_format` to `color`: hex, or `scheme:accent1`, written as a
    reference to the template's scheme."""
    name = scheme_name(color)
    if name is None:
        color_format.rgb = RGBColor.from_string(color)
    else:
        color_format.theme_color = MSO_THEME_COLOR.from_xml(name)


def _add_picture(shapes: Any, data: bytes, box: Box) -> Any:
    """What python-pptx's `shapes.add_picture` adds for `data` at `box`, without Pillow.

    python-pptx opens a picture with Pillow three times, to learn its format and its native
    size; the first open in a process loads Pillow's format plugins, which takes longer than
    all the rest of drawing a deck's pictures. deckgen's pictures are PNG or JPEG (made by
    `deckgen.assets` or `deckgen.render.qr`) and always get a size, so the format is read
    from the first bytes and the native size is not needed. Anything else goes to python-pptx.
    """
    if picture_kind(data) is None or not (box.width and box.height):
        return shapes.add_picture(io.BytesIO(data), box.left, box.top, box.width, box.height)
    slide_part = shapes.part
    # The same picture twice in a package is one part, as python-pptx has it.
    image_part = picture_part(slide_part.package, data)
    rId = slide_part.relate_to(image_part, RT.IMAGE)
    return internals.add_picture(shapes, image_part, rId, box)


def set_lines(lines: Sequence[Line], size: float, insets: tuple[int, int]) -> TextBody:
    """A card's `lines` at `size` points as set text, for the one measurer: each line one
    run, a bullet hanging by its indent, in a frame that does not shrink."""
    return TextBody(
        [
            TextParagraph(
                runs=[
                    TextRun(
                        line.text,
                        size * line.scale,
                        line.bold,
                        False,
                        None,
                        "",
                        DANISH,
                        bool(line.link),
                    )
                ],
                level=0,
                margin_left=round(size * line.indent * EMU_PER_PT) if line.bullet else 0,
                line_spacing=("pct", 1.0),
                space_before_pt=size * line.space_before,
                space_after_pt=0.0,
                end_size_pt=size * line.scale,
            )
            for line in lines
        ],
        (insets[0], insets[1], insets[0], insets[1]),
        wrap=True,
        autofit="none",
        font_scale=1.0,
        line_reduction=0.0,
    )


def text_area(box: Box, outline: Outline) -> tuple[float, float]:
    """Width and height (points) that text has inside a shape of `box` and `outline`."""
    width, height = float(box.width), float(box.height)
    if outline is Outline.ELLIPSE:
        width, height = width * ELLIPSE_TEXT_SHARE, height * ELLIPSE_TEXT_SHARE
    elif outline is Outline.ROUNDED:
        loss = 2 * CORNER_RADIUS * ROUND_RECT_TEXT_LOSS
        width, height = width - loss, height - loss
    inset_x, inset_y = _insets(outline)
    return (width - 2 * inset_x) / EMU_PER_PT, (height - 2 * inset_y) / EMU_PER_PT


def _insets(outline: Outline) -> tuple[int, int]:
    """Left/right and top/bottom space between a shape's text area and its text."""
    if outline is Outline.ELLIPSE:
        return ELLIPSE_TEXT_INSET, ELLIPSE_TEXT_INSET
    return TEXT_INSET_X, TEXT_INSET_Y


def panel_element(shape_id: int, box: Box, color: str, opacity: int) -> Any:
    """A text panel: a plain rectangle (`p:sp`) over `box` (EMU) in `color` (hex or
    `scheme:bg1`), `opacity` per cent opaque, with no outline and no text, marked decorative.
    It goes just below the text it carries in the slide's order."""
    sp = etree.Element(qn("p:sp"), nsmap={"p": NS["p"], "a": NS["a"]})
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    name = _("Text panel") + f" {shape_id}"
    etree.SubElement(nv, qn("p:cNvPr"), id=str(shape_id), name=name)
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))
    properties = etree.SubElement(sp, qn("p:spPr"))
    xfrm = etree.SubElement(properties, qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=str(box.left), y=str(box.top))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(box.width), cy=str(box.height))
    geometry = etree.SubElement(properties, qn("a:prstGeom"), prst="rect")
    etree.SubElement(geometry, qn("a:avLst"))
    value = color_element(etree.SubElement(properties, qn("a:solidFill")), color)
    if opacity < 100:
        etree.SubElement(value, qn("a:alpha")).set("val", str(opacity * 1000))
    etree.SubElement(etree.SubElement(properties, qn("a:ln")), qn("a:noFill"))
    mark_decorative(_Wrapped(sp))
    return sp


def next_shape_id(tree: Any) -> int:
    """An id no shape in the shape tree `tree` has yet."""
    return 1 + max((int(e.get("id", "0")) for e in tree.iter(qn("p:cNvPr"))), default=0)


class _Wrapped:
    """The little of a python-pptx shape `mark_decorative` uses: its element."""

    def __init__(self, element: Any) -> None:
        self.element = element


def set_alt_text(shape: Any, text: str) -> None:
    """Describe `shape` for screen readers (PowerPoint's Alt Text)."""
    _c_nv_pr(shape).set("descr", text)


def mark_decorative(shape: Any) -> None:
    """Mark `shape` as decorative, so screen readers skip it (PowerPoint's 'Mark as decorative')."""
    c_nv_pr = _c_nv_pr(shape)
    c_nv_pr.set("descr", "")
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_DECORATIVE_URI)
    decorative = etree.SubElement(ext, f"{{{DECORATIVE}}}decorative", nsmap={"adec": DECORATIVE})
    decorative.set("val", "1")


def _c_nv_pr(shape: Any) -> Any:
    element = shape.element
    return element.find(f"./*/{qn('p:cNvPr')}")


def _drop_style(shape: Any) -> None:
    """Remove the shape's theme style reference, so no theme shadow or outline creeps in."""
    style = shape.element.find(qn("p:style"))
    if style is not None:
        shape.element.remove(style)


def _set_bullet(paragraph: Any, indent: int) -> None:
    """A `•` bullet hanging `indent` EMU to the left of the text."""
    ppr = internals.paragraph_xml(paragraph).get_or_add_pPr()
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    bullet = etree.SubElement(ppr, qn("a:buChar"))
    bullet.set("char", "•")
