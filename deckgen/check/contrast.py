"""Text contrast as WCAG 2.1 measures it (1.4.3): the colours behind a shape's text, and the
run that contrasts least with them.

What lies behind text is its shape's own fill, the shapes under it and the slide background,
each possibly semi-transparent; a gradient gives several colours, each measured, and so does
a picture (`deckgen.check.behind`: the lighter and darker ends of the part under the text).
Text on a pattern, or on a picture that cannot be decoded, cannot be measured: `background_at`
says so with None.
"""

from __future__ import annotations

from deckgen.check.behind import colours_under
from deckgen.check.slides import Shape, SlideView
from deckgen.colors import Color, contrast_ratio

MIN_CONTRAST = 4.5
MIN_CONTRAST_LARGE = 3.0
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0
"""WCAG's large text: 18 pt, or 14 pt bold."""


def worst_contrast(shape: Shape, below: list[str]) -> tuple[float, float, str, str, str] | None:
    """The run of `shape` whose contrast falls furthest below what it needs, against any of
    the colours `below` it: (ratio, needed, text, text colour, background); None if all pass."""
    body = shape.text
    if body is None:
        return None
    worst = None
    scale = body.font_scale if body.autofit == "normal" else 1.0
    for paragraph in body.paragraphs:
        for run in paragraph.runs:
            if not run.text.strip() or run.color is None:
                continue
            size = run.size_pt * scale
            large = size >= LARGE_PT or (run.bold and size >= LARGE_BOLD_PT)
            needed = MIN_CONTRAST_LARGE if large else MIN_CONTRAST
            for back in below:
                fore = run.color.over(back)
                ratio = contrast_ratio(fore, back)
                if ratio < needed and (worst is None or ratio < worst[0]):
                    worst = (ratio, needed, run.text.strip(), fore, back)
    return worst


def background_at(view: SlideView, layers: list[Shape], shape: Shape) -> list[str] | None:
    """The colours behind `shape`'s box: its own fill, the shapes under it, the slide
    background; several for a gradient or a picture, None for a pattern or a picture that
    cannot be read. Looked at in the middle of the box and of each quarter of it: text fills
    the box, and a picture or bar under part of it (piano keys under the lower half) is under
    some of the text."""
    box = shape.box
    points = [(box.centre_x, box.centre_y)] + [
        (box.left + box.width * x // 4, box.top + box.height * y // 4)
        for x in (1, 3)
        for y in (1, 3)
    ]
    found: list[str] = []
    for point in points:
        colours = _background_at_point(view, layers, shape, point)
        if colours is None:
            return None
        found += [colour for colour in colours if colour not in found]
    return found


def marks_within(view: SlideView, layers: list[Shape], shape: Shape) -> list[str] | None:
    """The colours of the shapes that lie partly under `shape`'s box but that
    `background_at`'s points miss: looked at in the middle of each one's overlap with the box.
    A small mark (the red corner of a Chinese template's layout) is under a diagram's text
    wherever that text comes to stand in a large area; None as for `background_at`."""
    box = shape.box
    found: list[str] = []
    for layer in layers:
        if layer is shape or layer.kind == "grpSp" or layer.fill.kind == "none":
            continue
        other = layer.box
        left, top = max(box.left, other.left), max(box.top, other.top)
        right, bottom = min(box.right, other.right), min(box.bottom, other.bottom)
        if left >= right or top >= bottom:
            continue
        colours = _background_at_point(
            view, layers, shape, ((left + right) // 2, (top + bottom) // 2)
        )
        if colours is None:
            return None
        found += [colour for colour in colours if colour not in found]
    return found


def _background_at_point(
    view: SlideView, layers: list[Shape], shape: Shape, point: tuple[int, int]
) -> list[str] | None:
    stack = [layer for layer in layers if layer.kind != "grpSp" and layer.box.contains(point)]
    fills = [layer.fill for layer in reversed(stack) if layer.fill.kind != "none"]
    fills.append(view.background)
    pending: list[tuple[Color, ...]] = []
    for fill in fills:
        if fill.kind == "picture" and fill.picture is not None:
            found = colours_under(fill.picture, shape.box)
            if found is None:
                return None
            if not found:
                continue  # transparent there: what lies beneath shows
            colors = tuple(Color(value) for value in found)
        elif fill.kind in ("picture", "unknown"):
            return None
        else:
            colors = fill.colors_over(shape.box)
        if all(color.alpha >= 1.0 for color in colors):
            result = [color.hex for color in colors]
            for top in reversed(pending):
                result = [color.over(base) for color in top for base in result]
            return result
        pending.append(colors)
    return None
