"""A schedule's dates are read as `deckgen new` reads a typed date (`deckgen.tour.dates`): every
form a Dane writes, a year inferred from the schedule when it is left out, and a date that is
none reported at its row and column, naming the forms that are read."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from deckgen.cli.commands import main
from deckgen.i18n import choose_language
from deckgen.tour.dates import parse_visit_date
from deckgen.tour.schedule import load_schedule

HEADER = "dato;direktør;udvalg\n"


def _schedule(tmp_path, *dates: str):
    path = tmp_path / "besoeg.csv"
    rows = "".join(f"{date};Mette Holm;OMU Børn og Familie\n" for date in dates)
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("12. marts 2026", "2026-03-12"),
        ("den 12. mar. 2026", "2026-03-12"),
        ("12-03-26", "2026-03-12"),
        ("03-03-25", "2025-03-03"),
        ("12.3.2026", "2026-03-12"),
        ("12.03.2026", "2026-03-12"),
        ("12/3/2026", "2026-03-12"),
        ("2026-03-12", "2026-03-12"),
        ("12-03-2026", "2026-03-12"),
    ],
)
def test_a_schedule_reads_every_form_new_reads(tmp_path, written, date):
    schedule = load_schedule(_schedule(tmp_path, written))
    assert not schedule.problems
    assert [visit.date for visit in schedule.visits] == [date]
    # One parser: the prompt reads the same date the same way.
    assert parse_visit_date(written, dt.date(2025, 11, 27)) == date


def test_a_date_without_a_year_takes_the_next_such_day_after_the_first_dated_visit(tmp_path):
    schedule = load_schedule(
        _schedule(tmp_path, "20. august 2025", "12/3", "1. sep", "12. marts", "19-08")
    )
    assert not schedule.problems
    assert [visit.date for visit in schedule.visits] == [
        "2025-08-20",
        "2026-03-12",  # after August 2025: next March, whenever the schedule is built
        "2025-09-01",
        "2026-03-12",
        "2026-08-19",  # the day before the first visit: a year on
    ]


def test_a_schedule_with_no_year_at_all_counts_from_today(tmp_path):
    schedule = load_schedule(_schedule(tmp_path, "12/3"))
    assert [visit.date for visit in schedule.visits] == [parse_visit_date("12/3", dt.date.today())]


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("næste tirsdag", "'næste tirsdag' is not a date; write it as 12. marts 2026, 12/3,"),
        ("31/6", "'31/6' is not a real date (there is no such day)"),
        ("30. februar 2026", "'30. februar 2026' is not a real date (there is no such day)"),
        ("2025-13-01", "'2025-13-01' is not a real date (there is no such day)"),
    ],
)
def test_a_date_that_is_none_is_reported_at_its_row_and_column(tmp_path, written, says):
    path = _schedule(tmp_path, "12/3", written)
    schedule = load_schedule(path)
    assert [str(problem) for problem in schedule.problems] == [
        f'{path}:3, column "dato": {says}'
        + ("" if "not a date" not in says else " 12-03-26, 12.3.2026 or 2026-03-12")
    ]
    assert len(schedule.visits) == 1


def test_the_tour_names_row_and_column_in_danish(sample_copy):
    from sample_project import write_schedule

    schedule = write_schedule(sample_copy, "næste tirsdag;Mette Holm;OMU Børn og Familie;;;;\n")
    result = CliRunner().invoke(main, ["--lang", "da", "tour", str(schedule), "-o", "build"])
    assert result.exit_code == 1
    assert (
        "Fejl: decks/tour/besoeg.csv, række 2, kolonne \"dato\": 'næste tirsdag' er ikke en "
        "dato; skriv den som 12. marts 2026, 12/3, 12-03-26, 12.3.2026 eller 2026-03-12"
    ) in result.output
    assert "Fejl: 1 af 1 besøg mislykkedes" in result.output


def test_a_very_long_date_cell_is_quoted_short_in_the_users_language(tmp_path):
    path = _schedule(tmp_path, "1" * 10_000)
    (problem,) = load_schedule(path).problems
    assert str(problem).startswith(f"{path}:2, column \"dato\": '{'1' * 49}…' (10,000 characters)")
    assert len(str(problem)) < 300
    choose_language("da")
    try:
        (problem,) = load_schedule(path).problems
    finally:
        choose_language("en")
    assert "…' (10.000 tegn) er ikke en dato" in str(problem)


def test_a_tour_row_dated_before_2000_is_refused_and_not_kept(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner
    from sample_project import copy_sample

    from deckgen.cli.commands import main

    project = copy_sample(tmp_path / "projekt")
    schedule = project / "plan.csv"
    schedule.write_text(
        "dato;direktør;udvalg\n1/1/1900;Lars Kjærgaard;OMU Skoler Syd\n", encoding="utf-8"
    )
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["tour", "plan.csv", "-o", "ud"])
    assert result.exit_code == 1
    assert 'plan.csv:2, column "dato"' in result.output and "before the year 2000" in result.output
    listed = CliRunner().invoke(main, ["visits", "list"])
    assert "1900" not in listed.output
