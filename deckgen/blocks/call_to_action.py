"""A call to action: a headline, a short text, and a link as text, hyperlink and QR code."""

from __future__ import annotations

from typing import Any, ClassVar

from deckgen.blocks.base import BlockBase, Canvas
from deckgen.fields import Link, OptionalText, Text
from deckgen.geometry import CTA_SIZE, call_to_action_layout
from deckgen.marks import Line, Look, Outline
from deckgen.text import plain

_WORDS = Look(fill=None, text="text", align="left")
_LINK_SPACE_BEFORE = 0.9
"""Space above the link, in multiples of the text size."""


class CallToAction(BlockBase, tag="call_to_action", kw_only=True):
    """A closing invitation: the headline as title, a short text, and a link to follow or scan."""

    example: ClassVar[dict[str, Any]] = {"title": "T", "text": "X", "link": "https://moellerup.dk"}
    """A small valid block of this kind (its YAML values), for the property tests."""

    title: Text
    """The headline, e.g. `Del løbende jeres gode idéer og inputs her:`."""
    text: OptionalText = ""
    """A short text under the headline: what happens when people follow the link."""
    link: Link
    """Where the link and the QR code lead: an `https://` address or `mailto:` an e-mail."""
    link_text: OptionalText = ""
    """How the link reads on the slide; left out, the address without `https://` or `mailto:`."""
    code_alt_text: OptionalText = ""
    """Alt text of the QR code; left out, it says the code is a QR code and where it leads."""

    layout_role: ClassVar[str] = "title_only"
    slots: ClassVar[tuple[str, ...]] = ("title",)

    @property
    def shown_link(self) -> str:
        """The link as people read it on the slide."""
        if self.link_text:
            return self.link_text
        for prefix in ("https://", "mailto:"):
            if self.link.lower().startswith(prefix):
                return self.link[len(prefix) :].rstrip("/")
        return self.link

    def render(self, canvas: Canvas) -> None:

        canvas.fill("title", [plain(self.title)])
        paint = canvas.painter()
        box = call_to_action_layout(paint.area())
        lines = [Line(self.text)] if self.text else []
        space = _LINK_SPACE_BEFORE if lines else 0.0
        lines.append(Line(self.shown_link, bold=True, link=self.link, space_before=space))
        words = paint.cards([(box.text, _WORDS, lines, "Tekst og link")], Outline.NONE, CTA_SIZE)
        code = canvas.qr_code(
            self.link, canvas.theme.color("text"), canvas.theme.color("background")
        )
        alt = self.code_alt_text or f"QR-kode, der fører til {self.shown_link}"
        picture = paint.picture(code, box.code, "QR-kode", alt, link=self.link)
        paint.group([*words, picture], "Link og QR-kode", f"{self.shown_link} og {alt}")
