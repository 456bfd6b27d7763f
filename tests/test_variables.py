"""A date given as a variable's value is shown the Danish way, read in the forms Danes write."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from deckgen.variables import display_value, parse_date

_FORMS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2025-03-12", "12. marts 2025"),
        ("12-03-2025", "12. marts 2025"),
        ("1.2.2025", "1. februar 2025"),
        ("29/02/2024", "29. februar 2024"),
        ("OMU Børn og Familie", "OMU Børn og Familie"),
        ("2025", "2025"),
    ],
)
def test_a_date_is_shown_the_danish_way(written: str, shown: str) -> None:
    assert display_value(written) == shown


@pytest.mark.parametrize("written", ["29/02/2023", "31-04-2025", "2025-13-01", "00.01.2025"])
def test_a_date_that_does_not_exist_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="not a real date"):
        display_value(written)


def _strptime(text: str) -> str | None:
    value = text.strip()
    for form in _FORMS:
        try:
            return dt.datetime.strptime(value, form).date().isoformat()
        except ValueError:
            continue
    return None


def test_dates_are_read_as_strptime_reads_their_forms() -> None:
    """deckgen matches the four forms itself (strptime's first call is slow to start); every
    combination of days, months, years and separators reads as `datetime.strptime` reads it."""
    fields = ["", "0", "1", "01", "9", "12", "13", "29", "30", "31", "32", " 5", "00"]
    fields += ["2025", "0000", "1999", "20251", "٢٠٢٥", "٣"]  # Arabic-Indic digits are digits
    read = 0
    for first, second, third in itertools.product(fields, repeat=3):
        for one, two in itertools.product("-./ ", repeat=2):
            text = f"{first}{one}{second}{two}{third}"
            try:
                ours: str | None = parse_date(text)
            except ValueError:
                ours = None
            assert ours == _strptime(text), text
            read += ours is not None
    assert read > 400
