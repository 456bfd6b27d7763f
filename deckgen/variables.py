"""Fill `{{ name }}` in text with the deck's variables; dates print the Danish way.

Substitution is plain text replacement: no expressions, no code, no attribute access.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

PATTERN = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def danish_date(day: dt.date) -> str:
    """`2025-03-12` as Danes write it: `12. marts 2025`."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def display_value(raw: str) -> str:
    """How a variable's value appears on a slide; raises ValueError for a malformed date."""
    if _ISO_DATE.match(raw):
        try:
            return danish_date(dt.date.fromisoformat(raw))
        except ValueError:
            raise ValueError(f"{raw!r} is not a real date; write it as YYYY-MM-DD") from None
    return raw


def names_in(text: str) -> list[str]:
    """The variable names `text` refers to, in order."""
    return [match.group(1) for match in PATTERN.finditer(text)]


def substitute(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{{ name }}` replaced; every name must be in `values`."""
    return PATTERN.sub(lambda match: values[match.group(1)], text)
