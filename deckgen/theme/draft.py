"""Draft a working theme file from a template (`deckgen theme init`).

The master on which most roles find a layout (`deckgen.theme.choose`) is taken; colours come
from its colour scheme, read through its colour map and chosen to read where text stands
(`deckgen.theme.palette`), fonts from its theme part. The file says, in comments, what was
guessed and what to check.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import msgspec

from deckgen.colors import Color, relative_luminance
from deckgen.errors import DeckgenError, Location, printable
from deckgen.geometry import Box
from deckgen.i18n import _, decimal, ngettext
from deckgen.record import xml_safe
from deckgen.theme.choose import (
    NEEDED,
    Choice,
    alternatives,
    choose,
    holds,
    plain_area,
    room,
    score,
)
from deckgen.theme.fontfiles import how_measured, measured
from deckgen.theme.inspect import EMU_PER_CM, Layout, Master, Scheme, Template, read_template
from deckgen.theme.palette import (
    Panel,
    Surfaces,
    pick_colours,
    pick_footer,
    pick_text_colours,
    pick_text_panel,
    reads_on,
)


@dataclass
class Draft:
    """A drafted theme: what was chosen, and the theme file's text."""

    master: Master
    layouts: dict[str, Choice]
    text: str
    checks: list[str] = field(default_factory=list)
    """What a person should look at, in words."""
    logo: tuple[str, bytes] | None = None
    """The logo's file name beside the theme, and its bytes."""
    left_out: str = ""
    """What of the template no deck carries (its example slides), in words; empty if none."""


def _check_marker() -> str:
    """The word that marks a line of a drafted theme to check (`CHECK`, in Danish `TJEK`)."""
    return _("CHECK")


class Measure(Protocol):
    """Measures what text stands on, on a template's layouts (`deckgen.check.probe`)."""

    def __call__(
        self,
        template: Path,
        master: int | None,
        layouts: list[str],
        boxes: dict[str, dict[str, tuple[int, int, int, int]]] | None = None,
    ) -> Any: ...


def draft_theme(
    template_path: Path, output: Path, roles: tuple[str, ...], measure: Measure | None = None
) -> Draft:
    """A theme for the template at `template_path`, to be written at `output`, mapping each of
    `roles`; an error naming the roles no layout of the template can serve. With `measure`,
    the colours are chosen to read on what the chosen layouts show where text stands."""
    template = read_template(template_path)
    if not template.masters:
        raise DeckgenError(_("the template has no slide master"), Location(template_path))
    options = list(template.masters)
    names = [layout.name for master in template.masters for layout in master.layouts]
    if len(template.masters) > 1 and len(set(names)) == len(names):
        # Keynote exports one master per layout: with no name on two masters, the theme may
        # take its layouts from all of them (no `master:`).
        first = template.masters[0]
        every = tuple(layout for master in template.masters for layout in master.layouts)
        options.append(
            Master(0, "", every, first.scheme, first.logo, first.placeholders, first.color_map)
        )
    # The master on which most roles find a layout, most by name, best by structure; the
    # first if equal, a single master before all of them.
    ranked = [
        (
            # A master whose layouts hold the slides' text, the theme placing it in the
            # master's own boxes where a layout's leave room unused (`_placed`), first.
            len(choices := choose(roles, master, template)),
            _holds(*_placed(choices, master, template), template),
            sum(choice.by_name for choice in choices.values()),
            sum(score(role, choice.layout, template) for role, choice in choices.items()),
            -master.number if master.number else -len(options),
            master,
            choices,
        )
        for master in options
    ]
    *_rank, master, choices = max(ranked, key=lambda entry: entry[:5])
    lacking = [role for role in roles if role not in choices]
    titled = any(
        layout.count("title", "ctrTitle") for m in template.masters for layout in m.layouts
    )
    if lacking and not titled:
        # Every slide deckgen makes has a title: said so, rather than every role listed.
        raise DeckgenError(
            _(
                "no layout of the template {name} has a title placeholder, and every slide "
                "deckgen makes has a title"
            ).format(name=template_path.name),
            Location(template_path),
            _(
                "in PowerPoint's slide master view, tick 'Title' (Slide Master ▸ Master "
                "Layout) on the layouts, and save the template again"
            ),
        )
    if lacking:
        raise DeckgenError(
            _("no layout of the template {name} has the placeholders for {roles}").format(
                name=template_path.name, roles=", ".join(f"`{role}`" for role in lacking)
            ),
            Location(template_path),
            _(
                "add such layouts in PowerPoint's slide master view (`deckgen "
                "theme show` lists what each layout has)"
            ),
        )
    choices, boxes = _placed(choices, master, template)
    for role in NEEDED:
        if role in choices and not holds(role, choices[role].layout, template):
            raise _too_little_room(role, choices[role].layout, template, template_path)
    if measure is not None and "title_only" in choices:
        before = choices["title_only"].layout.name
        choices["title_only"] = _plain_area(template_path, master, template, choices, measure)
        if choices["title_only"].layout.name != before:
            boxes.pop("title_only", None)  # placed for the layout it had
    surfaces = _surfaces(template_path, master, choices, measure, boxes) if measure else Surfaces()
    writer = _Writer(template, master, choices, template_path, output, surfaces)
    writer.boxes = boxes
    return writer.draft()


def _holds(choices: dict[str, Choice], _boxes: object, template: Template) -> bool:
    return all(
        role not in choices or holds(role, choices[role].layout, template) for role in NEEDED
    )


_TITLES = ("title", "ctrTitle")
_TEXTS = ("body", "obj", "subTitle")


def _placed(
    choices: dict[str, Choice], master: Master, template: Template
) -> tuple[dict[str, Choice], dict[str, dict[str, Box]]]:
    """The choices with each layout's title and text in its master's own boxes, and those
    boxes by role, where a layout the slides' points or diagrams need leaves too little room
    (`holds`) and the master's boxes give more: LibreOffice writes every layout of a template
    with one master's positions (Midnightblue's content layout puts its title in a speech
    bubble's place, over a white slide whose header bar the master's title is in). Else the
    choices as they are, and no boxes.

    Only layouts with one title and one text area are placed; the master's boxes must lie on
    the slide and apart. What the text stands on there is measured like any other spot."""
    needy = [
        role
        for role in NEEDED
        if role in choices and not holds(role, choices[role].layout, template)
    ]
    own = {ph.type: ph.box for ph in master.placeholders if ph.box is not None}
    title, body = own.get("title"), own.get("body")
    if not needy or title is None or body is None:
        return choices, {}
    if not (_on_slide(title, template) and _on_slide(body, template)) or _overlap(title, body):
        return choices, {}
    placed: dict[str, Choice] = {}
    boxes: dict[str, dict[str, Box]] = {}
    for role, choice in choices.items():
        layout = choice.layout
        titles = [ph for ph in layout.placeholders if ph.type in _TITLES]
        texts = [ph for ph in layout.placeholders if ph.type in _TEXTS]
        if len(titles) > 1 or len(texts) > 1 or not titles:
            placed[role] = choice
            continue
        # The text ends above what the layout keeps under it (its footer, slide number).
        others = [
            ph.box
            for ph in layout.placeholders
            if ph.box is not None and ph.type not in _TITLES + _TEXTS
        ]
        ends = [
            other.top
            for other in others
            if other.left < body.left + body.width
            and body.left < other.left + other.width
            and other.top > body.top
        ]
        bottom = min([body.top + body.height, *ends])
        text = msgspec.structs.replace(body, height=bottom - body.top)
        if any(_overlap(title, other) for other in others):
            placed[role] = choice
            continue
        moved = {"title": title, **({"body": text} if texts else {})}
        targets = {id(titles[0]): title, **({id(texts[0]): text} if texts else {})}
        phs = tuple(
            msgspec.structs.replace(ph, box=targets[id(ph)]) if id(ph) in targets else ph
            for ph in layout.placeholders
        )
        placed[role] = replace(choice, layout=msgspec.structs.replace(layout, placeholders=phs))
        boxes[role] = moved
    if not all(holds(role, placed[role].layout, template) for role in needy):
        return choices, {}
    return placed, boxes


_LEAST_SIDE = 36_000
"""The narrowest side (EMU, 0.1 cm) of a master's box `boxes:` may take: a theme writes
boxes in cm with two decimals, and a side of none is no box (a title 0 cm wide)."""


def _on_slide(box: Box, template: Template) -> bool:
    return (
        min(box.width, box.height) >= _LEAST_SIDE
        and box.left >= 0
        and box.top >= 0
        and box.left + box.width <= template.width
        and box.top + box.height <= template.height
    )


def _overlap(one: Box, other: Box) -> bool:
    return (
        one.left < other.left + other.width
        and other.left < one.left + one.width
        and one.top < other.top + other.height
        and other.top < one.top + one.height
    )


_BLACK_AND_WHITE = ("000000", "FFFFFF")


def _plain_area(
    template_path: Path,
    master: Master,
    template: Template,
    choices: dict[str, Choice],
    measure: Measure,
) -> Choice:
    """The layout for diagrams and a call to action's words: the one chosen, unless what
    lies under its title is a picture or band that no one colour of text reads on (a navy
    photo crossed by an orange band) and another layout that holds them has an area where
    one does (a white one)."""
    chosen = choices["title_only"]
    others = [
        layout for layout in alternatives("title_only", master, template) if layout != chosen.layout
    ][:_MOST_ALTERNATIVES]
    if not others:
        return chosen
    names = [chosen.layout.name, *(layout.name for layout in others)]
    probe = measure(template_path, master.number or None, names)

    def plain(name: str) -> bool | None:
        """Whether one colour reads on the whole area; None if it cannot be measured."""
        found = probe.behind([name], "area")
        if not found or any(behind is None for behind in found):
            return None
        colours = [colour for behind in found for colour in behind or ()]
        return any(reads_on(colour, colours) for colour in _BLACK_AND_WHITE)

    if plain(chosen.layout.name) is not False:
        return chosen
    better = next((layout for layout in others if plain(layout.name)), None)
    return chosen if better is None else plain_area("title_only", better)


_MOST_ALTERNATIVES = 12
"""How many other layouts, best first, `_plain_area` tries: each is drawn on a sample
slide, and a template with thousands of layouts took minutes (2,000: 30 s)."""


def _too_little_room(
    role: str, layout: Layout, template: Template, template_path: Path
) -> DeckgenError:
    """The refusal of a template whose best layout for `role` leaves too little room for its
    text at a readable size (LibreOffice's Midnightblue: a text box a quarter of the slide
    tall under a title half-way down)."""
    what = _("a slide's points") if role == "content" else _("diagrams under the title")
    return DeckgenError(
        _(
            "layout {layout} has too little room for {what}: {room} cm of the slide's "
            "{height} cm ({share}), where {needed} is needed to keep the text readable"
        ).format(
            layout=repr(layout.name),
            what=what,
            room=decimal(room(role, layout, template) / EMU_PER_CM),
            height=decimal(template.height / EMU_PER_CM),
            # Rounded down: 44.9 % is not the 45 % asked for.
            share=f"{100 * room(role, layout, template) // template.height} %",
            needed=f"{round(100 * NEEDED[role])} %",
        ),
        Location(template_path),
        _(
            "in PowerPoint's slide master view, give the layout more room (a taller text "
            "area, the title higher up, the footer and slide number lower down), and save "
            "the template again"
        ),
    )


_AREA_PANEL = "title_only.body"
"""The panel key for words a block draws under a title-only layout's title
(`SlideCanvas.text_panel` takes a layout's body panel for them)."""

_NO_FOOTER = ("title", "closing")
"""The roles a drafted theme's footer skips."""


def _surfaces(
    template_path: Path,
    master: Master,
    choices: dict[str, Choice],
    measure: Measure,
    boxes: dict[str, dict[str, Box]],
) -> Surfaces:
    """What the theme's text will stand on, measured on the chosen layouts (the text where
    `boxes` places it)."""
    names = {role: choice.layout.name for role, choice in choices.items()}
    layouts = list(dict.fromkeys(names.values()))
    placed = {
        names[role]: {kind: (b.left, b.top, b.width, b.height) for kind, b in kinds.items()}
        for role, kinds in boxes.items()
    }
    if placed:
        probe = measure(template_path, master.number or None, layouts, placed)
    else:
        probe = measure(template_path, master.number or None, layouts)

    def solid(found: list[list[str] | None]) -> list[str]:
        return [colour for behind in found if behind for colour in behind]

    footed = [name for role, name in names.items() if role not in _NO_FOOTER]
    # A picture's caption stands at the foot of the text placeholder: measured there too.
    body_own = {
        name: next((spot.own for spot in spots if spot.kind == "body"), None)
        for name, spots in probe.spots.items()
    }
    texts = [
        (role, "body", spot.behind, body_own.get(name))
        if spot.kind == "caption"
        else (role, spot.kind, spot.behind, spot.own)
        for role, name in names.items()
        for spot in probe.spots.get(name, [])
        if spot.kind in ("title", "body") or (spot.kind == "caption" and role == "picture")
    ]
    return Surfaces(
        texts=texts,
        area=solid(probe.behind([names.get("title_only", "")], "area")),
        area_marks=probe.marks([names.get("title_only", "")], "area"),
        bodies=solid(probe.behind(list(names.values()), "body"))
        + solid(probe.behind([names.get("picture", "")], "caption")),
        footers=probe.behind(footed, "ftr", "sldNum"),
        footer_own=probe.own(footed, "ftr", "sldNum"),
        footer_kinds=[
            spot.kind
            for name in footed
            for spot in probe.spots.get(name, [])
            if spot.kind in ("ftr", "sldNum")
        ],
    )


class _Writer:
    def __init__(
        self,
        template: Template,
        master: Master,
        choices: dict[str, Choice],
        template_path: Path,
        output: Path,
        surfaces: Surfaces,
    ) -> None:
        self.template = template
        self.master = master
        self.choices = choices
        self.template_path = template_path
        self.output = output
        self.lines: list[str] = []
        self.checks: list[str] = []
        self.surfaces = surfaces
        self.picked: dict[str, str] = {}
        self.boxes: dict[str, dict[str, Box]] = {}

    def add(self, line: str, comment: str = "") -> None:
        # A comment may name the template's layouts, masters and files: one line, escaped.
        self.lines.append(f"{line}  # {printable(comment)}" if comment else line)

    def draft(self) -> Draft:
        folder = self.output.parent
        stem = self.output.stem
        scheme = self.master.scheme or Scheme("", {}, "", "")
        # The comments are for whoever checks the theme, in their language.
        self.lines += [
            "# "
            + _("Drafted by `deckgen theme init` from {name}.").format(
                name=printable(self.template_path.name)
            ),
            "# "
            + _(
                "Read the comments marked {check}, then run `deckgen validate` on this file and "
                "build a deck with it (`deck.theme:`); `deckgen theme show` lists the "
                "template's layouts."
            ).format(check=_check_marker()),
        ]
        self.add(f"name: {_quote(scheme.name or self.template_path.stem)}")
        self.add(f"template: {_quote(_relative(self.template_path, folder))}")
        if not self.master.number:
            self.lines.append(
                "# "
                + _("Layouts from all the template's masters (each name is on one): no `master:`.")
            )
        elif len(self.template.masters) > 1:
            others = ", ".join(
                f"{m.number} {m.name!r}" for m in self.template.masters if m is not self.master
            )
            self.add(
                f"master: {self.master.number}",
                _("{name}: the most roles fit its layouts; the others: {others}").format(
                    name=repr(self.master.name), others=others
                ),
            )
            self.checks.append(
                _("the master: {title} (others: {others})").format(
                    title=self.master.title, others=others
                )
            )
        self.add("layouts:")
        for role, choice in self.choices.items():
            comment = _("named for it") if choice.by_name else f"{_check_marker()}: {choice.note}"
            self.add(f"  {role}: {_quote(choice.layout.name)}", comment)
            if not choice.by_name:
                self.checks.append(f"{role} → {choice.layout.name!r}: {choice.note}")
        self.placed_boxes()
        self.colours(scheme)
        self.text_colours()
        self.fonts(scheme)
        self.lines += ["emphasis:", "  strong:", "    bold: true", "  source:", "    italic: true"]
        bodies = [self.picked["background"], *self.surfaces.bodies]
        if reads_on(self.picked["muted"], bodies):
            self.add("    color: muted")
        else:
            # Text placeholders on colours no one colour reads on (white slides, a blue band):
            # sources keep the template's own text colour, chosen for each.
            self.add("    # color: muted", _("left out: no one colour reads on every text area"))
        logo = self.logo(stem)
        if logo is not None:
            self.add(
                f"logo: {_quote(logo[0])}",
                _("the picture on the master ({part}), copied beside this file").format(
                    part=self.master.logo
                ),
            )
        else:
            self.lines.append(
                "# logo: " + _("none found: no picture on the master is small enough to be a logo")
            )
        self.footer()
        left_out = _left_out(self.template)
        if left_out:
            self.lines.append("# " + left_out)
        text = "\n".join(self.lines) + "\n"
        return Draft(self.master, self.choices, text, self.checks, logo, left_out)

    def placed_boxes(self) -> None:
        """Where the theme draws titles and text in place of a layout's own boxes."""
        if not self.boxes:
            return
        self.add(
            "boxes:",
            f"{_check_marker()}: "
            + _(
                "the layouts' own text boxes leave too little room; the text is drawn in the "
                "master's boxes (cm: left, top, width, height)"
            ),
        )
        self.checks.append(
            _("titles and text are drawn in the master's boxes, not the layouts' (`boxes:`)")
        )
        for role, kinds in self.boxes.items():
            self.add(f"  {role}:")
            for kind, box in kinds.items():
                values = (box.left, box.top, box.width, box.height)
                left, top, width, height = (round(v / EMU_PER_CM, 2) for v in values)
                self.add(
                    f"    {kind}: {{left: {left}, top: {top}, width: {width}, height: {height}}}"
                )

    def colours(self, scheme: Scheme) -> None:
        colors = scheme.colors
        picks = pick_colours(colors, self.master.color_map, self.surfaces)
        self.add(
            "colors:",
            f"{_check_marker()}: "
            + _("scheme:… follow the template's colour scheme; six hex digits are fixed"),
        )
        for pick in picks:
            if pick.scheme and pick.scheme in colors:
                # The template's own colour, referred to: it changes with the template's theme.
                self.add(
                    f"  {pick.role}: {_quote('scheme:' + pick.scheme)}",
                    pick.why + " " + _("(now {value})").format(value=pick.value),
                )
            else:
                self.add(f"  {pick.role}: {_quote(pick.value)}", pick.why)
        self.picked = {pick.role: pick.value for pick in picks}

    def text_colours(self) -> None:
        """Colours for titles and text where the template's own do not read on its layouts,
        and a plain panel behind them where no colour does (a picture light and dark)."""
        found = pick_text_colours(self.picked, self.surfaces)
        area = self._area_panel()
        if not found and area is None:
            return
        panels: dict[str, Panel] = {}
        for key, role in found.items():
            if role is None:
                panel = self._panel(key)
                if panel is None:
                    raise self._unreadable(key)
                panels[key] = panel
        colours = {key: role for key, role in found.items() if role is not None}
        colours.update({key: p.text for key, p in panels.items() if p.text is not None})
        if colours:
            self.add(
                "text_colors:",
                _("the template's own text colour does not read (4.5:1) where it stands"),
            )
            for key, role in colours.items():
                self.add(
                    f"  {key}: {role}",
                    _("reads at 4.5:1 on the panel")
                    if key in panels
                    else _("reads at 4.5:1 on the layout"),
                )
        # The words get the content layout's panel where the title-only layout has none
        # (`SlideCanvas.text_panel`): one of their own only where that one does not do.
        fallback = panels.get("content.body") or panels.get("body")
        if area is not None and not (fallback is not None and self._reads_on_area(fallback)):
            panels.setdefault(_AREA_PANEL, area)
        if not panels:
            return
        self.add(
            "text_panels:",
            f"{_check_marker()}: "
            + _(
                "no colour of text reads on the picture or gradient under the text: a plain "
                "panel behind it; delete the line to have none"
            ),
        )
        for key, panel in panels.items():
            self.add(
                f"  {key}: {{color: {panel.color}, opacity: {panel.opacity}}}",
                _(
                    "under the words blocks draw under the title (a call to action's), "
                    "which stand on a picture, band or mark there; they read at 4.5:1 on it"
                )
                if panel is area
                else _("the text reads at 4.5:1 on it"),
            )
            role, _dot, kind = key.rpartition(".")
            self.checks.append(
                _("{what} on layout {layout}: on a panel in the colour {colour}").format(
                    what=_("the titles") if kind == "title" else _("the text"),
                    layout=repr(self.choices[role].layout.name),
                    colour=panel.color,
                )
            )

    def _area_panel(self) -> Panel | None:
        """A panel under the words a block draws without a fill of its own in the area under
        the title (a call to action's), where the text colour does not read on all that the
        area holds: its picture or band, or a small mark in it that the words' points may
        land on (the red corner on a Chinese template's photos). None where it reads, or no
        panel makes it read (the check then says where)."""
        if "title_only" not in self.choices or "text" not in self.picked:
            return None
        behind = [*self.surfaces.area, *self.surfaces.area_marks]
        if not behind or reads_on(self.picked["text"], behind):
            return None
        return pick_text_panel(self.picked, "body", [behind], [None])

    def _reads_on_area(self, panel: Panel) -> bool:
        """Whether the text colour reads on `panel` over all the area under the title holds."""
        top = Color(self.picked[panel.color], panel.opacity / 100)
        behind = [*self.surfaces.area, *self.surfaces.area_marks]
        text = self.picked[panel.text or "text"]
        return reads_on(text, [top.over(back) for back in behind])

    def _panel(self, key: str) -> Panel | None:
        """A panel behind the text of `key` (`content.body`) on which it reads."""
        role, _dot, kind = key.rpartition(".")
        spots = [
            (behind, own)
            for spot_role, spot_kind, behind, own in self.surfaces.texts
            if spot_role == role and spot_kind == kind
        ]
        return pick_text_panel(
            self.picked, kind, [behind for behind, _own in spots], [own for _b, own in spots]
        )

    def _unreadable(self, key: str) -> DeckgenError:
        """The refusal of a template whose text no colour reads on where it stands."""
        role, _dot, kind = key.rpartition(".")
        roles = [role] if role else list(self.choices)
        behind = sorted(
            {
                colour
                for spot_role, spot_kind, colours, _own in self.surfaces.texts
                if spot_role in roles and spot_kind == kind
                for colour in colours or ()
            },
            key=relative_luminance,
        )
        layout = self.choices[roles[0]].layout.name
        what = _("the titles") if kind == "title" else _("the text")
        return DeckgenError(
            _(
                "no colour of text reads on layout {layout}: {what} stands on colours from "
                "#{light} to #{dark} (a picture or a gradient), and no one colour reaches "
                "4.5:1 on all of them"
            ).format(
                layout=repr(layout),
                what=what,
                light=behind[-1],
                dark=behind[0],
            ),
            Location(self.template_path),
            _(
                "give the layout an even, plain area where the text stands (in PowerPoint's "
                "slide master view), or a picture or gradient that stays light (or dark) "
                "under all of it, and save the template again"
            ),
        )

    def fonts(self, scheme: Scheme) -> None:
        heading = scheme.heading_font or "Calibri"
        body = scheme.body_font or heading
        # Font files in the project (beside the theme, or in ../fonts as ours are) before
        # deckgen's own and the system's; no `files:` is written, so the theme measures with
        # whatever the machine it is used on has (docs/fonts.md).
        folder = self.output.parent
        self.add("fonts:")
        said: set[str] = set()
        for role, font, what in (
            ("heading", heading, _("the template's heading font (major)")),
            ("body", body, _("the template's body font (minor)")),
        ):
            found = measured(font, (folder / "fonts", folder.parent / "fonts"))
            note = how_measured(found)
            if found.exact or font in said:
                self.add(f"  {role}: {_quote(font)}", f"{what}; {note}")
            else:
                self.add(f"  {role}: {_quote(font)}", f"{what}; {_check_marker()}: {note}")
                self.checks.append(note)
            said.add(font)

    def logo(self, stem: str) -> tuple[str, bytes] | None:
        part = self.master.logo
        suffix = Path(part or "").suffix.lower()
        if not part or suffix not in (".png", ".jpg", ".jpeg", ".gif"):
            return None
        with zipfile.ZipFile(self.template_path) as package:
            info = package.getinfo(part)
            if info.file_size > 20 * 1024 * 1024:
                return None
            return f"{stem}-logo{suffix}", package.read(info)

    def footer(self) -> None:
        shown = [choice.layout for choice in self.choices.values()]
        has_footer = any(layout.count("ftr") for layout in shown)
        has_number = any(layout.count("sldNum") for layout in shown)
        # Footers stand on the template's bars and pictures: the template's own colour if it
        # reads on every one, else the first theme colour that does; else a colour for the
        # footer text and another for the slide number; a slide number no colour reads on
        # is left out.
        candidates = [(role, self.picked[role]) for role in _FOOTER_COLOURS]
        role, complete = pick_footer(candidates, self.surfaces)
        text_role = number_role = None
        by_kind = unreadable_number = False
        if role is None and not complete and has_footer and has_number:
            text_role, text_read = pick_footer(candidates, self.surfaces.only("ftr"))
            number_role, number_read = pick_footer(candidates, self.surfaces.only("sldNum"))
            by_kind = bool(text_role or text_read)
            unreadable_number = by_kind and not (number_role or number_read)
        measured = self.surfaces.footers
        # Every footer measured and no colour reads on them (a patterned bar): left out.
        unreadable = role is None and not complete and not by_kind and all(measured)
        unreadable = unreadable and bool(measured)
        self.add("footer:")
        if unreadable:
            self.add(
                '  text: ""',
                f"{_check_marker()}: "
                + _("no colour reads at 4.5:1 where the template's footers stand; left out"),
            )
            self.add("  slide_number: false", _("likewise"))
            self.add(
                f"  skip: [{', '.join(_NO_FOOTER)}]", _("no footer on the cover and the last slide")
            )
            self.checks.append(
                _(
                    "footer and slide number: left out, as no colour reads where the template "
                    "puts them"
                )
            )
            return
        if has_footer:
            self.add(
                '  text: "{{ omu }} · {{ dato }}"',
                f"{_check_marker()}: "
                + _("the deck's variables; the template's footer placeholder shows it"),
            )
        else:
            self.add('  text: ""', _("the template's layouts have no footer placeholder"))
        if unreadable_number:
            self.add(
                "  slide_number: false",
                f"{_check_marker()}: "
                + _("no colour reads at 4.5:1 where the template's slide number stands"),
            )
            self.checks.append(
                _("slide number: left out, as no colour reads where the template puts it")
            )
        else:
            self.add(
                f"  slide_number: {'true' if has_number else 'false'}",
                _("the layouts have a slide-number placeholder")
                if has_number
                else _("the layouts have no slide-number placeholder"),
            )
        self.add(
            f"  skip: [{', '.join(_NO_FOOTER)}]", _("no footer on the cover and the last slide")
        )
        if not (has_footer or has_number):
            return
        if text_role:
            self.add(
                f"  color: {text_role}",
                _("the footer in the {role} colour, which reads at 4.5:1 where it stands").format(
                    role=text_role
                ),
            )
        if number_role and not unreadable_number:
            self.add(
                f"  number_color: {number_role}",
                _(
                    "the slide number in the {role} colour, which reads at 4.5:1 where it stands"
                ).format(role=number_role),
            )
        if (
            text_role
            or number_role
            or (complete and role is None and has_number and has_footer and unreadable_number)
        ):
            return
        if role is None:
            self.add(
                "  # color: " + _("left out: the template's own footer colours"),
                (_("they read where the footers stand") if complete else f"{_check_marker()}: ")
                + ("" if complete else _("no theme colour reads on every footer")),
            )
            if not complete:
                self.checks.append(_("footer colour: the template's own; check it by eye"))
            return
        self.add(
            f"  color: {role}",
            f"{_check_marker()}: "
            + _(
                "footer and slide number in the {role} colour, which reads at 4.5:1 where "
                "they stand; leave out to keep the template's own footer colour"
            ).format(role=role),
        )


def _left_out(template: Template) -> str:
    """What `theme init` says of the template's example slides: left out, with what only
    they hold that a template may not carry on."""
    count = template.example_slides
    if not count:
        return ""
    said = ngettext(
        "The template's example slide is left out: decks start from its layouts alone.",
        "The template's {count} example slides are left out: decks start from its layouts alone.",
        count,
    ).format(count=count)
    if template.set_aside:
        said += " " + _("What only the example slides hold is left out too: {what}.").format(
            what=", ".join(template.set_aside)
        )
    return said


_FOOTER_COLOURS = ("muted", "text", "background", "primary", "accent")
"""The theme colours a footer may take, in the order tried."""


def _quote(text: str) -> str:
    """`text` as a YAML scalar that reads back as the same text: a JSON string, with what
    YAML reads as a line break (U+0085, U+2028, U+2029), other invisible characters and a
    file name's bytes that are not UTF-8 escaped, as both read them."""
    return "".join(
        char
        if char.isprintable() or char == " "
        else f"\\u{ord(char):04x}"
        if ord(char) <= 0xFFFF
        else f"\\U{ord(char):08x}"
        for char in json.dumps(text, ensure_ascii=False)
    )


def _relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder` when they share more than the root (the theme then moves
    with its project), else absolute."""
    target, base = path.resolve(), folder.resolve()
    try:
        if Path(os.path.commonpath([target, base])) == Path(target.anchor):
            return target.as_posix()
        return Path(os.path.relpath(target, base)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_posix()


def init_theme(template: Path, output: Path, measure: Measure | None = None) -> Draft:
    """Draft a theme for `template` and write it to `output` (and its logo beside it); refuses
    to replace a file, and writes nothing unless the drafted theme reads back without a problem.
    """
    from deckgen.theme import load_theme, required_layout_roles

    if str(output) == "-":
        raise DeckgenError(
            _("writing to standard output (-o -) is not supported"),
            Location(output),
            _("name the theme file to write, e.g. -o assets/theme/vores.yaml"),
        )
    named = _relative(template, output.parent)
    try:
        xml_safe(named)
    except ValueError:
        # A byte of a name that is not UTF-8, or a character no text field holds.
        odd = next(c for c in named if not c.isprintable() or 0xD800 <= ord(c) <= 0xDFFF)
        raise DeckgenError(
            _(
                "the template's name holds a character a theme file cannot hold (U+{code}); "
                "a name that is not UTF-8 was made on a system with another encoding"
            ).format(code=f"{ord(odd):04X}"),
            Location(template),
            _("rename the template, e.g. to {name}").format(
                name="".join(c if c.isprintable() else "_" for c in template.name)
            ),
        ) from None
    draft = draft_theme(template, output, required_layout_roles(), measure)
    temporary = output.with_name(f".{output.name}.draft")
    targets = [output, temporary]
    if draft.logo is not None:
        targets.append(output.parent / draft.logo[0])
    for target in targets:
        if os.path.lexists(target):  # a dangling link too: writing to it writes elsewhere
            raise _already_there(target)
    output.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        if draft.logo is not None:
            _write_new(targets[2], draft.logo[1])
            written.append(targets[2])
        _write_new(temporary, draft.text.encode("utf-8"))
        written.append(temporary)
        load_theme(temporary)  # what a build will read: it must hold up
        if os.path.lexists(output):
            raise _already_there(output)
        temporary.rename(output)
        written.remove(temporary)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return draft


def _already_there(target: Path) -> DeckgenError:
    return DeckgenError(
        _("{name} is already there; theme init does not replace files").format(name=target.name),
        Location(target),
        _("give another name with -o, or move the file away first"),
    )


def _write_new(path: Path, data: bytes) -> None:
    from deckgen.regular import write_new

    try:
        write_new(path, data)
    except FileExistsError:
        raise _already_there(path) from None
    except OSError as exc:
        raise DeckgenError(
            _("cannot write there: {reason}").format(reason=exc.strerror),
            Location(path),
            _("check the folder"),
        ) from None
