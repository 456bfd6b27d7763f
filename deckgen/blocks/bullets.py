"""A list of points under a title, with an optional lead line and closing paragraph."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from msgspec import Meta

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import OptionalText, Text
from deckgen.record import Record
from deckgen.text import Emphasis, ListStyle, Paragraph, Run, bullet, plain


class Point(Record, kw_only=True):
    """A point written as `{text: …}`, with sub-points under it if it has any."""

    text: Text
    """The point."""
    items: list[Text] = []
    """Sub-points, one level in."""


TextOrPoint = Text | Point
"""A point as plain text, or with sub-points; told apart by form so a mistake gets one message."""


class Bullets(BlockBase, tag="bullets", kw_only=True):
    """Titled bullet list; a lead line may introduce it and a paragraph may close it."""

    example: ClassVar[dict[str, Any]] = {
        "title": "T",
        "lead": "L",
        "items": ["A", {"text": "B", "items": ["C"]}],
    }
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The slide's title."""
    lead: OptionalText = ""
    """A line above the points, e.g. `Opsamling fra workshops med hovedudvalget`."""
    items: Annotated[list[TextOrPoint], Meta(min_length=1)]
    """The points: text, or `{text: …, items: [sub-points]}`."""
    conclusion: OptionalText = ""
    """A paragraph after the points."""
    numbered: bool = False
    """Number the points 1), 2), … instead of marking them with bullets (sub-points keep
    their bullets)."""

    layout_role: ClassVar[str] = "content"

    def render(self, canvas: Canvas) -> None:
        canvas.fill("title", [plain(self.title)])
        canvas.fill("body", self.paragraphs())

    def paragraphs(self) -> list[Paragraph]:
        """The body: lead, points (with sub-points) and conclusion, in reading order."""
        body = [plain(self.lead, Emphasis.STRONG)] if self.lead else []
        style = ListStyle.NUMBERED if self.numbered else ListStyle.BULLET
        for item in self.items:
            text = item.text if isinstance(item, Point) else item
            body.append(Paragraph((Run(text),), style))
            if isinstance(item, Point):
                body.extend(bullet(sub, level=1) for sub in item.items)
        if self.conclusion:
            body.append(plain(self.conclusion, space_before_pt=12))
        return body
