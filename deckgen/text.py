"""Rich text as blocks describe it: paragraphs of runs, independent of python-pptx.

Blocks build `Paragraph` lists; the renderer turns them into native PowerPoint text. A newline
inside a run becomes a line break within the paragraph, as Shift+Enter does in PowerPoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look; `link` makes it a hyperlink."""

    text: str
    emphasis: Emphasis = Emphasis.NORMAL
    link: str | None = None


@dataclass(frozen=True)
class Paragraph:
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
