"""Fill `{{ name }}` in text with the deck's variables; dates print the Danish way.

Substitution is plain text replacement: no expressions, no code, no attribute access.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from deckgen.i18n import _

PATTERN = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
"""`{{ name }}`; a name holds no brace (`{{{ omu }}}` is not the variable `{ omu`)."""
_BROKEN = re.compile(r"\{\{|\}\}|\{\x00|\x00\}")
"""Braces left once every whole `{{ name }}` is taken out (each made `\\x00`s): a
placeholder not closed, or a third brace beside one (`{{{ omu }}}`)."""
_LOOKS_LIKE_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{2,4}$")
_DAY = r"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])"
_MONTH = r"(?P<m>1[0-2]|0[1-9]|[1-9])"
_YEAR = r"(?P<Y>\d\d\d\d)"
_DATE_FORMATS = tuple(
    re.compile(form)
    for form in (
        rf"{_YEAR}-{_MONTH}-{_DAY}",
        rf"{_DAY}-{_MONTH}-{_YEAR}",
        rf"{_DAY}\.{_MONTH}\.{_YEAR}",
        rf"{_DAY}/{_MONTH}/{_YEAR}",
    )
)
"""What `datetime.strptime` reads for `%Y-%m-%d`, `%d-%m-%Y`, `%d.%m.%Y` and `%d/%m/%Y` (its
own patterns for the three fields), matched here: the first `strptime` in a process builds
its tables of the locale's month and day names, a twentieth of a one-deck build."""

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def danish_date(day: dt.date) -> str:
    """`2025-03-12` as Danes write it: `12. marts 2025`."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def parse_date(text: str) -> str:
    """`text` as an ISO date; ValueError if it is not a real date in a form we read."""
    value = text.strip()
    for form in _DATE_FORMATS:
        found = form.fullmatch(value)
        if found is None:
            continue
        try:
            return dt.date(int(found["Y"]), int(found["m"]), int(found["d"])).isoformat()
        except ValueError:
            continue
    what = _("a real date") if re.fullmatch(r"[\d./-]+", value) else _("a date")
    raise ValueError(
        _("{text} is not {what}; write it as 2025-03-12 or 12-03-2025").format(
            text=repr(text), what=what
        )
    )


def display_value(raw: str) -> str:
    """How a variable's value appears on a slide: a date (2025-03-12, 12-03-2025, 12.03.2025)
    the Danish way, anything else as written; ValueError for a date that does not exist."""
    if _LOOKS_LIKE_DATE.match(raw.strip()):
        return danish_date(dt.date.fromisoformat(parse_date(raw)))
    return raw


def unclosed(text: str) -> str | None:
    """The stretch around a `{{` or `}}` that is not part of a whole `{{ name }}`, if any."""
    masked = PATTERN.sub(lambda whole: "\x00" * len(whole.group()), text)  # keeps positions
    match = _BROKEN.search(masked)
    return None if match is None else text[max(0, match.start() - 12) : match.end() + 12]


def names_in(text: str) -> list[str]:
    """The variable names `text` refers to, in order."""
    return [match.group(1) for match in PATTERN.finditer(text)]


def substitute(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{{ name }}` replaced; every name must be in `values`."""
    return PATTERN.sub(lambda match: values[match.group(1)], text)
