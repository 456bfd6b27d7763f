"""Which layout of a template serves each layout role (`deckgen theme init`).

Each role gets the layout that serves it best on a master: one that has the placeholders the
role's block kinds fill (as `deckgen.theme.check` demands), scored by its structure (a centred
title for the cover, one large text area for content, a picture placeholder for pictures…),
with a standard English or Danish name as a strong hint, unless the layout has no room for
what the role puts on it. Layouts whose text runs top to bottom are never taken.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.i18n import _
from deckgen.theme.check import missing_slots, role_slots
from deckgen.theme.inspect import Box, Layout, Master, Placeholder, Template
from deckgen.theme.names import STANDARD_NAMES

_HINTS: dict[str, tuple[str, ...]] = {
    **STANDARD_NAMES,
    "statement": ("Statement", "Udsagn", "Citat", "Quote", "Big Statement"),
    "closing": ("Closing", "Afslutning", "Tak", "Thank You", "Slut", "End"),
}
"""Layout names that say which role a layout is for, in English and Danish."""

_BODY = ("body", "obj")
_OTHER = ("pic", "chart", "tbl", "dgm", "media", "clipArt")


@dataclass
class Choice:
    """The layout picked for one role, and why."""

    layout: Layout
    by_name: bool
    note: str = ""


def score(role: str, layout: Layout, template: Template) -> int:
    """How well `layout`'s placeholders suit `role` (names aside); higher is better."""
    titles = layout.count("title", "ctrTitle")
    subtitles = layout.count("subTitle")
    bodies = layout.count(*_BODY)
    pictures = layout.count("pic")
    others = layout.count(*_OTHER)
    area = template.width * template.height
    big_body = any(
        ph.type in _BODY and ph.box is not None and ph.box.width * ph.box.height > 0.3 * area
        for ph in layout.placeholders
    )
    title_low = any(
        ph.type in ("title", "ctrTitle") and ph.box is not None and ph.box.top > template.height / 4
        for ph in layout.placeholders
    )
    if role in ("title", "closing"):
        return 3 * layout.count("ctrTitle") + 2 * min(subtitles, 1) - 2 * bodies - 3 * others
    if role in ("section", "statement"):
        text = subtitles + bodies
        return 2 * (text == 1) + 2 * title_low - 3 * others - 2 * max(text - 1, 0) - big_body
    if role == "content":
        return 3 * big_body - 2 * max(bodies - 1, 0) - 3 * others - 3 * layout.count("ctrTitle")
    if role == "title_only":
        # A title alone at the top; else one at the top over a text area the slide leaves out.
        pure = titles == 1 and subtitles + bodies + pictures + others == 0
        # A title box narrower than half the slide (a caption layout's, beside its content)
        # wraps a slide's title over several lines above the diagram: no title across the top.
        narrow = any(
            ph.type in ("title", "ctrTitle")
            and ph.box is not None
            and ph.box.width < template.width / 2
            for ph in layout.placeholders
        )
        top = titles and not title_low and not layout.count("ctrTitle") and not narrow
        return 5 * pure + 3 * bool(top) + big_body - 2 * others - 3 * narrow
    if role == "picture":
        return 5 * min(pictures, 1) + min(bodies, 1) - 2 * (others - pictures)
    return 0


_CAPACITY = {
    "content": 0.35,
    "title": 0.11,
    "closing": 0.11,
    "section": 0.05,
    "statement": 0.05,
}
"""How tall (a share of the slide's height) the placeholder a role's text goes in must be:
content's points need a third of the slide; a cover's subtitle and details three lines at the
smallest readable size; a section's or statement's subtitle one line."""


def text_box(role: str, layout: Layout) -> Box | None:
    """The box of the placeholder the role's text goes in, as the renderer takes it: on a
    cover its (largest) subtitle, else its largest text placeholder, else a subtitle."""
    subtitles = [ph for ph in layout.placeholders if ph.type == "subTitle" and ph.box]
    texts = [ph for ph in layout.placeholders if ph.type in _BODY and ph.box]
    candidates = (subtitles or texts) if role == "title" else (texts or subtitles)
    found = max(candidates, key=_area, default=None)
    return found.box if found is not None else None


def _area(ph: Placeholder) -> int:
    return ph.box.width * ph.box.height if ph.box is not None else 0


def holds(role: str, layout: Layout, template: Template) -> bool:
    """Whether `layout` has room for what `role`'s blocks put on it: a text area tall enough
    (`_CAPACITY`), and for pictures a picture placeholder or a text area to share."""
    if role == "picture":
        pictures = [ph.box for ph in layout.placeholders if ph.type == "pic" and ph.box]
        if pictures:
            return max(b.width * b.height for b in pictures) >= 0.15 * template.area
        box = text_box("content", layout)
        return box is not None and box.height >= 0.35 * template.height
    if role == "title_only":
        return _free_below_title(layout, template) >= NEEDED["title_only"] * template.height
    share = _CAPACITY.get(role)
    if share is None:
        return True
    box = text_box(role, layout)
    if box is None:
        return role in ("section", "statement")  # a title alone may say it all
    return room(role, layout, template) >= share * template.height and (
        box.width >= 0.3 * template.width
    )


NEEDED = {"content": _CAPACITY["content"], "title_only": 0.45}
"""The share of the slide's height a layout must give the roles whose slides hold the most:
a content slide's points (`_CAPACITY`), the diagrams under a title-only layout's title.
`deckgen theme init` refuses a template with no layout that gives it (`room`)."""


def room(role: str, layout: Layout, template: Template) -> int:
    """How tall (EMU) the room is that `layout` gives what `role` puts on it: for diagrams the
    area between the title and the footer, else the text box (on the slide) or, taller, the
    free room under its top it may grow into; 0 without a text box."""
    if role == "title_only":
        return _free_below_title(layout, template)
    box = text_box(role, layout)
    if box is None:
        return 0
    # The renderer lets a text box grow into free room under it (`SlideCanvas._room_below`);
    # a box reaching off the slide holds only what is on it.
    on_slide = min(box.height, template.height - box.top)
    return max(on_slide, _room_below(box, layout, template))


def _free_below_title(layout: Layout, template: Template) -> int:
    """How tall the area between the title and the footer is, where diagrams are drawn (as
    `SlideCanvas.content_box` finds it)."""
    titles = [ph.box for ph in layout.placeholders if ph.type in ("title", "ctrTitle") and ph.box]
    footers = [ph.box.top for ph in layout.placeholders if ph.type in ("ftr", "sldNum") and ph.box]
    top = titles[0].top + titles[0].height if titles else template.height // 10
    bottom = min(footers) if footers else template.height - template.height // 10
    return bottom - top


def _room_below(box: Box, layout: Layout, template: Template) -> int:
    """How tall `box` may grow downwards on `layout`: to the next placeholder below it that
    it overlaps sideways, or the slide's lower tenth (as `SlideCanvas._room_below`)."""
    bottom = template.height - template.height // 10
    for ph in layout.placeholders:
        other = ph.box
        if other is None or other == box:
            continue
        beside = other.left < box.left + box.width and box.left < other.left + other.width
        if beside and other.top >= box.top + box.height // 2:
            bottom = min(bottom, other.top)
    return max(bottom - box.top, 0)


def _named_for(role: str, layout: Layout) -> bool:
    return layout.name.casefold() in {hint.casefold() for hint in _HINTS.get(role, ())}


def _candidates(role: str, master: Master, template: Template) -> list[tuple[int, Layout]]:
    kinds = role_slots().get(role, [])
    # Text running top to bottom is for East-Asian scripts, never for a Danish deck.
    fitting = [
        layout
        for layout in master.layouts
        if all(not missing_slots(layout, slots) for _kind, slots in kinds)
        and not any(ph.vertical for ph in layout.placeholders)
    ]
    # A layout named for the role weighs most, unless its text area is too small to hold
    # the role's text (a ministry's 'Title and Content' with a 0.8 cm body).
    scored = [
        (
            10 * _named_for(role, layout)
            + score(role, layout, template)
            - 30 * (not holds(role, layout, template)),
            layout,
        )
        for layout in fitting
    ]
    # Best score first; among equals, the layout PowerPoint lists first.
    return sorted(scored, key=lambda pair: -pair[0])


def choose(roles: tuple[str, ...], master: Master, template: Template) -> dict[str, Choice]:
    chosen: dict[str, Choice] = {}
    for role in roles:
        candidates = _candidates(role, master, template)
        if not candidates:
            continue
        _score, layout = candidates[0]
        by_name = _named_for(role, layout)
        note = "" if by_name else _why(role, layout)
        chosen[role] = Choice(layout, by_name, note)
    return chosen


def alternatives(role: str, master: Master, template: Template) -> list[Layout]:
    """The layouts of `master` that hold what `role` puts on them, best first (the first is
    what `choose` takes)."""
    return [
        layout
        for _score, layout in _candidates(role, master, template)
        if holds(role, layout, template)
    ]


def plain_area(role: str, layout: Layout) -> Choice:
    """`layout` chosen for `role` because one colour of text reads where its diagrams go."""
    return Choice(
        layout,
        _named_for(role, layout),
        _(
            "chosen for the area under its title, where one colour of text reads on all of "
            "it; the layout ranked first has a picture or band there that no one colour "
            "reads on"
        ),
    )


def _why(role: str, layout: Layout) -> str:
    words = ", ".join(dict.fromkeys(ph.label for ph in layout.placeholders if ph.type in _SHOWN))
    return _("no layout is named for {role}; chosen for its placeholders ({words})").format(
        role=role, words=words
    )


_SHOWN = ("title", "ctrTitle", "subTitle", "body", "obj", "pic")
