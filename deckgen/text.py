"""deckgen's model of text, independent of python-pptx: as blocks describe it, and as it is set.

Blocks build `Paragraph` lists of `Run`s in theme roles; the renderer turns them into native
PowerPoint text. A newline inside a run becomes a line break within the paragraph, as
Shift+Enter does in PowerPoint.

Set text (`TextBody` of `TextParagraph`s of `TextRun`s) is text with every property resolved:
each run's size, weight and slant, each paragraph's indent and spacing, the frame's insets and
autofit. The renderer makes it from what it is about to write (`deckgen.render.fit` for a
placeholder's paragraphs, `deckgen.render.shapes.set_lines` for a card's `Line`s), the check
reads it from a slide's XML (`deckgen.check.text`), and `deckgen.measure` measures it for both.
"""

from __future__ import annotations

from enum import Enum

from msgspec import Struct

from deckgen.colors import Color


class ListStyle(Enum):
    """How a paragraph is marked: as the template's bullet, a number, or not at all."""

    BULLET = "bullet"
    NUMBERED = "numbered"
    PLAIN = "plain"


class Emphasis(Enum):
    """The text roles a block may ask for; the theme decides what each looks like."""

    NORMAL = "normal"
    STRONG = "strong"
    SOURCE = "source"


class Run(Struct, frozen=True):
    """A stretch of text with one look; `link` makes it a hyperlink."""

    text: str
    emphasis: Emphasis = Emphasis.NORMAL
    link: str | None = None


class Paragraph(Struct, frozen=True):
    """One paragraph of `runs` at outline `level` (0 is top), marked by `style`."""

    runs: tuple[Run, ...]
    style: ListStyle = ListStyle.PLAIN
    level: int = 0
    space_before_pt: float | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def plain(text: str, emphasis: Emphasis = Emphasis.NORMAL, **kwargs: object) -> Paragraph:
    """A paragraph of one run without a bullet."""
    return Paragraph((Run(text, emphasis),), ListStyle.PLAIN, **kwargs)  # type: ignore[arg-type]


def bullet(text: str, level: int = 0) -> Paragraph:
    """A bulleted paragraph of one run."""
    return Paragraph((Run(text),), ListStyle.BULLET, level)


class TextRun(Struct):
    """A stretch of text with its effective look; a line break is a run with text `\\n`."""

    text: str
    size_pt: float
    bold: bool
    italic: bool
    color: Color | None
    typeface: str
    """As the run or its style names it: `+mj-lt` (the theme's heading font), `+mn-lt` or
    empty (its body font), or a font's name."""
    lang: str | None
    link: bool
    field: bool = False


class TextParagraph(Struct):
    """A paragraph with its effective spacing and indent."""

    runs: list[TextRun]
    level: int
    margin_left: int
    line_spacing: tuple[str, float]
    """(`pct`, 1.0) for a multiple of single spacing, or (`pts`, 24.0) for exact spacing."""
    space_before_pt: float
    space_after_pt: float
    end_size_pt: float

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class TextBody(Struct):
    """A shape's text and the frame it sits in."""

    paragraphs: list[TextParagraph]
    insets: tuple[int, int, int, int]
    """Left, top, right, bottom, EMU."""
    wrap: bool
    autofit: str
    """`none`, `normal` (shrink on overflow) or `shape` (resize the shape to fit)."""
    font_scale: float
    line_reduction: float

    @property
    def text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.paragraphs)
