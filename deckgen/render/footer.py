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

from deckgen.ooxml.ns import qn
from deckgen.render.layouts import LayoutInfo, LayoutPlaceholder
from deckgen.render.notes import set_text
from deckgen.render.runs import DANISH, color_element

_FILLS = tuple(qn(f"a:{kind}") for kind in ("noFill", "solidFill", "gradFill", "blipFill"))
_FILLS += (qn("a:pattFill"), qn("a:grpFill"))


def add_footer(
    slide: Any,
    layout: LayoutInfo,
    text: str,
    slide_number: bool,
    color: str,
    number_color: str = "",
) -> None:
    """Copy the layout's footer (saying `text`, if any) and slide-number placeholders onto
    the slide; `color` is a colour for both (hex or `scheme:accent1`), or empty to keep the
    template's; `number_color`, if given, the slide number's instead."""
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
        else:
            for tag in ("a:rPr", "a:endParaRPr"):
                for properties in body.iter(qn(tag)):
                    properties.set("lang", DANISH)


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
