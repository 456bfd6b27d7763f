"""`deckgen new` in a secretary's words: the numbers it shows, whole names, Danish dates, a
summary to confirm, and answers that survive Ctrl+C."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from sample_project import kept_visits

from deckgen.cli.commands import main
from deckgen.tour.answers import choose_blocks
from deckgen.tour.dates import parse_visit_date

STEM = "2026-03-12_mette-holm_omu-boern-og-familie"
TODAY = dt.date(2025, 11, 27)


def _new(answers):
    return CliRunner().invoke(main, ["new"], input="\n".join(answers) + "\n")


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("12. marts 2026", "2026-03-12"),
        ("12. Marts 2026", "2026-03-12"),
        ("den 12. mar. 2026", "2026-03-12"),
        ("12/3", "2026-03-12"),  # the next 12 March from 27 November 2025
        ("12. marts", "2026-03-12"),
        ("27/11", "2025-11-27"),  # today counts
        ("26-11", "2026-11-26"),  # yesterday: next year's
        ("12-03-26", "2026-03-12"),
        ("03-03-25", "2025-03-03"),
        ("12.03.2026", "2026-03-12"),
        ("2026-03-12", "2026-03-12"),
    ],
)
def test_dates_are_read_as_danes_write_them(typed, date):
    assert parse_visit_date(typed, TODAY) == date


@pytest.mark.parametrize(
    ("typed", "says"),
    [("31-06-2026", "is not a real date"), ("næste tirsdag", "is not a date")],
)
def test_a_date_that_is_not_one_says_so(typed, says, english):
    with pytest.raises(ValueError, match=says):
        parse_visit_date(typed, TODAY)


SHOWN = [
    ("titel", "Dialogmøde"),
    ("kkc-workshop", "Lederworkshop"),
    ("tak-for-i-dag", "Tak for i dag"),
]


def test_blocks_are_chosen_by_number_id_or_whole_heading():
    allowed = ["kkc-workshop", "tak-for-i-dag"]
    assert choose_blocks("3", SHOWN, allowed) == ("tak-for-i-dag",)
    assert choose_blocks("Tak for i dag", SHOWN, allowed) == ("tak-for-i-dag",)
    assert choose_blocks("2, tak for  i dag", SHOWN, allowed) == ("kkc-workshop", "tak-for-i-dag")
    assert choose_blocks("2 3", SHOWN, allowed) == ("kkc-workshop", "tak-for-i-dag")


def test_a_block_that_cannot_be_chosen_says_why(english):
    with pytest.raises(ValueError, match="there is no block number 9; the numbers go from 1 to 3"):
        choose_blocks("9", SHOWN, ["tak-for-i-dag"])
    with pytest.raises(ValueError, match="'titel' cannot be chosen here"):
        choose_blocks("1", SHOWN, ["tak-for-i-dag"])


def test_new_takes_the_numbers_it_shows_and_a_danish_date(sample_copy, english):
    answers = ["2", "1", "12. marts 2026", "", "Tak for i dag", "9", "", ""]
    result = _new(answers)
    assert result.exit_code == 0, result.output
    assert "25) tak-for-i-dag – Tak for i dag" in result.output
    assert "deckgen catalogue" in result.output
    (visit,) = kept_visits(sample_copy)
    assert visit.record.date == "2026-03-12"
    assert visit.record.extra == ("tak-for-i-dag",)
    assert visit.record.drop == ("kkc-workshop",)


def test_new_shows_a_summary_and_writes_nothing_unless_confirmed(sample_copy, english):
    answers = ["2", "1", "12-03-2026", "Rådhuset", "25", "", "Sommerplanen", "n"]
    result = _new(answers)
    assert result.exit_code == 0, result.output
    summary = result.output[result.output.index("Summary:") :]
    for line in (
        "  Director: Mette Holm",
        "  Committee: OMU Børn og Familie",
        "  Date: torsdag 12. marts 2026",
        "  Place: Rådhuset",
        "  Added: tak-for-i-dag",
        "  Left out: (none)",
        "  Local example: Sommerplanen",
    ):
        assert line in summary
    assert "Nothing written" in result.output
    assert kept_visits(sample_copy) == []
    assert not (sample_copy / "build").exists()


def test_answers_survive_an_interruption_and_are_offered_next_time(sample_copy, english):
    stopped = _new(["2", "1", "12-03-2026", "Rådhuset"])  # the input ends: as Ctrl+C
    assert stopped.exit_code != 0
    assert "Your answers are kept: run deckgen new again to go on." in stopped.output
    assert kept_visits(sample_copy) == []

    # Next time: go on with them, and Enter takes each kept answer.
    resumed = _new(["", "", "", "", "", "", "", "", ""])
    assert resumed.exit_code == 0, resumed.output
    assert "You stopped midway last time (Mette Holm, OMU Børn og Familie, 12. marts 2026" in (
        resumed.output
    )
    (visit,) = kept_visits(sample_copy)
    assert visit.record.place == "Rådhuset"

    # Once written, nothing is offered any more.
    again = _new(["2", "1", "13-03-2026", "", "", "", "", ""])
    assert again.exit_code == 0, again.output
    assert "You stopped midway" not in again.output


def test_a_superscript_two_typed_for_a_number_is_asked_again_not_a_traceback(sample_copy, english):
    """`²` (AltGr+2 on a Danish keyboard) is a digit to Python but no number to `int`:
    `deckgen new` stopped with a traceback at the director's and the committee's question."""
    typed = _new(["²", "2", "²", "1", "12-03-2026", "Rådhuset"])
    assert "Traceback" not in typed.output and not isinstance(typed.exception, ValueError)
    assert "'²' is neither one of the numbers 1–" in typed.output
    assert "'²' is not in the committee register" in typed.output
