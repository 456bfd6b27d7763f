"""Field types shared by the block schemas: text, ids, tags, colours, links.

Every string is stripped and checked for characters XML cannot hold before conversion (see
`deckgen.record`), so these types only add what each kind of text must look like.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from msgspec import Meta

from deckgen.i18n import _
from deckgen.record import CheckedText, xml_safe

__all__ = [
    "HEX_COLOR_PATTERN",
    "ID_PATTERN",
    "LINK_SCHEMES",
    "SCHEME_COLORS",
    "THEME_COLOR_PATTERN",
    "BlockId",
    "HexColor",
    "Link",
    "OptionalText",
    "Tag",
    "Text",
    "ThemeColor",
    "xml_safe",
]

Text = Annotated[str, Meta(min_length=1)]
"""Required text: not empty."""

OptionalText = str
"""Text that may be left out (empty)."""

ID_PATTERN = r"^[a-z0-9æøå][a-z0-9æøå_-]*$"
"""Ids and tags: lower-case letters, digits, '-' and '_'."""
HEX_COLOR_PATTERN = r"^[0-9A-Fa-f]{6}$"
"""A colour as six hex digits, e.g. 003B5C."""
SCHEME_COLORS = (
    "dk1",
    "lt1",
    "dk2",
    "lt2",
    *(f"accent{n}" for n in range(1, 7)),
    "hlink",
    "folHlink",
)
"""The colours of a template's colour scheme, as its theme part names them."""
SCHEME_PREFIX = "scheme:"
"""How a colour names one of the template's colour scheme: `scheme:accent1`."""
THEME_COLOR_PATTERN = r"^([0-9A-Fa-f]{6}|scheme:(" + "|".join(SCHEME_COLORS) + r"))$"
"""A theme's colour: six hex digits, or `scheme:` and a colour of the template's scheme."""

BlockId = Annotated[str, Meta(pattern=ID_PATTERN, max_length=80)]
"""A block's id: lower-case letters, digits, '-' and '_', e.g. `vejen-videre`."""

Tag = Annotated[str, Meta(pattern=ID_PATTERN, max_length=40)]

HexColor = Annotated[str, Meta(pattern=HEX_COLOR_PATTERN)]
"""A colour as six hex digits, e.g. `003B5C`."""

ThemeColor = Annotated[
    str,
    Meta(
        pattern=THEME_COLOR_PATTERN,
        description="Six hex digits (`003B5C`), or a colour of the template's colour scheme "
        "(`scheme:accent1`, `scheme:dk2`…), written as a live reference that follows the "
        "template's theme.",
    ),
]
"""A theme colour: six hex digits, or `scheme:accent1` for the template's own."""


LINK_SCHEMES = ("https", "mailto")
"""Links a slide may carry: web pages over https, and e-mail addresses."""
_MAX_LINK_LENGTH = 500
"""Longer links make a QR code too dense to scan from the back of a room."""


class Link(CheckedText):
    """A link for people to follow: `https://…` or `mailto:…`, nothing else (no http, no
    javascript)."""

    @classmethod
    def json_schema(cls) -> dict[str, object]:
        return {"type": "string", "pattern": "^(https://|mailto:)", "maxLength": _MAX_LINK_LENGTH}

    @classmethod
    def check(cls, value: str) -> str:
        if not value:
            raise ValueError(_("must not be empty; write the link, or remove the field"))
        if len(value) > _MAX_LINK_LENGTH:
            raise ValueError(
                _(
                    "is {count} characters long; a QR code of more than "
                    "{MAX_LINK_LENGTH} cannot be scanned from across a room — use a "
                    "shorter address"
                ).format(count=len(value), MAX_LINK_LENGTH=_MAX_LINK_LENGTH)
            )
        if any(char.isspace() for char in value):
            raise ValueError(_("{value} contains a space; a link cannot").format(value=repr(value)))
        parts = urlsplit(value)
        if parts.scheme.lower() not in LINK_SCHEMES:
            shown = f"{parts.scheme}:" if parts.scheme else _("no scheme")
            raise ValueError(
                _(
                    "{value} is not a link deckgen puts on a slide ({shown}); write "
                    "a full https://… address or mailto:name@example.dk"
                ).format(value=repr(value), shown=shown)
            )
        if parts.scheme.lower() == "https" and not parts.hostname:
            raise ValueError(
                _("{value} has no host name; write e.g. https://www.example.dk/side").format(
                    value=repr(value)
                )
            )
        if parts.scheme.lower() == "mailto" and "@" not in parts.path:
            raise ValueError(
                _("{value} has no e-mail address; write e.g. mailto:navn@example.dk").format(
                    value=repr(value)
                )
            )
        return value
