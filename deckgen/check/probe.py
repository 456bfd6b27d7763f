"""What text on a template's layouts will stand on, measured as the gate measures it: for
`deckgen theme init`, which chooses the theme's colours so that they read there.

A template's bars, bands and pictures sit on its masters and layouts, not in the colour
scheme: reading the scheme alone put grey footers on blue footer bars. So each layout a
theme uses gets a slide in memory with its title, text placeholders, footer and slide number
filled and a text box where diagrams go, and `deckgen.check.contrast.background_at` says
what lies behind each, as `deckgen check` will say it of the built deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deckgen.check.contrast import background_at, marks_within
from deckgen.check.slides import FOOTER_TYPES, Shape, read_slides
from deckgen.measure import EMU_PER_PT, min_text_pt

_SAMPLE = "Xg"
AREA = "area"
"""The spot where diagrams and a call to action's words are drawn (under the title)."""
CAPTION = "caption"
"""The foot of a text placeholder, where a caption under a picture goes."""
_CAPTIONED = ("body", "obj")


@dataclass
class Spot:
    """One place text goes on a layout: what lies behind it, and the colour the template
    gives text there."""

    kind: str
    """`title`, `body` (any text placeholder), `ftr`, `sldNum`, `area` or `caption`."""
    behind: list[str] | None
    """The colours behind it (several for a gradient or picture); None: not measurable."""
    own: str | None = None
    """The template's own text colour there, as hex; None if it cannot be resolved."""
    marks: list[str] = field(default_factory=list)
    """For the area: the colours of small shapes in it (a corner, a line) that `behind`'s
    points miss, which a diagram's words may yet stand on; not measurable counts as none."""


@dataclass
class Probe:
    """What text stands on, per layout name."""

    spots: dict[str, list[Spot]] = field(default_factory=dict)

    def behind(self, layouts: list[str], *kinds: str) -> list[list[str] | None]:
        """What lies behind the spots of `kinds` on `layouts`."""
        return [
            spot.behind
            for name in layouts
            for spot in self.spots.get(name, [])
            if spot.kind in kinds
        ]

    def marks(self, layouts: list[str], *kinds: str) -> list[str]:
        """The colours of the small shapes in the spots of `kinds` on `layouts`."""
        found: list[str] = []
        for name in layouts:
            for spot in self.spots.get(name, []):
                if spot.kind in kinds:
                    found += [colour for colour in spot.marks if colour not in found]
        return found

    def own(self, layouts: list[str], *kinds: str) -> list[str | None]:
        """The template's own text colours at the spots of `kinds` on `layouts`."""
        return [
            spot.own for name in layouts for spot in self.spots.get(name, []) if spot.kind in kinds
        ]


def probe_layouts(
    template: Path,
    master: int | None,
    layouts: list[str],
    boxes: dict[str, dict[str, tuple[int, int, int, int]]] | None = None,
) -> Probe:
    """Put a sample slide on each of `layouts` (on `master`, 1 for the first; None: any) of
    the template at `template`, and measure what each spot's text stands on; `boxes`, by
    layout name, where a theme places a layout's title and text (EMU)."""
    from pptx.util import Emu

    from deckgen.render.footer import add_footer
    from deckgen.render.layouts import LayoutInfo
    from deckgen.render.package import open_template

    prs = open_template(template)
    masters = list(prs.slide_masters)
    chosen = [masters[master - 1]] if master and 0 < master <= len(masters) else masters
    by_name = {layout.name: layout for part in reversed(chosen) for layout in part.slide_layouts}
    names = [name for name in dict.fromkeys(layouts) if name in by_name]
    width, height = prs.slide_width or 0, prs.slide_height or 0
    for name in names:
        info = LayoutInfo(by_name[name], (boxes or {}).get(name))
        slide = info.add_slide(prs)
        for shape in slide.placeholders:
            if shape.has_text_frame:
                shape.text_frame.text = _SAMPLE
        add_footer(slide, info, _SAMPLE, True, "")
        top = _below_title(info, height)
        tall = max(height * 9 // 10 - top, 1)
        # The whole area, and its left and right halves, where a call to action's words and
        # its code stand: what lies behind one half may not show at the middle.
        for left, wide in ((1, 8), (1, 4), (5, 4)):
            box = slide.shapes.add_textbox(
                Emu(width * left // 10), Emu(top), Emu(width * wide // 10), Emu(tall)
            )
            box.name = AREA
            box.text_frame.text = _SAMPLE
        for ph in info.placeholders:
            kind = ph.type.xml_value if ph.type is not None else "body"
            if kind in _CAPTIONED and ph.width and ph.height and ph.left is not None:
                # A caption under a picture goes to the foot of the text placeholder, which
                # may stand on another colour than its middle (a band, a picture).
                # Two lines of the smallest readable text: where a short caption's middle is.
                low = min(ph.height // 4, round(2.4 * min_text_pt(height) * EMU_PER_PT))
                caption = slide.shapes.add_textbox(
                    Emu(ph.left), Emu((ph.top or 0) + ph.height - low), Emu(ph.width), Emu(low)
                )
                caption.name = CAPTION
                caption.text_frame.text = _SAMPLE
    probe = Probe()
    for name, view in zip(names, read_slides(prs), strict=True):
        layers = [*view.behind, *view.all_shapes()]
        spots = []
        for index, shape in enumerate(layers[len(view.behind) :], len(view.behind)):
            if not shape.has_text:
                continue
            below = background_at(view, layers[: index + 1], shape)
            spot = Spot(_kind(shape), below, _own(shape))
            if spot.kind == AREA and below is not None:
                marks = marks_within(view, layers[: index + 1], shape) or []
                spot.marks = [colour for colour in marks if colour not in below]
            spots.append(spot)
        probe.spots[name] = spots
    return probe


def _kind(shape: Shape) -> str:
    if shape.name in (AREA, CAPTION) and shape.placeholder is None:
        return shape.name
    if shape.is_title:
        return "title"
    if shape.placeholder in FOOTER_TYPES:
        return str(shape.placeholder)
    return "body"


def _own(shape: Shape) -> str | None:
    for paragraph in shape.body.paragraphs:
        for run in paragraph.runs:
            if run.text.strip() and run.color is not None:
                return str(run.color.hex)
    return None


def _below_title(info: object, height: int) -> int:
    """Where the area under the layout's title starts (EMU)."""
    tops = [
        ph.top + ph.height
        for ph in getattr(info, "placeholders", ())
        if ph.type.xml_value in ("title", "ctrTitle") and ph.top is not None and ph.height
    ]
    return min(max(tops, default=height // 5), height * 3 // 4)
