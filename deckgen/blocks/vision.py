"""The municipality's vision drawn as a model: a headline over stacked layers, and a centre
with labels on its sides, in native shapes grouped as one."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from msgspec import Meta

from deckgen.blocks.base import BlockBase, Canvas, ShapePainter
from deckgen.fields import OptionalText, Text, json_filled
from deckgen.geometry import (
    CENTRE_SIZE,
    HEADLINE_SIZE,
    HIERARCHY_STEP,
    LAYER_SIZE,
    SIDE_SIZE,
    VISION_ARROW_LENGTH,
    VISION_SHORTER_ARROWS,
    VisionLayout,
    vision_layout,
)
from deckgen.i18n import _
from deckgen.marks import Direction, Line, Look, Outline
from deckgen.text import plain

_HEADLINE = Look(fill="primary", text="background", font="heading")
_LAYERS = (Look(fill="accent", text="background"), Look(fill="light", text="primary"))
"""Layers alternate between these looks, top down."""
_CENTRE = Look(fill="highlight", text="text", font="heading")
_SIDE = Look(fill="light", text="primary", font="heading")
_ARROW = "accent"


class Vision(BlockBase, tag="vision", kw_only=True):
    """A vision model: a headline over layers (foundations last), and/or a centre between labels.

    Write `layers` for a stacked model, `centre` and `sides` for a centre with its drivers on
    either side, or both; the geometry adapts to how many there are.
    """

    example: ClassVar[dict[str, Any]] = {
        "headline": "H",
        "layers": ["A", "B"],
        "centre": "C",
        "sides": ["L", "R"],
    }
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: OptionalText = ""
    """The slide's title; left out, the headline is the title and is not drawn twice."""
    headline: OptionalText = ""
    """The vision itself, drawn on top, e.g. `Sammen skaber vi livskvalitet for borgerne`."""
    layers: Annotated[list[Text], Meta(max_length=5)] = []
    """What the vision rests on, top down: the last layer is the foundation."""
    centre: OptionalText = ""
    """The word in the middle circle, e.g. `FREMTIDENS VELFÆRD`."""
    sides: Annotated[list[Text], Meta(max_length=6)] = []
    """Labels beside the centre with arrows into it; the first half go left, the rest right."""
    alt_text: OptionalText = ""
    """What a screen reader says about the model; left out, it is written from the text."""

    layout_role: ClassVar[str] = "title_only"
    json_rules: ClassVar[dict[str, Any]] = {
        "allOf": [
            {"anyOf": [json_filled("title"), json_filled("headline")]},
            {"anyOf": [json_filled("layers"), json_filled("centre")]},
            {"if": json_filled("sides"), "then": json_filled("centre")},
        ]
    }
    slots: ClassVar[tuple[str, ...]] = ("title",)

    @property
    def heading(self) -> str:
        """The slide's title: the title, or else the headline."""
        return self.title or self.headline

    def __post_init__(self) -> None:
        # Rules across fields, checked once every field is right on its own.
        if not (self.title or self.headline):
            raise ValueError(_("a vision needs a `title` or a `headline` (the slide's title)"))
        if not (self.layers or self.centre):
            raise ValueError(_("a vision needs `layers`, a `centre`, or both, to draw"))
        if self.sides and not self.centre:
            raise ValueError(_("`sides` stand beside a `centre`; add `centre:`"))

    def render(self, canvas: Canvas) -> None:

        canvas.fill("title", [plain(self.heading)])
        paint = canvas.painter()
        headline = self.headline if self.title else ""
        box = self._layout(paint)
        if self._smallest(paint, box, headline) < paint.min_size and canvas.tighten_title():
            # The template's title box is far taller than the title: the model takes the
            # room under the title's text instead, before its text goes below readable.
            box = self._layout(paint)
        if self.sides and self._smallest(paint, box, headline) < paint.min_size:
            # Labels too narrow for their words at a readable size (a 4:3 slide): shorter
            # arrows give them the width, the first length that is enough; else the shortest.
            for length in VISION_SHORTER_ARROWS:
                box = self._layout(paint, length)
                if self._smallest(paint, box, headline) >= paint.min_size:
                    break
        # Sizes step down from the headline and the centre, so the eye reads them first.
        shapes, top_size, centre_size = [], HEADLINE_SIZE.largest, SIDE_SIZE.largest
        if box.headline:
            lines = [Line(headline, bold=True)]
            shape, top_size = paint.fitted_card(
                box.headline, Outline.ROUNDED, _HEADLINE, lines, HEADLINE_SIZE, "Vision"
            )
            shapes.append(shape)
        if box.centre:
            lines = [Line(self.centre, bold=True)]
            shape, centre_size = paint.fitted_card(
                box.centre, Outline.ELLIPSE, _CENTRE, lines, CENTRE_SIZE, "Centrum"
            )
            shapes.append(shape)
        sides = [
            (side.box, _SIDE, [Line(text, bold=True)], f"Side {number}")
            for number, (text, side) in enumerate(zip(self.sides, box.sides, strict=True), 1)
        ]
        # Never larger than the centre, so the eye reads it first; but never, for that, below
        # the readable size when the centre is squeezed into a low area and its labels are not.
        side_cap = max(centre_size, paint.min_size)
        shapes += paint.cards(sides, Outline.ROUNDED, SIDE_SIZE.capped(side_cap))
        for number, side in enumerate(box.sides, 1):
            direction = Direction.RIGHT if side.points_right else Direction.LEFT
            shapes.append(paint.arrow(side.arrow, direction, _ARROW, f"Pil {number}"))
        layers = [
            (layer, _LAYERS[index % len(_LAYERS)], [Line(text, bold=True)], f"Lag {index + 1}")
            for index, (text, layer) in enumerate(zip(self.layers, box.layers, strict=True))
        ]
        shapes += paint.cards(layers, Outline.ROUNDED, LAYER_SIZE.capped(top_size - HIERARCHY_STEP))
        paint.group(shapes, "Visionsmodel", self.alt_text or self.describe())

    def _layout(self, paint: ShapePainter, arrow: int = VISION_ARROW_LENGTH) -> VisionLayout:
        return vision_layout(
            paint.area(),
            headline=bool(self.headline if self.title else ""),
            layers=len(self.layers),
            centre=bool(self.centre),
            sides=len(self.sides),
            arrow_length=arrow,
        )

    def _smallest(self, paint: ShapePainter, box: VisionLayout, headline: str) -> float:
        """The smallest text size the model's parts get in `box` (a quiet trial of what
        `render` draws, with the same steps down from the headline and the centre)."""
        sizes, top, centre = [], HEADLINE_SIZE.largest, SIDE_SIZE.largest
        if box.headline:
            card = ([Line(headline, bold=True)], box.headline, Outline.ROUNDED)
            top = paint.fitted_size([card], HEADLINE_SIZE, quiet=True)
            sizes.append(top)
        if box.centre:
            card = ([Line(self.centre, bold=True)], box.centre, Outline.ELLIPSE)
            centre = paint.fitted_size([card], CENTRE_SIZE, quiet=True)
            sizes.append(centre)
        sides = [
            ([Line(text, bold=True)], side.box, Outline.ROUNDED)
            for text, side in zip(self.sides, box.sides, strict=True)
        ]
        if sides:
            cap = max(centre, paint.min_size)
            sizes.append(paint.fitted_size(sides, SIDE_SIZE.capped(cap), quiet=True))
        layers = [
            ([Line(text, bold=True)], layer, Outline.ROUNDED)
            for text, layer in zip(self.layers, box.layers, strict=True)
        ]
        if layers:
            sizes.append(
                paint.fitted_size(layers, LAYER_SIZE.capped(top - HIERARCHY_STEP), quiet=True)
            )
        return min(sizes, default=paint.min_size)

    def describe(self) -> str:
        """The model in words, for its alt text."""
        parts = []
        if self.headline:
            parts.append(f"Visionen: {self.headline}.")
        if self.centre:
            around = f" mellem {_joined(self.sides)}" if self.sides else ""
            parts.append(f"I midten {self.centre}{around}.")
        if self.layers:
            parts.append(f"Den bygger på, oppefra og ned: {_joined(self.layers)}.")
        return "Model: " + " ".join(parts)


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
