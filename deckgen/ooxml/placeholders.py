"""PowerPoint's placeholder types, in one table: which are titles, which are the footer's, and
which placeholder of the slide master each type inherits its position and text from.

The types are spelled as the XML spells them (`p:ph type="ctrTitle"`); a placeholder that
names no type is `obj`.
"""

from __future__ import annotations

MASTER_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
"""Which master placeholder a layout placeholder of each type inherits from; every other type
inherits from the master's body."""

TITLE_TYPES = frozenset({"title", "ctrTitle"})
"""The types of a slide's title."""

FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
"""The types of the footer's placeholders (date, footer text, slide number, header)."""


def master_type(ph_type: str) -> str:
    """The type of the master placeholder a layout placeholder of type `ph_type` (as the XML
    spells it: `ctrTitle`, `subTitle`, `pic`, …) inherits from: its own for titles, dates,
    footers and slide numbers, `body` for everything else."""
    return MASTER_TYPE.get(ph_type, "body")
