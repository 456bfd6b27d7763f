"""The footer and slide number of a slide, copied from its layout and styled to stand alone.

A template often styles its footer only on the master (size, colour, alignment in the master
placeholder's list style). PowerPoint follows the chain from slide to layout to master, but
LibreOffice draws a slide's footer without it (in ~18 pt of a serif default), so the slide's
own footer gets the nearest list style in the chain. Its text is Danish, and in the theme's
footer colour when the theme names one (a template's pale grey often reads too faintly).
"""

from __future__ import annotations

import copy
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.geometry import MEASURE_SLACK
from deckgen.measure import EMU_PER_PT, FontSet, measure, text_width_pt
from deckgen.ooxml.ns import qn
from deckgen.render.layouts import LayoutInfo, LayoutPlaceholder
from deckgen.render.notes import set_text
from deckgen.render.runs import DANISH, color_element
from deckgen.render.styles import frame_insets, level_styles
from deckgen.text import TextBody, TextParagraph, TextRun

_FILLS = tuple(qn(f"a:{kind}") for kind in ("noFill", "solidFill", "gradFill", "blipFill"))
_FILLS += (qn("a:pattFill"), qn("a:grpFill"))


def add_footer(
    slide: Any,
    layout: LayoutInfo,
    text: str,
    slide_number: bool,
    color: str,
    number_color: str = "",
    fonts: FontSet | None = None,
) -> None:
    """Copy the layout's footer (saying `text`, if any) and slide-number placeholders onto
    the slide; `color` is a colour for both (hex or `scheme:accent1`), or empty to keep the
    template's; `number_color`, if given, the slide number's instead. With `fonts`, a footer
    box too small for the text (a template's box made for a short date) is made as wide and
    tall as the text needs, where the slide has room beside and around it (`_fit`)."""
    wanted = {PP_PLACEHOLDER.FOOTER: bool(text), PP_PLACEHOLDER.SLIDE_NUMBER: slide_number}
    for placeholder in layout.placeholders:
        if not wanted.get(placeholder.type):
            continue
        element = layout.clone(placeholder, slide.shapes, with_text=True)
        body = element.get_or_add_txBody()
        own = number_color if placeholder.type == PP_PLACEHOLDER.SLIDE_NUMBER else ""
        _style(body, placeholder, own or color)
        if placeholder.type == PP_PLACEHOLDER.FOOTER:
            set_text(body, text, DANISH)
            if fonts is not None:
                _fit(element, placeholder, layout, text, fonts, slide, slide_number)
        else:
            for tag in ("a:rPr", "a:endParaRPr"):
                for properties in body.iter(qn(tag)):
                    properties.set("lang", DANISH)


def refit_footer(
    slide: Any, layout: LayoutInfo, text: str, slide_number: bool, fonts: FontSet
) -> None:
    """Fit the footer of a slide copied from one drawn for another deck (`SlideCache`) to
    this deck's `text`, from the layout's box again."""
    footer = next((p for p in layout.placeholders if p.type == PP_PLACEHOLDER.FOOTER), None)
    if footer is None:
        return
    for shape in slide.placeholders:
        if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
            xfrm = shape.element.spPr.find(qn("a:xfrm"))
            if xfrm is not None:
                shape.element.spPr.remove(xfrm)
            _fit(shape.element, footer, layout, text, fonts, slide, slide_number)
            return


class _Shape:
    """A slide's `p:sp` where the style resolver wants a shape (it reads `.element`)."""

    def __init__(self, element: Any) -> None:
        self.element = element


def _fit(
    element: Any,
    placeholder: LayoutPlaceholder,
    layout: LayoutInfo,
    text: str,
    fonts: FontSet,
    slide: Any,
    slide_number: bool,
) -> None:
    """Make the slide's footer `element` hold `text` on one line where its box is too narrow
    or too low for it: wider (from the side its text is aligned to, not over the slide
    number and within the slide's margins), then taller (about its middle, on the slide).
    Its text keeps the template's size: the footer is the template's design, and the check
    measures it as it stands (`fit.text`)."""
    if None in (placeholder.left, placeholder.top, placeholder.width, placeholder.height):
        return
    left, top = int(placeholder.left or 0), int(placeholder.top or 0)
    width, height = int(placeholder.width or 0), int(placeholder.height or 0)
    style = level_styles(_Shape(element), layout, 1)[0]
    insets = frame_insets(
        [element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}"), *placeholder.body_properties]
    )
    line = text.replace("\n", " ")
    body = TextBody(
        [
            TextParagraph(
                [TextRun(line, style.size_pt, style.bold, False, None, "+mn-lt", DANISH, False)],
                0,
                style.margin_left,
                style.line_spacing,
                style.space_before_pt,
                style.space_after_pt,
                style.size_pt,
            )
        ],
        insets,
        wrap=True,
        autofit="none",
        font_scale=1.0,
        line_reduction=0.0,
    )
    across = insets[0] + insets[2]
    down = insets[1] + insets[3]
    fit = measure(body, (width - across) / EMU_PER_PT, (height - down) / EMU_PER_PT, fonts)
    if not (fit.overflows or fit.too_wide):
        return
    presentation = slide.part.package.presentation_part.presentation
    slide_width, slide_height = presentation.slide_width, presentation.slide_height
    face = fonts.get(style.bold, False)
    drawn = text_width_pt(line, face, style.size_pt) * fonts.width / MEASURE_SLACK
    wanted = round(drawn * EMU_PER_PT) + across + style.margin_left + 2 * EMU_PER_PT
    if wanted > width:
        margin = slide_width // 40
        low, high = margin, slide_width - margin
        for other in layout.placeholders:
            if (
                other.type != PP_PLACEHOLDER.SLIDE_NUMBER
                or not slide_number
                or None in (other.left, other.top, other.width, other.height)
            ):
                continue
            o_left, o_top = int(other.left or 0), int(other.top or 0)
            o_right, o_bottom = o_left + int(other.width or 0), o_top + int(other.height or 0)
            if o_bottom <= top or o_top >= top + height:
                continue  # not on the footer's line
            if o_right <= left + width // 2:
                low = max(low, o_right)
            elif o_left >= left + width // 2:
                high = min(high, o_left)
        align = _alignment(element)
        grow = wanted - width
        if align == "l":
            new_left = left
        elif align == "r":
            new_left = left - grow
        else:
            new_left = left - grow // 2
        new_left = max(low, min(new_left, high - wanted))
        new_width = min(wanted, high - new_left)
        if new_width > width:
            left, width = new_left, new_width
    fit = measure(body, (width - across) / EMU_PER_PT, (height - down) / EMU_PER_PT, fonts)
    if fit.overflows:
        tall = round(fit.needed * EMU_PER_PT) + down + EMU_PER_PT
        new_top = max(0, top - (tall - height) // 2)
        new_top = min(new_top, slide_height - tall)
        if new_top >= 0:
            top, height = new_top, tall
    element.x, element.y, element.cx, element.cy = left, top, width, height


def _alignment(element: Any) -> str:
    """How the footer's first paragraph is aligned (`l`, `ctr`, `r`), as its own list style
    (copied from the chain by `_style`) says; left when none does."""
    for tag in ("a:lvl1pPr", "a:defPPr"):
        found = element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn(tag)}")
        if found is not None and found.get("algn"):
            return str(found.get("algn"))
    return "l"


def _style(body: Any, placeholder: LayoutPlaceholder, color: str) -> None:
    """Give the slide's copy `body` the nearest list style of the chain, with the theme
    font and `color`."""
    own = body.find(qn("a:lstStyle"))
    if own is None:
        own = body.makeelement(qn("a:lstStyle"), {})
        body.find(qn("a:bodyPr")).addnext(own)
    if not len(own):
        nearest = next((style for style in placeholder.list_styles if len(style)), None)
        if nearest is not None:
            for child in nearest:
                own.append(copy.deepcopy(child))
    level = own.find(qn("a:lvl1pPr"))
    if level is None:
        level = own.makeelement(qn("a:lvl1pPr"), {})
        own.insert(1 if own.find(qn("a:defPPr")) is not None else 0, level)
    run = level.find(qn("a:defRPr"))
    if run is None:
        run = level.makeelement(qn("a:defRPr"), {})
        level.append(run)  # after any spacing or bullets: defRPr comes last but for extLst
    run.attrib.pop("lang", None)  # the text's own runs say da-DK
    # In the theme's body font, which the brand check asks for (LibreOffice's sample footer
    # paragraphs name Times New Roman).
    for font in run.findall(qn("a:latin")):
        run.remove(font)
    _insert_font(run, run.makeelement(qn("a:latin"), {"typeface": "+mn-lt"}))
    if color:
        for fill in [child for child in run if child.tag in _FILLS]:
            run.remove(fill)
        fill = run.makeelement(qn("a:solidFill"), {})
        color_element(fill, color)
        line = run.find(qn("a:ln"))
        if line is None:
            run.insert(0, fill)
        else:
            line.addnext(fill)


def _insert_font(run: Any, latin: Any) -> None:
    """Put `latin` where the schema wants it in `a:defRPr`: after fills, effects and the
    highlight, before `a:ea`, `a:cs`, `a:sym`, hyperlinks and `a:extLst`."""
    later = {qn(f"a:{tag}") for tag in ("ea", "cs", "sym", "hlinkClick", "hlinkMouseOver")}
    later |= {qn("a:rtl"), qn("a:extLst")}
    following = next((child for child in run if child.tag in later), None)
    if following is None:
        run.append(latin)
    else:
        following.addprevious(latin)
