"""Field types shared by the block schemas: text that XML can hold, ids, tags, links."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, StringConstraints

# XML 1.0 cannot hold these; PowerPoint refuses a file that has them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """`value` unchanged, or ValueError if it holds a character XML cannot."""
    match = _XML_ILLEGAL.search(value)
    if match:
        raise ValueError(
            f"contains the control character U+{ord(match.group()):04X} at position "
            f"{match.start() + 1}, which a slide cannot hold; delete it"
        )
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(xml_safe)
]
"""Required text: not empty, no control characters."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(xml_safe)]
"""Text that may be left out (empty)."""

ID_PATTERN = r"^[a-z0-9æøå][a-z0-9æøå_-]*$"
"""Ids and tags: lower-case letters, digits, '-' and '_'."""
HEX_COLOR_PATTERN = r"^[0-9A-Fa-f]{6}$"
"""A colour as six hex digits, e.g. 003B5C."""

BlockId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A block's id: lower-case letters, digits, '-' and '_', e.g. `vejen-videre`."""

Tag = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=40)]


LINK_SCHEMES = ("https", "mailto")
"""Links a slide may carry: web pages over https, and e-mail addresses."""
_MAX_LINK_LENGTH = 500
"""Longer links make a QR code too dense to scan from the back of a room."""


def _link(value: str) -> str:
    if any(char.isspace() for char in value):
        raise ValueError(f"{value!r} contains a space; a link cannot")
    parts = urlsplit(value)
    if parts.scheme.lower() not in LINK_SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise ValueError(
            f"{value!r} is not a link deckgen puts on a slide ({shown}); "
            "write a full https://… address or mailto:name@example.dk"
        )
    if parts.scheme.lower() == "https" and not parts.hostname:
        raise ValueError(f"{value!r} has no host name; write e.g. https://www.example.dk/side")
    if parts.scheme.lower() == "mailto" and "@" not in parts.path:
        raise ValueError(f"{value!r} has no e-mail address; write e.g. mailto:navn@example.dk")
    return value


Link = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=_MAX_LINK_LENGTH),
    AfterValidator(xml_safe),
    AfterValidator(_link),
]
"""A link for people to follow: `https://…` or `mailto:…`, nothing else (no http, no javascript)."""
