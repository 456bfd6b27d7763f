"""Field types shared by the block schemas: text that XML can hold, ids, tags."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

# XML 1.0 cannot hold these; PowerPoint refuses a file that has them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    match = _XML_ILLEGAL.search(value)
    if match:
        raise ValueError(
            f"contains the control character U+{ord(match.group()):04X} at position "
            f"{match.start() + 1}, which a slide cannot hold; delete it"
        )
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_xml_safe)
]
"""Required text: not empty, no control characters."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_xml_safe)]
"""Text that may be left out (empty)."""

BlockId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9æøå][a-z0-9æøå_-]*$", max_length=80),
]
"""A block's id: lower-case letters, digits, '-' and '_', e.g. `vejen-videre`."""

Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9æøå][a-z0-9æøå_-]*$", max_length=40)]
