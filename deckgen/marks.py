"""What a drawn block asks the painter for, without python-pptx: text lines, looks by theme
role, outlines and arrow directions. Block modules import this at load time; the painter
(`deckgen.render.shapes`), which needs python-pptx, only when a slide is drawn."""

from __future__ import annotations

from enum import Enum

from msgspec import Struct


class Outline(Enum):
    """The shapes a card can have."""

    ROUNDED = "rounded"
    ELLIPSE = "ellipse"
    NONE = "none"
    """No shape at all: a text box."""


class Direction(Enum):
    """Which way a block arrow points."""

    RIGHT = "right"
    LEFT = "left"
    DOWN = "down"


class Line(Struct, frozen=True):
    """One paragraph of text in a shape."""

    text: str
    bold: bool = False
    bullet: bool = False
    scale: float = 1.0
    """Size relative to the shape's text size."""
    space_before: float = 0.0
    """Space above the paragraph (not the first), in multiples of the text size."""
    indent: float = 0.0
    """How far a bullet's text hangs in, in multiples of the text size (bullets only)."""
    link: str | None = None
    """Make the text a hyperlink to this address."""


class Look(Struct, frozen=True):
    """How a card looks, in theme roles."""

    fill: str | None
    """Colour role of the shape's fill; None for no fill."""
    text: str
    """Colour role of the text."""
    font: str = "body"
    """`heading` or `body`: which of the theme's fonts."""
    align: str = "center"
    """`left`, `center` or `right`."""
    anchor: str = "middle"
    """`top`, `middle` or `bottom`: where the text sits in the shape."""
