"""Dates as Danes write them, read the same wherever a visit's date is typed: `deckgen new`'s
question, a schedule's `dato` cell, the web page.

`12. marts 2026`, `12 mar`, `den 3. maj 25`, `12/3`, `12-03-26`, `03-03-25`, `12.3.2026` and
`2026-03-12` are read (day before month; a two-digit year is in this century). A date written
without a year is the next such day on or after a reference day: today for a question, the
first dated visit for a schedule — so `12/3` in a schedule of visits from August 2025 on is
12 March 2026, and stays so when the schedule is built again next year.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from deckgen.i18n import N_, _
from deckgen.variables import MONTHS, danish_date
from deckgen.wording import shown as quoted

_SHORT_MONTHS = {name[:3]: number for number, name in enumerate(MONTHS, 1)}
_MONTHS = {name: number for number, name in enumerate(MONTHS, 1)} | _SHORT_MONTHS
_WORDS = re.compile(
    r"(?:den\s+)?(\d{1,2})\.?\s*(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
    r"(?:\s+(\d{4}|\d{2}))?",
    re.IGNORECASE,
)
"""`12. marts 2026`, `12 mar`, `den 3. maj 25`."""
_NUMBERS = re.compile(r"(\d{1,2})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{4}|\d{2}))?\.?")
"""`12/3`, `12-03-26`, `12.3.2026`."""
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
"""`2026-03-12`."""
ACCEPTED = N_("12. marts 2026, 12/3, 12-03-26, 12.3.2026 or 2026-03-12")
"""The forms a date may be written in, as messages name them."""


@dataclass(frozen=True)
class WrittenDate:
    """A date as written: day and month, and the year if it was written."""

    text: str
    day: int
    month: int
    year: int | None

    def on_or_after(self, start: dt.date) -> dt.date:
        """The date; without a year, the next such day from `start` on (`start` included).

        ValueError names the date as written when there is no such day."""
        try:
            if self.year is not None:
                return dt.date(self.year, self.month, self.day)
            return _next(self.day, self.month, start)
        except ValueError:
            raise ValueError(
                _("{text} is not a real date (there is no such day)").format(text=quoted(self.text))
            ) from None


def read_date(text: str) -> WrittenDate:
    """`text` read as a Dane writes a date; ValueError names the forms that are read."""
    shown = text.strip()
    value = " ".join(shown.split()).casefold()
    iso = _ISO.fullmatch(value)
    if iso:
        return WrittenDate(shown, int(iso.group(3)), int(iso.group(2)), int(iso.group(1)))
    match = _WORDS.fullmatch(value) or _NUMBERS.fullmatch(value)
    if match is None:
        raise ValueError(
            _("{text} is not a date; write it as {forms}").format(
                text=quoted(shown), forms=_(ACCEPTED)
            )
        )
    month_text = match.group(2)
    month = _MONTHS[month_text] if month_text in _MONTHS else int(month_text)
    year_text = match.group(3)
    year = None if not year_text else int(year_text) + (2000 if len(year_text) == 2 else 0)
    return WrittenDate(shown, int(match.group(1)), month, year)


def parse_visit_date(text: str, today: dt.date | None = None) -> str:
    """`text`, a date as a Dane writes it, as an ISO date; ValueError says why not.

    A date without a year is the next such day from `today` (today itself included), so
    `12/3` typed in November means next March."""
    return read_date(text).on_or_after(today or dt.date.today()).isoformat()


def _next(day: int, month: int, start: dt.date) -> dt.date:
    """The next `day`/`month` from `start` on (29 February: in the next leap year within one)."""
    for year in (start.year, start.year + 1, *range(start.year + 2, start.year + 5)):
        with contextlib.suppress(ValueError):
            candidate = dt.date(year, month, day)
            if candidate >= start:
                return candidate
    raise ValueError(day, month)  # no such day in any year: said by `on_or_after`


WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
"""The days of the week, as a date is named back to the one who typed it (content, Danish)."""
EARLIEST_YEAR = 2000
"""A visit before this year is a typing slip (`12. marts 26` read as year 26), never a visit."""
DAYS_BACK = 366
"""A visit further back than this (a year) is doubted: asked to be confirmed."""
DAYS_AHEAD = 3 * 365 + 1
"""A visit further ahead than this (three years) is doubted too."""


def understood(day: dt.date) -> str:
    """The date as it was understood, in words: `torsdag 12. marts 2026`."""
    return f"{WEEKDAYS[day.weekday()]} {danish_date(day)}"


@dataclass(frozen=True)
class Doubt:
    """Why a date that is a real date is unlikely to be the one meant."""

    message: str
    hint: str
    confirmable: bool
    """True: a warning the person may confirm; False: refused (a year before 2000)."""


def doubt(day: dt.date, today: dt.date | None = None) -> Doubt | None:
    """Why `day` is an unlikely date for a visit planned `today`, or None if it is likely."""
    today = today or dt.date.today()
    words = understood(day)
    if day.year < EARLIEST_YEAR:
        return Doubt(
            _("the date is read as {date}, before the year {year}").format(
                date=words, year=EARLIEST_YEAR
            ),
            _("write the year in full, e.g. {example}").format(
                example=danish_date(dt.date(today.year, day.month, min(day.day, 28)))
            ),
            False,
        )
    if (today - day).days > DAYS_BACK:
        return Doubt(
            _("the date is read as {date}, more than a year ago").format(date=words),
            _("check the year; confirm the date if it is right"),
            True,
        )
    if (day - today).days > DAYS_AHEAD:
        return Doubt(
            _("the date is read as {date}, more than three years ahead").format(date=words),
            _("check the year; confirm the date if it is right"),
            True,
        )
    return None
