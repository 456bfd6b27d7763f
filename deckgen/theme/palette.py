"""A drafted theme's colours, chosen so that text in them reads where it will stand.

The diagrams deckgen draws put text on fills of the theme's colours (the background colour on
the primary, the text colour on the highlight); a call to action's words and sources stand on
the template's own slides, bars and pictures, which `Surfaces` holds as measured on its
layouts (`deckgen.check.probe`). Each colour starts from the template's colour scheme, read
through the master's colour map (a dark design's text is its `lt1`), and is darkened or
lightened, or another taken, until it reaches WCAG AA (4.5:1) where it is used; never the
colour of what it stands on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from deckgen.colors import Color, contrast_ratio, relative_luminance
from deckgen.i18n import _

AA = 4.5
_STANDARD = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


@dataclass(frozen=True)
class Pick:
    """One colour role's value, and why."""

    role: str
    value: str
    """Hex, as it will be drawn."""
    scheme: str
    """The scheme colour it is, unchanged (`dk2`); empty when mixed or adjusted."""
    why: str


@dataclass
class Surfaces:
    """What the theme's text will stand on, as measured on the template's layouts; empty
    lists where nothing was measured (the scheme's own background is then assumed)."""

    area: list[str] = field(default_factory=list)
    """Behind diagrams and a call to action's words."""
    area_marks: list[str] = field(default_factory=list)
    """The colours of small shapes in that area (a corner, a line) that the words may come
    to stand on, besides what `area` says the area is."""
    bodies: list[str] = field(default_factory=list)
    """Behind text placeholders, where sources and captions go in the muted colour."""
    footers: list[list[str] | None] = field(default_factory=list)
    """Behind each footer and slide number (None: a pattern that cannot be measured)."""
    footer_own: list[str | None] = field(default_factory=list)
    """The template's own colour of each of those footers."""
    footer_kinds: list[str] = field(default_factory=list)
    """Which each of those is: `ftr` (the footer text) or `sldNum` (the slide number)."""
    texts: list[tuple[str, str, list[str] | None, str | None]] = field(default_factory=list)
    """Each title (`title`) and other text placeholder (`body`) on each role's layout: the
    role, the kind, what stands behind it (None: not measurable) and the template's own
    colour there (None: not resolved)."""

    def only(self, kind: str) -> Surfaces:
        """These surfaces with only the footers of `kind` (`ftr` or `sldNum`)."""
        chosen = [index for index, found in enumerate(self.footer_kinds) if found == kind]
        return Surfaces(
            self.area,
            self.area_marks,
            self.bodies,
            [self.footers[index] for index in chosen],
            [self.footer_own[index] for index in chosen],
            [kind] * len(chosen),
            self.texts,
        )


def pick_colours(
    colors: Mapping[str, str], color_map: Mapping[str, str], surfaces: Surfaces
) -> list[Pick]:
    """The seven colour roles for a template with scheme `colors` and colour map
    `color_map`, reading on `surfaces`."""

    def slot(name: str) -> str:
        return color_map.get(name) or _STANDARD[name]

    background_from = slot("bg1")
    background = colors.get(background_from, "FFFFFF")
    area = surfaces.area or [background]
    if _worst(background, area) > 1.5:
        # The slides show another colour where diagrams go (a dark band, a picture): that is
        # what the diagrams' words must read against.
        background = area[0]
        picks = [Pick("background", background, "", _("what the slides show behind diagrams"))]
    else:
        picks = [
            Pick("background", background, background_from, _("the slide background's colour"))
        ]

    text_from = slot("tx1")
    text = colors.get(text_from, "000000")
    if _worst(text, area) >= AA:
        picks.append(Pick("text", text, text_from, _("the scheme's text colour")))
    else:
        options = [colors.get("dk1", "000000"), colors.get("lt1", "FFFFFF"), "000000", "FFFFFF"]
        text = max(options, key=lambda value: _worst(value, area))
        picks.append(Pick("text", text, "", _("the colour that reads best where text stands")))

    primary_from = slot("tx2") if slot("tx2") in colors else "accent1"
    primary = colors.get(primary_from, "1F497D")
    picks.append(_fill("primary", primary, primary_from, background))
    accents = [f"accent{n}" for n in range(1, 7) if f"accent{n}" in colors]
    accent_from = next((a for a in accents if colors[a] != primary), primary_from)
    picks.append(_fill("accent", colors.get(accent_from, primary), accent_from, background))
    primary = picks[-2].value

    muted = _readable_on(mix(text, background, 0.35), [background, *area, *surfaces.bodies])
    if muted is None:
        picks.append(Pick("muted", text, "", _("the text colour: no paler one reads everywhere")))
    else:
        picks.append(Pick("muted", muted, "", _("the text colour lightened, for sources")))

    light = mix(primary, background, 0.88)
    step = 0.88
    while step < 1.0 and min(contrast_ratio(primary, light), contrast_ratio(text, light)) < AA:
        step = round(step + 0.02, 2)
        light = mix(primary, background, step)
    if contrast_ratio(text, light) < AA:
        light = _readable_on(light, [text]) or light
    picks.append(Pick("light", light, "", _("a tint of the primary, for panels")))

    picks.append(_highlight(colors, accents[1:] or [accent_from], text, background, area))
    order = ("primary", "accent", "text", "muted", "background", "light", "highlight")
    return sorted(picks, key=lambda pick: order.index(pick.role))


def _fill(role: str, value: str, name: str, background: str) -> Pick:
    """A fill that text in the background colour stands on, darkened (or lightened) until
    that text reads."""
    fixed = readable(value, background)
    if fixed == value:
        why = _("{name} of the template's colour scheme").format(name=name)
        return Pick(role, value, name, why)
    why = _("{name} of the scheme, darkened from {value} so that text on it reads").format(
        name=name, value=value
    )
    return Pick(role, fixed, "", why)


def _highlight(
    colors: Mapping[str, str], accents: Sequence[str], text: str, background: str, area: list[str]
) -> Pick:
    """The accent the text colour reads best on, and that stands out from the slide (never
    the slide's own colour); a tint of it where none reads."""
    visible = [a for a in accents if _worst(colors[a], area) >= 1.3] or list(accents)
    best = max(visible, key=lambda a: contrast_ratio(colors[a], text))
    value = colors[best]
    if contrast_ratio(value, text) >= AA:
        return Pick("highlight", value, best, _("the scheme accent that text reads best on"))
    for step in range(1, 20):
        tint = mix(value, background, step / 20)
        if contrast_ratio(tint, text) >= AA and _worst(tint, area) >= 1.15:
            why = _("a tint of {name}, so that text reads on it").format(name=best)
            return Pick("highlight", tint, "", why)
    readable_tint = _readable_on(value, [text])
    if readable_tint is not None:
        why = _("a tint of {name}, so that text reads on it").format(name=best)
        return Pick("highlight", readable_tint, "", why)
    return Pick("highlight", value, best, _("the scheme accent that text reads best on"))


def pick_footer(
    candidates: Sequence[tuple[str, str]], surfaces: Surfaces
) -> tuple[str | None, bool]:
    """The colour role (of `candidates`: role, hex) for footers and slide numbers: None to
    keep the template's own where those read on every measured footer, else the first role
    that does. The second value says whether every footer could be measured and read."""
    measured = [behind for behind in surfaces.footers if behind]
    complete = len(measured) == len(surfaces.footers)
    own = [
        colour
        for colour, behind in zip(surfaces.footer_own, surfaces.footers, strict=True)
        if behind
    ]
    if own and all(
        colour is not None and _worst(colour, behind) >= AA
        for colour, behind in zip(own, measured, strict=True)
    ):
        return None, complete
    for role, value in candidates:
        if all(_worst(value, behind) >= AA for behind in measured):
            return role, complete
    return None, False


_TEXT_CANDIDATES = {
    "title": ("primary", "text", "accent", "background"),
    "body": ("text", "primary", "background"),
}
"""The theme colours a title or other placeholder text may take, in the order tried."""


def pick_text_colours(picked: Mapping[str, str], surfaces: Surfaces) -> dict[str, str | None]:
    """Where the template's own colour of titles or other placeholder text does not read on
    what it stands on, the colour role (of `picked`: role → hex) to write instead, by key of
    the theme's `text_colors` (`title` when it fails on every layout, else `section.title`
    for the layout role where it does); None for a key where no theme colour reads."""
    found: dict[str, str | None] = {}
    for kind, candidates in _TEXT_CANDIDATES.items():
        spots = [(role, behind, own) for role, k, behind, own in surfaces.texts if k == kind]
        measured = [(role, behind, own) for role, behind, own in spots if behind]
        failing = [
            (role, behind)
            for role, behind, own in measured
            if own is None or _worst(own, behind) < AA
        ]
        if not failing:
            continue
        if len(failing) == len(measured):
            everywhere = [behind for _role, behind in failing]
            role = _first_reading(picked, candidates, everywhere)
            if role is not None:
                found[kind] = role
                continue
        roles = dict.fromkeys(role for role, _behind in failing)
        for layout_role in roles:
            behinds = [behind for role, behind in failing if role == layout_role]
            found[f"{layout_role}.{kind}"] = _first_reading(picked, candidates, behinds)
    return found


def _first_reading(
    picked: Mapping[str, str], candidates: Sequence[str], behinds: Sequence[Sequence[str]]
) -> str | None:
    return next(
        (
            role
            for role in candidates
            if role in picked and all(_worst(picked[role], behind) >= AA for behind in behinds)
        ),
        None,
    )


def _spread(colours: Sequence[str]) -> float:
    """The contrast between the lightest and the darkest of `colours` (1.0 for none)."""
    if not colours:
        return 1.0
    ordered = sorted(colours, key=relative_luminance)
    return contrast_ratio(ordered[0], ordered[-1])


def reads_on(colour: str, behind: Sequence[str]) -> bool:
    """Whether text in `colour` reaches WCAG AA on each of `behind`."""
    return _worst(colour, behind) >= AA


def _worst(colour: str, behind: Sequence[str]) -> float:
    return min((contrast_ratio(colour, back) for back in behind), default=21.0)


def _readable_on(colour: str, behind: Sequence[str]) -> str | None:
    """`colour` darkened or lightened until it reads on all of `behind`; None if it cannot."""
    for target in ("000000", "FFFFFF"):
        for step in range(21):
            current = mix(colour, target, step / 20)
            if _worst(current, behind) >= AA:
                return current
    return None


def channels(colour: str) -> tuple[int, int, int]:
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0–1) of the way towards `other`."""
    mixed = (
        round(a + (b - a) * amount) for a, b in zip(channels(colour), channels(other), strict=True)
    )
    return "".join(f"{value:02X}" for value in mixed)


def readable(colour: str, background: str, ratio: float = AA) -> str:
    """`colour`, darkened (or lightened, on a dark background) in small steps until text in it
    reads on `background` (WCAG AA, 4.5:1)."""
    # Towards the end that contrasts more with the background: on a mid-grey (luminance
    # 0.18–0.5) only black can reach AA, and white was chosen (a white "accent" on grey).
    black, white = contrast_ratio("000000", background), contrast_ratio("FFFFFF", background)
    target = "000000" if black >= white else "FFFFFF"
    current, step = colour, 0
    while contrast_ratio(current, background) < ratio and step < 20:
        step += 1
        current = mix(colour, target, step / 20)
    return current


_PANEL_COLOURS = ("background", "light", "text", "primary")
"""The theme colours a text panel may take, in the order tried: the template's light ones
first, as its text is most often dark."""
_PANEL_OPACITIES = (75, 80, 85, 90, 95, 100)
"""How opaque a panel may be (per cent), the least tried first: the most of the template's
picture still shows through."""
_PANEL_EVEN = 1.2
"""How far apart (contrast) a panel may look over the lightest and the darkest it covers: a
panel thin enough to show the template's picture through, over a black band and white piano
keys, was grey on the band and white on the keys, and the text on it seemed to run off the
panel onto the keys. Under this it reads as one surface."""
_PANEL_MARGIN = 1.1
"""A panel is drafted to give 10 % more than AA, as the built slide's text may lie a little
off the layout's box where the picture is measured."""


@dataclass(frozen=True)
class Panel:
    """A plain panel behind text no one colour reads on where it stands."""

    color: str
    """The colour role of the panel."""
    opacity: int
    """Per cent."""
    text: str | None
    """The colour role for the text on it; None: the template's own reads on it."""


def pick_text_panel(
    picked: Mapping[str, str],
    kind: str,
    behinds: Sequence[Sequence[str] | None],
    owns: Sequence[str | None],
) -> Panel | None:
    """The panel (colour role of `picked`, opacity) behind text of `kind` (`title`, `body`)
    standing on `behinds` (None: a pattern that cannot be measured, which only a whole
    panel hides), on which the template's own text colours `owns` read, or a colour of
    `_TEXT_CANDIDATES` does; None if no panel makes the text read."""
    own = [colour for colour in owns if colour]
    for opacity in _PANEL_OPACITIES:
        if opacity < 100 and any(behind is None for behind in behinds):
            continue
        for role in _PANEL_COLOURS:
            if role not in picked:
                continue
            top = Color(picked[role], opacity / 100)
            seen = sorted({top.over(back) for behind in behinds for back in behind or ["000000"]})
            if _spread(seen) > _PANEL_EVEN:
                continue
            if (
                kind == "title"
                and own
                and all(_worst(colour, seen) >= AA * _PANEL_MARGIN for colour in own)
            ):
                return Panel(role, opacity, None)
            # Blocks write some runs in the theme's text colour (bold words, sources): on a
            # panel behind other text, that colour must read too.
            text = next(
                (
                    name
                    for name in (_TEXT_CANDIDATES[kind] if kind == "title" else ("text",))
                    if name != role
                    and name in picked
                    and _worst(picked[name], seen) >= AA * _PANEL_MARGIN
                ),
                None,
            )
            if text is not None:
                return Panel(role, opacity, text)
    return None
