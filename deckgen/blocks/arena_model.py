"""The arena model (opsamling): arenas side by side, arrows for the flow between them, and
a closing question, drawn in native shapes grouped as one."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from msgspec import Meta

from deckgen.blocks.base import BlockBase, Canvas, ShapePainter
from deckgen.fields import OptionalText, Text
from deckgen.geometry import (
    ARENA_BODY_SIZE,
    ARENA_HEADING_SIZE,
    ARENA_WIDE_MARGIN,
    BULLET_INDENT,
    GROUP_SPACE_BEFORE,
    ITEM_SPACE_BEFORE,
    NARROW_BULLET_INDENT,
    QUESTION_SIZE,
    ArenaLayout,
    arena_layout,
    widened,
)
from deckgen.marks import Direction, Line, Look, Outline
from deckgen.record import Record
from deckgen.text import plain

_HEADING = Look(fill="primary", text="background", font="heading")
_BODY = Look(fill="light", text="text", align="left", anchor="top")
_QUESTION = Look(fill="highlight", text="text", font="heading")
_ARROW = "accent"


class ItemGroup(Record, kw_only=True):
    """A group heading in an arena and the points under it."""

    heading: Text
    """The group's heading, e.g. `Nationalpolitiske krav om frisættelse`."""
    items: Annotated[list[Text], Meta(max_length=8)] = []
    """The points under the heading, one bullet each."""


class Arena(Record, kw_only=True):
    """One arena: its heading and the groups of points in it."""

    heading: Text
    """The arena's name, e.g. `Den politiske arena`."""
    groups: Annotated[list[ItemGroup], Meta(min_length=1, max_length=4)]
    """Groups of points, top down."""


class ArenaModel(BlockBase, tag="arena_model", kw_only=True):
    """Two to four arenas side by side with arrows showing the flow, and a closing question."""

    example: ClassVar[dict[str, Any]] = {
        "title": "T",
        "arenas": [
            {"heading": "A", "groups": [{"heading": "G", "items": ["x"]}]},
            {"heading": "B", "groups": [{"heading": "G", "items": ["y"]}]},
        ],
        "question": "Q",
    }
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The slide's title, e.g. `Opsamling`."""
    arenas: Annotated[list[Arena], Meta(min_length=2, max_length=4)]
    """The arenas from left to right, in the order the flow runs."""
    question: OptionalText = ""
    """A question under the model, e.g. `… men hvordan?`."""
    alt_text: OptionalText = ""
    """What a screen reader says about the model; left out, it is written from the text."""

    layout_role: ClassVar[str] = "title_only"
    slots: ClassVar[tuple[str, ...]] = ("title",)

    def render(self, canvas: Canvas) -> None:

        canvas.fill("title", [plain(self.title)])
        paint = canvas.painter()
        lines = [_body_lines(arena) for arena in self.arenas]
        box, size = self._plan(paint, lines)
        if size < paint.min_size and canvas.tighten_title():
            # The template's title box is far taller than the title: the model takes the
            # room under the title's text instead, before its text goes below readable.
            box, size = self._plan(paint, lines)
        if size < paint.min_size:
            # Still too little room: the headings only as tall as their text at the readable
            # size, and the room they gave up goes to the bodies.
            box, size = self._plan(paint, lines, compact=True)
        if size < paint.min_size:
            # Columns too narrow for their longest words (a 4:3 slide): the model takes the
            # slide's width but for a slim margin, giving up the title's indent.
            narrow = [_body_lines(arena, NARROW_BULLET_INDENT) for arena in self.arenas]
            wide, wide_size = self._plan(paint, narrow, compact=True, wide=True)
            if wide_size > size:
                box, size, lines = wide, wide_size, narrow
        if size < paint.min_size:
            # Said once, at the size drawn (the trials above were quiet).
            cards = [
                (body, frame, Outline.ROUNDED)
                for body, frame in zip(lines, box.bodies, strict=True)
            ]
            size = paint.fitted_size(cards, ARENA_BODY_SIZE)
        headings, bodies = [], []
        for number, (arena, body) in enumerate(zip(self.arenas, lines, strict=True), 1):
            heading = [Line(arena.heading, bold=True)]
            headings.append((box.headings[number - 1], _HEADING, heading, f"Arena {number}"))
            bodies.append((box.bodies[number - 1], _BODY, body, f"Arena {number}, indhold"))
        shapes = paint.cards(headings, Outline.ROUNDED, ARENA_HEADING_SIZE)
        shapes += paint.cards(bodies, Outline.ROUNDED, ARENA_BODY_SIZE.capped(size), quiet=True)
        for number, arrow in enumerate(box.arrows, 1):
            shapes.append(paint.arrow(arrow, Direction.RIGHT, _ARROW, f"Pil {number}"))
        if box.question:
            ask = (box.question, _QUESTION, [Line(self.question, bold=True)], "Spørgsmål")
            shapes += paint.cards([ask], Outline.ROUNDED, QUESTION_SIZE)
        paint.group(shapes, "Arenamodel", self.alt_text or self.describe())

    def _plan(
        self,
        paint: ShapePainter,
        lines: list[list[Line]],
        *,
        compact: bool = False,
        wide: bool = False,
    ) -> tuple[ArenaLayout, float]:
        """The model's boxes in the painter's area, and the body text size they allow;
        `compact`: packed tight, the headings as tall as their text at the readable size;
        `wide`: the area widened to the slide's slim margins (`widened`)."""
        area, count, asks = paint.area(), len(self.arenas), bool(self.question)
        if wide:
            area = widened(area, ARENA_WIDE_MARGIN)
        if compact:
            box = arena_layout(area, count, question=asks, tight=True)
            heading = max(
                paint.text_height(
                    [Line(a.heading, bold=True)], frame, Outline.ROUNDED, paint.min_size
                )
                for a, frame in zip(self.arenas, box.headings, strict=True)
            )
            usual = box.headings[0].height
            box = arena_layout(
                area, count, question=asks, tight=True, heading_height=min(heading, usual)
            )
            size = self._body_size(paint, lines, box)
            if heading > usual:
                # A heading needs another line at the readable size (a wide font in narrow
                # columns): the headings grow to hold it, the bodies giving up that room,
                # where the bodies' text stays readable below them.
                grown = arena_layout(area, count, question=asks, tight=True, heading_height=heading)
                grown_size = self._body_size(paint, lines, grown)
                if grown_size >= paint.min_size:
                    return grown, grown_size
            return box, size
        # Size the text for the tallest bodies first, then shrink the bodies to the text.
        tallest = arena_layout(area, count, question=asks)
        cards = [(body, tallest.bodies[0], Outline.ROUNDED) for body in lines]
        size = paint.fitted_size(cards, ARENA_BODY_SIZE, quiet=True)
        titled = [
            ([Line(a.heading, bold=True)], tallest.headings[0], Outline.ROUNDED)
            for a in self.arenas
        ]
        if min(size, paint.fitted_size(titled, ARENA_HEADING_SIZE, quiet=True)) < paint.min_size:
            # Too narrow a slide for the text at a readable size (4:3 is a quarter narrower
            # than 16:9): pack the model tighter, each body as tall as its column allows.
            box = arena_layout(area, count, question=asks, tight=True)
            cards = [
                (body, frame, Outline.ROUNDED)
                for body, frame in zip(lines, box.bodies, strict=True)
            ]
            return box, paint.fitted_size(cards, ARENA_BODY_SIZE, quiet=True)
        needed = max(paint.text_height(*card, size) for card in cards)
        return arena_layout(area, count, question=asks, body_height=needed), size

    @staticmethod
    def _body_size(paint: ShapePainter, lines: list[list[Line]], box: ArenaLayout) -> float:
        """The body text size `box`'s bodies allow (one size for all)."""
        cards = [
            (body, frame, Outline.ROUNDED) for body, frame in zip(lines, box.bodies, strict=True)
        ]
        return paint.fitted_size(cards, ARENA_BODY_SIZE, quiet=True)

    def describe(self) -> str:
        """The model in words, for its alt text."""
        names = ", ".join(arena.heading for arena in self.arenas)
        count = len(self.arenas)
        parts = [f"Model med {count} arenaer, forbundet af pile fra venstre mod højre: {names}."]
        for arena in self.arenas:
            groups = "; ".join(
                f"{group.heading}: {', '.join(group.items)}" if group.items else group.heading
                for group in arena.groups
            )
            parts.append(f"{arena.heading} – {groups}.")
        if self.question:
            parts.append(f"Spørgsmål: {self.question}")
        return " ".join(parts)


def _body_lines(arena: Arena, indent: float = BULLET_INDENT) -> list[Line]:
    lines: list[Line] = []
    for group in arena.groups:
        lines.append(Line(group.heading, bold=True, space_before=GROUP_SPACE_BEFORE))
        lines += [
            Line(item, bullet=True, indent=indent, space_before=ITEM_SPACE_BEFORE)
            for item in group.items
        ]
    return lines
