"""A slide being drawn: fills placeholders with native text and checks that the text fits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Pt

from deckgen.blocks.base import SlideReuse
from deckgen.compose import ComposedSlide
from deckgen.errors import DeckgenError, Problem
from deckgen.geometry import Box, logo_sized
from deckgen.i18n import _
from deckgen.measure import EMU_PER_PT, FontSet, measure, min_text_pt
from deckgen.ooxml import internals
from deckgen.ooxml.ns import NS, qn
from deckgen.ooxml.positions import position, shape_box
from deckgen.render.fit import numbered_margin, set_paragraphs
from deckgen.render.layouts import LayoutInfo, ph_element, placeholder_shapes
from deckgen.render.reuse import ReuseFailure, SlideReuser
from deckgen.render.runs import add_run, link_in_text_colour
from deckgen.render.shapes import Painter, set_color
from deckgen.render.styles import LevelStyle, emu_to_pt, frame_insets, level_styles
from deckgen.text import Emphasis, ListStyle, Paragraph
from deckgen.theme import Theme
from deckgen.theme.inspect import type_label
from deckgen.theme.names import placeholder_name, slot_name
from deckgen.wording import shown

_SLOT_TYPES: dict[str, tuple[PP_PLACEHOLDER, ...]] = {
    "title": (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE),
    "subtitle": (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT),
    "body": (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE),
    "picture": (PP_PLACEHOLDER.PICTURE,),
}
_OWN_TYPE_FIRST = ("subtitle", "title")
"""Slots whose first placeholder type is taken before any other, whatever its size."""
_NUMBERING = "arabicParenR"
"""`1)`, `2)`, … as in the municipality's decks."""
_BULLET_TAGS = (
    "a:buSzTx",
    "a:buSzPct",
    "a:buSzPts",
    "a:buFontTx",
    "a:buFont",
    "a:buNone",
    "a:buAutoNum",
    "a:buChar",
    "a:buBlip",
)
"""The bullet elements a list style replaces (size, font, kind; the colour stays), in the
schema's order."""
_GAP = 182880
"""A quarter inch (EMU) kept free between the title, the content and the footer."""
_SHRINK_STEP = 0.025
_MOST_LINE_REDUCTION = 0.2
"""PowerPoint's autofit takes line spacing down by at most 20 percentage points."""
_TRIM_ROOM = 1.5
"""How much taller than its text a placeholder trimmed to its text is (`trim_to_text`)."""
_LEEWAY_PT = 6.0
"""Room left under text in a placeholder grown to hold it: rounding in another renderer."""
_LOGO_GAP = _GAP // 2
"""Room (EMU) kept between text narrowed clear of the layout's logo and the logo."""
_LEAST_NARROWED = 0.5
"""The share of its width a placeholder keeps at least when narrowed clear of a logo; a logo
that would take more is left where it is (and `deckgen check` warns of the text over it)."""


class SlideCanvas:
    """One slide of the deck, as a block sees it."""

    def __init__(
        self,
        slide: Any,
        theme: Theme,
        fonts: FontSet,
        composed: ComposedSlide,
        layout: LayoutInfo | None = None,
        reuser: SlideReuser | None = None,
    ) -> None:
        """`layout` is the slide's layout already read, if the caller has it; `reuser`
        copies slides of other presentations into this deck (one for the whole deck)."""
        self.slide = slide
        self.layout = layout or LayoutInfo(slide.slide_layout)
        self.theme = theme
        self.fonts = fonts
        self.block_id = composed.block.id
        self.role = composed.block.layout_role
        self.location = composed.location
        self.source = composed.source
        self.values = composed.values
        self.reuser = reuser
        self.notes_text = ""
        """Speaker notes the slide brought along (a reused slide's), if the block has none."""
        self.reused: SlideReuse | None = None
        self.warnings: list[Problem] = []
        self._used: set[int] = set()
        self._placeholders: list[tuple[Any, int, Any]] | None = None
        self._title: tuple[Any, Sequence[Paragraph]] | None = None
        self._filled: list[tuple[Any, Sequence[Paragraph]]] = []
        self._title_bottom: int | None = None
        """Where the title ends on this slide once `tighten_title` moved it up (EMU)."""

    @property
    def shapes(self) -> Any:
        """The slide's shape tree, for blocks that draw native shapes."""
        return self.slide.shapes

    def painter(self) -> Painter:
        """A painter for native shapes on this slide."""
        return Painter(self)

    def qr_code(self, data: str, dark: str, light: str) -> bytes:
        """A PNG of a QR code for `data` in the hex colours `dark` on `light`."""
        from deckgen.render.qr import qr_png  # segno loads only for a deck with a QR code

        return qr_png(data, dark, light)

    def reuse_slide(self, reuse: SlideReuse) -> None:
        """Make this slide a copy of a slide of another presentation (`deckgen.render.reuse`);
        its placeholders are its own, so none is left out as unused."""
        reuser = self.reuser or SlideReuser(
            self.slide.part.package.presentation_part.presentation, {}
        )
        unset: list[str] = []
        try:
            result = reuser.reuse(self.slide, reuse, self.values, unset.append)
        except ReuseFailure as exc:
            raise DeckgenError(
                _("block {block_id}: {message}").format(
                    block_id=repr(self.block_id), message=exc.message
                ),
                self.location,
                exc.hint,
            ) from None
        if unset:
            raise DeckgenError(
                _(
                    "block {block_id}: the slide uses variable {{{{ {name} }}}}, which is not set"
                ).format(block_id=repr(self.block_id), name=unset[0]),
                self.location,
                # Not --set: a name the deck neither declares nor uses in its fields is refused
                # there before the slide is read.
                _("give {name} a value under the deck's `variables:`").format(name=unset[0]),
            )
        self.reused = reuse
        self.notes_text = result.notes
        self.layout = LayoutInfo(result.layout)
        self._placeholders = None
        self._used = set(range(len(placeholder_shapes(internals.shape_tree(self.slide.shapes)))))
        for message, hint in result.warnings:
            self.warn(message, hint)

    def text_panel(self) -> tuple[str, int] | None:
        """The panel (colour as the deck writes it, opacity in per cent) the theme puts under
        text a block draws on this slide without a fill of its own (a call to action's
        words): the one under the layout's text placeholders; on a layout with none (title
        only), the one under the content layout's, as the block draws where that text
        stands, under the title; else the one under the layout's title. None where the
        theme has none of them, or the slide keeps its own look."""
        if self.keeps_own_footer:
            return None
        own = self.theme.text_panels_for(self.role)
        content = self.theme.text_panels_for("content")
        return own.get("body") or content.get("body") or own.get("title")

    @property
    def keeps_own_footer(self) -> bool:
        """Whether the slide keeps the footer it came with (a reused slide in its own look)."""
        return self.reused is not None and self.reused.keep_source

    @property
    def slide_height(self) -> int:
        """The slide's height in EMU."""
        return self.slide.part.package.presentation_part.presentation.slide_height

    @property
    def min_text_pt(self) -> float:
        """The smallest readable text size on this slide, in points (`min_text_pt`)."""
        return min_text_pt(self.slide_height)

    def content_box(self) -> tuple[int, int, int, int]:
        """Left, top, width, height (EMU) of the area between the title and the footer."""
        placeholders = self.layout.placeholders
        slide_width = self.slide.part.package.presentation_part.presentation.slide_width
        slide_height = self.slide.part.package.presentation_part.presentation.slide_height
        # A placeholder's position may be left to the master; one with none counts as absent.
        title = next(
            (
                (ph.left, ph.top + ph.height)
                for ph in placeholders
                if ph.type in _SLOT_TYPES["title"]
                and ph.left is not None
                and ph.top is not None
                and ph.height is not None
            ),
            None,
        )
        # The title's left edge is the area's, unless the design sets the title well in
        # (aptia's titles start at a third of the slide): then the usual margin.
        margin = slide_width // 20
        left = title[0] if title is not None and title[0] <= 3 * margin else margin
        if self._title_bottom is not None:
            top = self._title_bottom + _GAP
        else:
            top = (title[1] + _GAP) if title is not None else slide_height // 10
        footers = [
            ph.top
            for ph in placeholders
            if ph.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
            and ph.top is not None
        ]
        bottom = (min(footers) - _GAP) if footers else slide_height - slide_height // 10
        return left, top, slide_width - 2 * left, bottom - top

    def find(self, slot: str) -> Any | None:
        """The first unused placeholder of the layout that serves `slot`, or None."""
        found = self._find(slot)
        return None if found is None else found[1]

    def _find(self, slot: str) -> tuple[int, Any] | None:
        """The number (place among the slide's placeholders) and shape of the first unused
        placeholder for `slot`, or None."""
        if self._placeholders is None:
            # python-pptx reads a placeholder's type and idx with an XPath query each time;
            # the slide's set is fixed while a block draws, so read them once, from the XML.
            parent = self.slide.placeholders
            # Told apart by their place on the slide, not by idx: a LibreOffice template's
            # title and body both lack one.
            self._placeholders = [
                (ph.type, number, SlideShapeFactory(shape, parent))
                for number, (shape, ph) in enumerate(
                    placeholder_shapes(internals.shape_tree(self.slide.shapes))
                )
            ]
        kinds = _SLOT_TYPES.get(slot, ())
        free = [
            (number, ph)
            for found_type, number, ph in self._placeholders
            if found_type in kinds and number not in self._used
        ]
        if not free:
            return None
        # By what a placeholder can hold, not only its type: a template's small text box in a
        # header bar is a `body` too, beside the large content placeholder the text is for.
        types = {number: found_type for found_type, number, _ph in self._placeholders}
        return min(free, key=lambda pair: self._rank(slot, types[pair[0]], pair[1]))

    def _rank(self, slot: str, kind: PP_PLACEHOLDER, shape: Any) -> tuple[int, int]:
        """The order `_find` tries placeholders in for `slot`: the slot's own type first (a
        subtitle's), then the largest."""
        group = _SLOT_TYPES[slot].index(kind) if slot in _OWN_TYPE_FIRST else 0
        if slot == "body" and kind == PP_PLACEHOLDER.SUBTITLE:
            group = 1  # a subtitle holds body text only where a layout has no text area
        _left, _top, width, height = self.box_of(shape)
        return (min(group, 1), -(width or 0) * (height or 0))

    def placeholder(self, slot: str) -> tuple[int, Any]:
        """The number and shape of the first unused placeholder for `slot`; an error naming
        what the layout has."""
        found = self._find(slot)
        if found is not None:
            return found
        layout = self.slide.slide_layout
        have = ", ".join(
            f"{type_label(ph.type.xml_value or 'body')} "
            f"(idx {ph.idx if ph.key[0] == 'idx' else '–'})"
            for ph in self.layout.placeholders
        )
        raise DeckgenError(
            _(
                "block {block_id}: layout {name} has no free {slot} placeholder; it has: {value}"
            ).format(
                block_id=repr(self.block_id),
                name=repr(layout.name),
                slot=slot_name(slot),
                value=have or _("none"),
            ),
            self.location,
            _("choose a layout with one for this role in the theme's `layouts:`"),
        )

    def fill(self, slot: str, paragraphs: Sequence[Paragraph], box: Box | None = None) -> None:
        """Put `paragraphs` into the placeholder for `slot`, moved to `box` if given; nothing
        to put leaves it out."""
        if not paragraphs:
            return
        idx, placeholder = self.placeholder(slot)
        self._used.add(idx)
        if box is None:
            box = self._clear_of_logos(placeholder)
        if box is not None:
            placeholder.left, placeholder.top = box.left, box.top
            placeholder.width, placeholder.height = box.width, box.height
        frame = placeholder.text_frame
        for index, paragraph in enumerate(paragraphs):
            target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            self._write(target, paragraph, is_title=slot == "title")
        self._hang_numbers(placeholder, paragraphs)
        self._wrap_words(placeholder)
        self._check_fit(placeholder, idx, slot, paragraphs)
        self._filled.append((placeholder, paragraphs))
        if slot == "title":
            self._title = (placeholder, paragraphs)

    def _clear_of_logos(self, placeholder: Any) -> Box | None:
        """The box of `placeholder` narrowed to end before each logo of the layout or master
        that its box, as the layout places it, overlaps (a logo in the corner of a title
        spanning the slide's width, as poi-bug60715's bank logo): a long title would run into
        the logo. None where it overlaps none, or narrowing would leave the text less than
        `_LEAST_NARROWED` of its width (then the check warns)."""
        box = Box(*self.box_of(placeholder))
        if box.width <= 0 or box.height <= 0:
            return None
        narrowed = box
        for logo in self._logos():
            if not narrowed.overlaps(logo):
                continue
            if logo.centre_x >= narrowed.centre_x:  # the logo at the right: end before it
                narrowed = Box(
                    narrowed.left,
                    narrowed.top,
                    logo.left - _LOGO_GAP - narrowed.left,
                    narrowed.height,
                )
            else:  # at the left: start after it
                start = logo.right + _LOGO_GAP
                narrowed = Box(start, narrowed.top, narrowed.right - start, narrowed.height)
            if narrowed.width < _LEAST_NARROWED * box.width:
                return None
        return None if narrowed == box else narrowed

    def _logos(self) -> list[Box]:
        """Where the logo-sized pictures (`logo_sized`) the slide's layout shows stand: its
        own, and its master's unless the layout hides the master's shapes."""
        layout = self.slide.slide_layout
        pictures = list(layout.element.iterfind("p:cSld/p:spTree/p:pic", NS))
        if layout.element.get("showMasterSp", "1") not in ("0", "false"):
            pictures += layout.slide_master.element.iterfind("p:cSld/p:spTree/p:pic", NS)
        presentation = self.slide.part.package.presentation_part.presentation
        size = (presentation.slide_width or 0, presentation.slide_height or 0)
        boxes = (shape_box(picture) for picture in pictures)
        return [box for box in boxes if box is not None and logo_sized(box, *size)]

    def _hang_numbers(self, placeholder: Any, paragraphs: Sequence[Paragraph]) -> None:
        """Give each numbered paragraph room for its number before its words: the margin
        and hang of `numbered_margin`, for the size the text is measured at, as the fit and
        the check read them back from the paragraph."""
        numbers = sum(paragraph.style is ListStyle.NUMBERED for paragraph in paragraphs)
        if not numbers:
            return
        least = self.min_text_pt
        styles = [
            replace(style, size_pt=max(style.size_pt, least))
            for style in level_styles(placeholder, self.layout)
        ]
        targets = placeholder.text_frame.paragraphs
        for target, paragraph in zip(targets, paragraphs, strict=False):
            if paragraph.style is not ListStyle.NUMBERED:
                continue
            style = styles[min(paragraph.level, len(styles) - 1)]
            margin, hang = numbered_margin(style, numbers, self.fonts)
            ppr = internals.paragraph_xml(target).get_or_add_pPr()
            ppr.set("marL", str(margin))
            ppr.set("indent", str(-hang))

    def _wrap_words(self, placeholder: Any) -> None:
        """Let the block's text wrap in `placeholder` where the template's master or layout
        turns wrapping off (`wrap="none"`, as OpenOffice writes its masters): there every
        paragraph would run on one line off the box, and off the slide, in PowerPoint. The
        text is measured wrapped, and the check reads the slide's own setting first."""
        body_pr = internals.text_body(placeholder.text_frame).bodyPr
        base = self.layout.base_for(ph_element(placeholder.element))
        chain = [body_pr, *(base.body_properties if base is not None else ())]
        if next((b.get("wrap") for b in chain if b.get("wrap")), "square") == "none":
            body_pr.set("wrap", "square")

    def tighten_title(self) -> bool:
        """Make the title filled on this slide only as tall as its text needs (a line's
        leeway more), from the top of its box, so a diagram under it gets the room the title
        did not use. Whether that gained room: a template's title box may be far taller than
        one line (a third of the slide on LibreOffice's Midnightblue and Progress)."""
        if self._title is None:
            return False
        placeholder, paragraphs = self._title
        left, top, width, height = self.box_of(placeholder)
        needed = self._needed_height(placeholder, paragraphs)
        if needed is None or needed >= height - _GAP:
            return False
        placeholder.left, placeholder.top = left, top
        placeholder.width, placeholder.height = width, needed
        self._title_bottom = top + needed
        return True

    def trim_to_text(self) -> None:
        """Make each placeholder filled on this slide that is taller than its text needs only
        as tall as that, with room to spare, where its text stands in it
        (top, middle or bottom, as the template anchors it), so the text stays where it
        was. For a text panel under it (`deckgen.render.panels`): a panel of a big text box
        holding one line would cover the picture with an empty plain field."""
        for placeholder, paragraphs in self._filled:
            left, top, width, height = self.box_of(placeholder)
            needed = self._needed_height(placeholder, paragraphs)
            if needed is None:
                continue
            # LibreOffice sets the text of its own templates' placeholders larger than
            # PowerPoint does (their sizes are in the layout's sample text, not in a list
            # style): room for that, so the words stay on the panel in either.
            needed = round(needed * _TRIM_ROOM)
            if needed >= height - _GAP:
                continue
            base = self.layout.base_for(ph_element(placeholder.element))
            inherited = base.body_properties if base is not None else ()
            chain = [internals.text_body(placeholder.text_frame).bodyPr, *inherited]
            anchor = next((b.get("anchor") for b in chain if b.get("anchor")), "t")
            free = height - needed
            placeholder.left, placeholder.width, placeholder.height = left, width, needed
            placeholder.top = top + {"ctr": free // 2, "b": free}.get(anchor, 0)

    def _needed_height(self, placeholder: Any, paragraphs: Sequence[Paragraph]) -> int | None:
        """How tall (EMU) `placeholder` must be to hold `paragraphs`, insets and a line's
        leeway included; None when they do not fit its box as it is."""
        _left, _top, width, height = self.box_of(placeholder)
        if width <= 0 or height <= 0:
            return None
        frame = placeholder.text_frame
        base = self.layout.base_for(ph_element(placeholder.element))
        inherited = base.body_properties if base is not None else ()
        insets = frame_insets([internals.text_body(frame).bodyPr, *inherited])
        styles = _readable(
            frame, paragraphs, level_styles(placeholder, self.layout), self.min_text_pt
        )
        body = set_paragraphs(paragraphs, styles, self.theme, insets, self.fonts)
        inner_width = emu_to_pt(width - insets[0] - insets[2])
        fit = measure(body, inner_width, emu_to_pt(height - insets[1] - insets[3]), self.fonts)
        if fit.overflows or fit.too_wide:
            return None
        return round((fit.needed + _LEEWAY_PT) * EMU_PER_PT) + insets[1] + insets[3]

    def warn(self, message: str, hint: str = "") -> None:
        """Note a problem worth a warning, on this block's file and line."""
        self.warnings.append(
            Problem(
                self.location,
                _("block {block_id}: {message}").format(
                    block_id=repr(self.block_id), message=message
                ),
                hint,
            )
        )

    def remove_unused_placeholders(self) -> None:
        """Drop placeholders no block filled, so no 'Click to add text' prompt is left, and
        put the title first in the slide's reading order (a template's layout may list its
        subtitle or a text box before its title; screen readers read in shape order)."""
        tree = internals.shape_tree(self.slide.shapes)
        title = None
        for number, (shape, ph) in enumerate(placeholder_shapes(tree)):
            if number not in self._used:
                tree.remove(shape)
            elif title is None and ph.get("type") in ("title", "ctrTitle"):
                title = shape
        shapes = list(tree.iter_shape_elms())
        if title is not None and shapes and shapes[0] is not title:
            shapes[0].addprevious(title)
        self._read_top_down(tree)

    def _read_top_down(self, tree: Any) -> None:
        """Move a shape that stands wholly above one read before it to just before that one
        (a caption placeholder above the picture drawn after it): screen readers read top to
        bottom. Shapes side by side keep the order they were drawn in."""
        footers = ("ftr", "sldNum", "dt", "title", "ctrTitle")
        for _round in range(20):
            shapes = [
                (shape, box)
                for shape in tree.iter_shape_elms()
                if (box := self._box_of(shape)) is not None
                and _placeholder_type(shape) not in footers
            ]
            moved = False
            for index, (earlier, above) in enumerate(shapes):
                later = next(
                    (shape for shape, box in shapes[index + 1 :] if box.bottom <= above.top), None
                )
                if later is not None:
                    earlier.addprevious(later)
                    moved = True
                    break
            if not moved:
                return

    def _box_of(self, shape: Any) -> Box | None:
        """Where a shape element of the slide stands: its own box, or its layout
        placeholder's."""
        left, top, width, height = position(shape)
        ph = ph_element(shape)
        base = self.layout.base_for(ph) if ph is not None else None
        if base is not None:
            left = base.left if left is None else left
            top = base.top if top is None else top
            width = base.width if width is None else width
            height = base.height if height is None else height
        if left is None or top is None or width is None or height is None:
            return None
        return Box(left, top, width, height)

    def _write(self, target: Any, paragraph: Paragraph, *, is_title: bool) -> None:
        target.level = paragraph.level
        if paragraph.space_before_pt is not None:
            target.space_before = Pt(paragraph.space_before_pt)
        if not is_title:
            _set_list_style(internals.paragraph_xml(target), paragraph.style)
        for run in paragraph.runs:
            for number, line in enumerate(run.text.split("\n")):
                if number:
                    target.add_line_break()
                if line:
                    self._add_run(target, line, run.emphasis, run.link)

    def _add_run(self, target: Any, text: str, emphasis: Emphasis, link: str | None) -> None:
        add_run(internals.paragraph_xml(target), text)  # in Danish
        if emphasis is Emphasis.NORMAL and not link:
            return
        run = target.runs[-1]
        font = run.font
        if emphasis is not Emphasis.NORMAL:
            style = self.theme.style(emphasis.value)
            if style.bold:
                font.bold = True
            if style.italic:
                font.italic = True
            if style.size:
                font.size = Pt(style.size)
            if style.color:
                set_color(font.color, self.theme.written_color(style.color))
        if link:
            run.hyperlink.address = link
            link_in_text_colour(internals.run_xml(run))

    def _check_fit(
        self, placeholder: Any, idx: int, slot: str, paragraphs: Sequence[Paragraph]
    ) -> None:
        """Shrink text that overflows, as PowerPoint's autofit would; warn if that is not enough.

        The shrink is written as `normAutofit fontScale`, which PowerPoint and LibreOffice
        both apply on opening, and never takes a paragraph's first run below `min_text_pt`.
        Whether text overflows is `deckgen.measure`'s verdict, the one the check gives too.
        """
        frame = placeholder.text_frame
        box_width, box_height = self._size(placeholder, idx)
        # Insets as PowerPoint (and the check) find them: the slide's, the layout's, the master's.
        base = self.layout.base_for(ph_element(placeholder.element))
        inherited = base.body_properties if base is not None else ()
        insets = frame_insets([internals.text_body(frame).bodyPr, *inherited])
        width = emu_to_pt(box_width - insets[0] - insets[2])
        styles = level_styles(placeholder, self.layout)
        styles = _readable(frame, paragraphs, styles, self.min_text_pt)
        body = set_paragraphs(paragraphs, styles, self.theme, insets, self.fonts)
        height = emu_to_pt(box_height - insets[1] - insets[3])
        fit = self._shrink(body, width, height)
        if fit.overflows:
            # A template's small text box with free room under it (a cover's subtitle over an
            # empty lower half): the box grows into the room before the text runs off it.
            grown = self._room_below(placeholder)
            if grown > box_height:
                body.font_scale, body.line_reduction = 1.0, 0.0
                taller = self._shrink(body, width, emu_to_pt(grown - insets[1] - insets[3]))
                # As tall as the text needs (a line's leeway more), never past the room.
                needed = round((taller.needed + _LEEWAY_PT) * EMU_PER_PT) + insets[1] + insets[3]
                left, top, wide, _high = self.box_of(placeholder)
                placeholder.left, placeholder.top = left, top
                tall = min(grown, max(needed, box_height))
                placeholder.width, placeholder.height = wide, tall
                body.font_scale, body.line_reduction = 1.0, 0.0
                fit = self._shrink(body, width, emu_to_pt(tall - insets[1] - insets[3]))
        if fit.overflows and slot != "title":
            # Still too much: the room the title above does not use (a LibreOffice title box
            # three lines tall over a one-line title), the text box's top moved up into it.
            raised = self._raised(placeholder, box_height)
            if raised is not None:
                left, top, wide, tall = raised
                placeholder.left, placeholder.top = left, top
                placeholder.width, placeholder.height = wide, tall
                body.font_scale, body.line_reduction = 1.0, 0.0
                fit = self._shrink(body, width, emu_to_pt(tall - insets[1] - insets[3]))
        if body.font_scale < 1.0 or body.line_reduction:
            _set_font_scale(frame, body.font_scale, body.line_reduction)
        if fit.overflows:
            self.warnings.append(
                Problem(
                    self.location,
                    _("block {block_id}: the text runs off {box} ({shortfall})").format(
                        block_id=repr(self.block_id),
                        box=placeholder_name(slot),
                        shortfall=fit.shortfall,
                    ),
                    _("shorten the text or split it over two blocks"),
                )
            )
        if fit.too_wide:
            self.warn(
                _("the word {word} is wider than {box} and is broken in the middle").format(
                    word=shown(fit.too_wide), box=placeholder_name(slot)
                ),
                _("use a shorter word, or a hyphen where it may break"),
            )

    def _shrink(self, body: Any, width: float, height: float) -> Any:
        """Measure `body` in `width` × `height` points, shrinking it as PowerPoint's autofit
        would while it overflows or a word is wider than its line: the font (never a
        paragraph's first run below `min_text_pt`), then, for height, the line spacing by up
        to a fifth."""
        smallest = min((p.runs[0].size_pt if p.runs else p.end_size_pt) for p in body.paragraphs)
        fit = measure(body, width, height, self.fonts)
        least = self.min_text_pt
        # A word wider than its line is broken mid-word: the font shrinks until the longest
        # word fits too (as far as the readable minimum allows; the check flags the rest).
        while (fit.overflows or fit.too_wide) and smallest * (
            body.font_scale - _SHRINK_STEP
        ) >= least:
            body.font_scale -= _SHRINK_STEP
            fit = measure(body, width, height, self.fonts)
        while fit.overflows and body.line_reduction < _MOST_LINE_REDUCTION:
            body.line_reduction = round(body.line_reduction + 0.1, 1)
            fit = measure(body, width, height, self.fonts)
        if fit.overflows:
            body.line_reduction = 0.0  # no help: leave the spacing as the template has it
            fit = measure(body, width, height, self.fonts)
        return fit

    def _raised(self, placeholder: Any, box_height: int) -> tuple[int, int, int, int] | None:
        """The box of `placeholder` reaching up to just under the title's text, the title
        made only as tall as its text (`tighten_title`), down as far as `_room_below`: when
        the title filled on this slide stands above it; None if that gains nothing."""
        if self._title is None or self._title[0] is placeholder:
            return None
        left, top, width, height = self.box_of(placeholder)
        t_left, t_top, t_width, _t_height = self.box_of(self._title[0])
        beside = t_left < left + width and left < t_left + t_width
        if not beside or t_top >= top:
            return None
        if self._title_bottom is None and not self.tighten_title():
            return None
        if self._title_bottom is None:
            return None
        raised = self._title_bottom + _GAP
        if raised >= top:
            return None
        bottom = top + max(self._room_below(placeholder), box_height, height)
        return left, raised, width, bottom - raised

    def _room_below(self, placeholder: Any) -> int:
        """How tall (EMU) `placeholder` may grow downwards: to the next placeholder of the
        layout below it that it overlaps sideways, the footer, or the slide's lower tenth."""
        left, top, width, height = self.box_of(placeholder)
        slide_height = self.slide_height
        bottom = slide_height - slide_height // 10
        own = self.layout.base_for(ph_element(placeholder.element))
        for ph in self.layout.placeholders:
            if ph is own or None in (ph.left, ph.top, ph.width, ph.height):
                continue
            beside = ph.left < left + width and left < ph.left + ph.width  # type: ignore[operator]
            if beside and ph.top >= top + height // 2:  # type: ignore[operator]
                bottom = min(bottom, ph.top - _GAP)  # type: ignore[operator]
        return max(bottom - top, 0)

    def box_of(self, placeholder: Any) -> tuple[int, int, int, int]:
        """Left, top, width and height (EMU) of a slide placeholder: its own, else those of
        the layout placeholder it inherits from. python-pptx looks a placeholder without idx
        up as idx 0, the title, so a LibreOffice body would get the title's box."""
        element = placeholder.element
        xfrm = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        off = xfrm.find(qn("a:off")) if xfrm is not None else None
        ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
        if off is not None and ext is not None:
            return (
                int(off.get("x", "0")),
                int(off.get("y", "0")),
                int(ext.get("cx", "0")),
                int(ext.get("cy", "0")),
            )
        base = self.layout.base_for(ph_element(element))
        if base is None or None in (base.left, base.top, base.width, base.height):
            return placeholder.left, placeholder.top, placeholder.width, placeholder.height
        return base.left, base.top, base.width, base.height  # type: ignore[return-value]

    def _size(self, placeholder: Any, idx: int) -> tuple[int, int]:
        """Width and height of a slide placeholder: its own, else its layout placeholder's
        (what python-pptx's `width` and `height` give, without searching the layout)."""
        element = placeholder.element
        width, height = element.cx, element.cy
        base = self.layout.base_for(ph_element(element))
        if width is None and base is not None:
            width = base.width
        if height is None and base is not None:
            height = base.height
        return width, height


def _readable(
    frame: Any, paragraphs: Sequence[Paragraph], styles: list[LevelStyle], least: float
) -> list[LevelStyle]:
    """`styles` with none below `least` points: text the template sets smaller (python-pptx's
    caption is 14 pt) is written at the minimum, which `deckgen check` asks of all text but
    footers; runs with a size of their own keep it."""
    raised = [replace(style, size_pt=max(style.size_pt, least)) for style in styles]
    for target, paragraph in zip(frame.paragraphs, paragraphs, strict=False):
        if styles[min(paragraph.level, len(styles) - 1)].size_pt >= least:
            continue
        for run in target.runs:
            if run.font.size is None:
                run.font.size = Pt(least)
    return raised


def _set_font_scale(frame: Any, scale: float, line_reduction: float = 0.0) -> None:
    autofit = internals.text_body(frame).bodyPr.get_or_change_to_normAutofit()
    if scale < 1.0:
        autofit.set("fontScale", str(round(scale * 100000)))
    if line_reduction:
        autofit.set("lnSpcReduction", str(round(line_reduction * 100000)))


def _set_list_style(p: etree._Element, style: ListStyle) -> None:
    ppr = p.get_or_add_pPr()
    for tag in _BULLET_TAGS:
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if style is ListStyle.PLAIN:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
        _insert_bullet(ppr, etree.SubElement(ppr, qn("a:buNone")))
    elif style is ListStyle.NUMBERED:
        # The number in the words' own font and size: a template's bullet is often a
        # Wingdings mark at 45 % (LibreOffice's Lights), which a number must not inherit.
        for tag in ("a:buSzTx", "a:buFontTx"):
            _insert_bullet(ppr, etree.SubElement(ppr, qn(tag)))
        numbering = etree.SubElement(ppr, qn("a:buAutoNum"))
        numbering.set("type", _NUMBERING)
        _insert_bullet(ppr, numbering)


def _insert_bullet(ppr: etree._Element, element: etree._Element) -> None:
    """Move `element` before any child that the schema orders after bullets."""
    for follower in ("a:tabLst", "a:defRPr", "a:extLst"):
        found = ppr.find(qn(follower))
        if found is not None:
            found.addprevious(element)
            return


def _placeholder_type(shape: Any) -> str | None:
    """The placeholder type of a shape element (`obj` when it names none); None for a shape
    that is no placeholder."""
    ph = ph_element(shape)
    return None if ph is None else str(ph.get("type", "obj"))
