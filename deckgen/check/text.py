"""Read the text of a shape as it is shown: every run's size, weight, colour, font and language,
and every paragraph's spacing, looked up along the chain of list styles PowerPoint walks.

What it reads into is deckgen's one model of set text (`deckgen.text.TextBody`), the same the
renderer measures before it writes, so build and check measure the same thing.

Namespace helpers for the check modules live here too.
"""

from __future__ import annotations

from typing import Protocol

from lxml import etree

from deckgen.check.color import Color, Palette
from deckgen.ooxml.ns import NS, qn
from deckgen.render.styles import (
    DEFAULT_SIZE_PT,
    frame_insets,
    paragraph_levels,
    resolve_level,
    run_defaults,
)
from deckgen.text import TextBody, TextParagraph, TextRun


class ThemeFonts(Protocol):
    """Resolves theme font references (`+mj-lt`, `+mn-lt`)."""

    minor: str

    def font(self, typeface: str) -> str: ...


class TextReader:
    """Reads paragraphs and runs, looking each property up along a chain of list styles
    (`deckgen.render.styles`, the resolver the renderer uses too)."""

    def __init__(
        self,
        palette: Palette,
        fonts: ThemeFonts,
        styles: list[etree._Element],
        color: Color | None,
        *,
        slide_number: int | None = None,
    ) -> None:
        """`slide_number`: the number of the slide read, which its slide-number fields
        show."""
        self.palette = palette
        self.fonts = fonts
        self.styles = styles
        self.fallback_color = color
        self.slide_number = slide_number

    def body(self, body: etree._Element, body_prs: list[etree._Element]) -> TextBody:
        insets = frame_insets(body_prs)
        wrap = next((b.get("wrap") for b in body_prs if b.get("wrap")), "square") != "none"
        autofit, scale, reduction = "none", 1.0, 0.0
        for body_pr in body_prs:
            found = next(
                (
                    c
                    for c in body_pr
                    if c.tag in (qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit"))
                ),
                None,
            )
            if found is not None:
                autofit = {"noAutofit": "none", "normAutofit": "normal", "spAutoFit": "shape"}[
                    etree.QName(found).localname
                ]
                scale = int(found.get("fontScale", "100000")) / 100000
                reduction = int(found.get("lnSpcReduction", "0")) / 100000
                break
        paragraphs = [self.paragraph(p) for p in body.iterfind("a:p", NS)]
        return TextBody(paragraphs, insets, wrap, autofit, scale, reduction)

    def paragraph(self, p: etree._Element) -> TextParagraph:
        ppr = p.find("a:pPr", NS)
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        levels = ([ppr] if ppr is not None else []) + paragraph_levels(self.styles, level)
        runs = []
        for child in p:
            name = etree.QName(child).localname
            if name in ("r", "fld"):
                text = child.findtext("a:t", "", NS)
                if name == "fld" and child.get("type") == "slidenum" and self.slide_number:
                    # Shown as the slide's number, whatever the field's stored text (a
                    # layout's '‹#›', copied with its placeholder).
                    text = str(self.slide_number)
                runs.append(self.run(child.find("a:rPr", NS), levels, text, field=name == "fld"))
            elif name == "br":
                runs.append(self.run(child.find("a:rPr", NS), levels, "\n"))
        end = self.run(p.find("a:endParaRPr", NS), levels, "")
        style = resolve_level(levels)
        return TextParagraph(
            runs=runs,
            level=level,
            margin_left=style.margin_left,
            line_spacing=style.line_spacing,
            space_before_pt=style.space_before_pt,
            space_after_pt=style.space_after_pt,
            end_size_pt=end.size_pt,
        )

    def run(
        self,
        rpr: etree._Element | None,
        levels: list[etree._Element],
        text: str,
        *,
        field: bool = False,
    ) -> TextRun:
        props = ([rpr] if rpr is not None else []) + run_defaults(levels)

        def attr(name: str) -> str | None:
            return next((r.get(name) for r in props if r.get(name) is not None), None)

        link = rpr is not None and rpr.find("a:hlinkClick", NS) is not None
        color = None
        if link and not _link_keeps_text_color(rpr):
            hex_value = self.palette.scheme_hex("hlink")
            color = Color(hex_value) if hex_value else None
        else:
            fills = (r.find("a:solidFill", NS) for r in props)
            color = next(
                (self.palette.color_of(f) for f in fills if f is not None),
                self.fallback_color,
            )
        latin = next(
            (r.find("a:latin", NS) for r in props if r.find("a:latin", NS) is not None), None
        )
        # As written: `+mj-lt` stays the theme's heading font, `+mn-lt` (or none) its body
        # font, as the renderer measures them (`deckgen.measure.FontSet.of`), whatever names
        # the template's theme part gives them.
        typeface = latin.get("typeface", "") if latin is not None else "+mn-lt"
        return TextRun(
            text=text.upper() if attr("cap") == "all" else text,  # as drawn, and measured
            size_pt=int(size) / 100 if (size := attr("sz")) else DEFAULT_SIZE_PT,
            bold=attr("b") in ("1", "true"),
            italic=attr("i") in ("1", "true"),
            color=color,
            typeface=typeface,
            lang=attr("lang"),
            link=link,
            field=field,
        )


def _link_keeps_text_color(rpr: etree._Element) -> bool:
    """Whether a hyperlink is drawn in its run's colour (PowerPoint 2019+ 'hlinkClr tx')."""
    return any(e.get("val") == "tx" for e in rpr.iter() if etree.QName(e).localname == "hlinkClr")


__all__ = ["TextBody", "TextParagraph", "TextReader", "TextRun"]
