"""Brand: only the theme's colours and fonts; the logo and the footer where the layout has them.

The theme's colours are those the theme file names by role plus the template's colour scheme
(a `schemeClr` is the template's own by definition) and the colours its masters and layouts
write; its fonts are the theme file's heading and body fonts, the template's theme fonts and
the fonts its masters and layouts name. The logo is any picture the slide's layout or
master shows; it must not be hidden (the slide turning master shapes off) nor covered by a
shape on the slide, and no text's box may reach into it (a placeholder as the layout places it
included: a long title runs into the logo beside it). The footer and slide number must be on
every slide whose layout has them, except the layout roles the theme's `footer.skip` names
(the cover and closing slides), and the footer on no slide of a deck whose deck file leaves
it empty (`footer: ''`).
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.check.findings import Check, Finding, Severity, finding
from deckgen.check.opening import CheckedDeck
from deckgen.check.slides import DeckTheme, Shape, SlideView
from deckgen.geometry import logo_sized
from deckgen.i18n import N_, _
from deckgen.ooxml.ns import NS, qn

_THEME_FONT_REFS = ("+mj", "+mn")


def colors(deck: CheckedDeck) -> Iterator[Finding]:
    """Every colour written on a slide is one of the theme's."""
    named = {role: deck.theme.color(role) for role in deck.theme.colors}
    palette = {value.upper() for value in named.values()}
    palette |= set(DeckTheme(deck.prs).colors.values())
    palette |= _template_colors(deck)
    for view in deck.slides:
        used = {c.get("val", "").upper() for c in view.slide.element.iter(qn("a:srgbClr"))}
        for value in sorted(used - palette):
            yield finding(
                deck,
                view.number,
                Severity.WARNING,
                "brand.colors",
                _("the colour #{value} is not one of the theme's colours").format(value=value),
                _("use a theme colour: {colours}").format(
                    colours=", ".join(f"{k} #{v}" for k, v in named.items())
                ),
            )


def _template_colors(deck: CheckedDeck) -> set[str]:
    """The colours the template's masters and layouts write (a footer style copied from the
    master onto the slide keeps them): the template's own, so the brand's."""
    found = set()
    for master in deck.prs.slide_masters:
        for part in (master, *master.slide_layouts):
            found |= {c.get("val", "").upper() for c in part.element.iter(qn("a:srgbClr"))}
    return found


def fonts(deck: CheckedDeck) -> Iterator[Finding]:
    """Every font named on a slide is the theme's heading or body font, or one the template
    itself names (its masters and layouts)."""
    template = DeckTheme(deck.prs)
    named = {deck.theme.fonts.heading, deck.theme.fonts.body, template.major, template.minor}
    allowed = named | _template_fonts(deck)
    for view in deck.slides:
        used = _fonts_in(view.slide.element)
        for face in sorted(used - allowed):
            yield finding(
                deck,
                view.number,
                Severity.WARNING,
                "brand.fonts",
                _("the font {face} is not the theme's ({join})").format(
                    face=repr(face), join=", ".join(sorted(named - {""}))
                ),
                _("use the theme's fonts"),
            )


_FONT_TAGS = ("a:latin", "a:ea", "a:cs")


def _fonts_in(element: object) -> set[str]:
    """The fonts an element and its descendants name (theme references such as `+mn-lt`
    aside)."""
    used = set()
    for tag in _FONT_TAGS:
        for found in element.iter(qn(tag)):  # type: ignore[attr-defined]
            face = found.get("typeface", "")
            if face and not face.startswith(_THEME_FONT_REFS):
                used.add(face)
    return used


def _template_fonts(deck: CheckedDeck) -> set[str]:
    """The fonts the template's masters and layouts name (a footer style copied from the
    master onto the slide keeps them, an East-Asian font for Japanese text among them): the
    template's own, so the brand's, as its colours are."""
    found: set[str] = set()
    for master in deck.prs.slide_masters:
        for part in (master, *master.slide_layouts):
            found |= _fonts_in(part.element)
    return found


def logo(deck: CheckedDeck) -> Iterator[Finding]:
    """The logo that the layout or master shows is visible: not hidden, not covered, and no
    text's box reaches into it."""
    for view in deck.slides:
        logos = _layout_logos(view)
        if not logos:
            continue
        shown = [shape for shape in view.behind if shape.kind == "pic" and _logo_sized(view, shape)]
        if not shown and any(shape.kind == "pic" for shape in view.behind):
            continue  # only pictures the size of a background or a band: no logo to cover
        if not shown:
            yield finding(
                deck,
                view.number,
                Severity.WARNING,
                "brand.logo",
                _("the slide hides the layout's logo (background graphics are turned off)"),
                _("turn 'Hide background graphics' off for this slide"),
            )
            continue
        for mark in shown:
            cover = next(
                (
                    s
                    for s in view.shapes
                    if s.box.overlaps(mark.box)
                    and (s.kind != "sp" or s.fill.kind != "none" or s.has_text)
                    and not _where_the_layout_puts_it(s, view)
                ),
                None,
            )
            if cover is not None:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "brand.logo",
                    _("the shape {name} covers the logo").format(name=repr(cover.name)),
                    _("keep the logo's corner free"),
                )
                continue
            # Text where the layout puts it may still run into the logo: a title spanning the
            # slide's width under a logo in its corner (`deckgen build` narrows such a box
            # clear of the logo where that leaves the text room; then it overlaps no more).
            # A footer or slide number where the layout puts it is the designer's (a number
            # set on the logo, as poi-aes-conference's): its few characters run into nothing.
            text = next(
                (
                    s
                    for s in view.shapes
                    if s.has_text
                    and s.box.overlaps(mark.box)
                    and not (s.is_footer and _where_the_layout_puts_it(s, view))
                ),
                None,
            )
            if text is not None:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "brand.logo",
                    _("the text of {name} may run into the logo").format(name=repr(text.name)),
                    _("shorten the text, or move the logo in the slide master"),
                )


def _logo_sized(view: SlideView, shape: Shape) -> bool:
    """Whether a picture the layout or master shows may be its logo (`logo_sized`): not a
    background nor a band, such as a line under the titles."""
    prs = view.slide.part.package.presentation_part.presentation
    return logo_sized(shape.box, prs.slide_width or 0, prs.slide_height or 0)


def _where_the_layout_puts_it(shape: Shape, view: SlideView) -> bool:
    """A placeholder left where its layout puts it (no position of its own on the slide), or
    only made smaller inside the layout's box (a title as tall as its text, over a diagram):
    the template's designer placed it beside the logo, not the deck."""
    if shape.placeholder is None:
        return False
    if shape.element.find("p:spPr/a:xfrm", NS) is None:
        return True
    box = shape.box
    for ph in view.slide.slide_layout.placeholders:
        kind = ph.element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if kind is None or kind.get("type", "body") != shape.placeholder:
            continue
        if None in (ph.left, ph.top, ph.width, ph.height):
            continue
        if (
            ph.left <= box.left
            and ph.top <= box.top
            and box.right <= ph.left + ph.width
            and box.bottom <= ph.top + ph.height
        ):
            return True
    return False


def _layout_logos(view: SlideView) -> list[object]:
    layout = view.slide.slide_layout
    found = list(layout.element.iterfind("p:cSld/p:spTree/p:pic", NS))
    if layout.element.get("showMasterSp", "1") not in ("0", "false"):
        found += list(layout.slide_master.element.iterfind("p:cSld/p:spTree/p:pic", NS))
    return found


def footer(deck: CheckedDeck) -> Iterator[Finding]:
    """The footer and slide number are on every slide whose layout has them, except the
    layout roles the theme leaves without (`footer.skip`)."""
    theme = deck.theme
    roles = {name: role for role, name in theme.layouts.items()}
    for view in deck.slides:
        if roles.get(view.layout_name) in theme.footer.skip:
            continue
        layout_types = {
            ph.get("type") for ph in view.slide.slide_layout.element.iterfind(".//p:nvPr/p:ph", NS)
        }
        on_slide = {s.placeholder: s for s in view.shapes if s.is_footer}
        wanted = []
        # A deck that leaves its footer empty does so on purpose (`footer: ''` is
        # communication's choice, in the deck file; a theme footer whose variables it does not
        # set is warned of once, when composing): no slide of it is missing one by a slip.
        if "ftr" in layout_types and theme.footer.text and not deck.no_footer:
            wanted.append(("ftr", N_("footer")))
        if "sldNum" in layout_types and theme.footer.slide_number:
            wanted.append(("sldNum", N_("slide number")))
        for ph_type, what in wanted:
            shape = on_slide.get(ph_type)
            if shape is None or not shape.has_text:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "brand.footer",
                    _("the slide has no {what}, though its layout has one").format(what=_(what)),
                    _("turn it on (Insert ▸ Header & Footer), or build the deck with deckgen"),
                )


CHECKS = (
    Check("brand.colors", colors, N_("only the theme's colours")),
    Check("brand.fonts", fonts, N_("only the theme's fonts")),
    Check("brand.logo", logo, N_("the layout's logo is shown and not covered")),
    Check("brand.footer", footer, N_("footer and slide number where the layout has them")),
)
