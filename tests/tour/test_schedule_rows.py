"""A schedule never loses a visit silently: every row is built or reported at its row."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sample_project import write_schedule

from deckgen.cli import main
from deckgen.errors import DeckgenError
from deckgen.tour.schedule import load_schedule

HEADER = "dato;direktør;udvalg;sted\n"


def _schedule(tmp_path, text: str | bytes):
    path = tmp_path / "besoeg.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path, load_schedule(path)


def _rows(schedule) -> list[str]:
    return [visit.committee for visit in schedule.visits]


def test_a_quote_never_closed_is_reported_at_the_row_where_it_opens(tmp_path):
    rows = "".join(f"2025-03-{day};Mette Holm;OMU {day};Rådhuset\n" for day in range(13, 16))
    path, schedule = _schedule(
        tmp_path, HEADER + '2025-03-12;Mette Holm;"OMU Børn;Rådhuset\n' + rows
    )
    assert _rows(schedule) == []
    (problem,) = schedule.problems
    assert str(problem) == (
        f"{path}:2: a quote (\") opens in the cell 'udvalg' of this row and is never closed, "
        "so lines 3–5 were read into that cell and not built — close the quote at the end of "
        'the cell, or remove it; write a quote inside a cell as two: ""'
    )


def test_a_quote_closed_rows_later_is_reported_and_the_rows_after_it_are_built(tmp_path):
    _, schedule = _schedule(
        tmp_path,
        HEADER
        + '2025-03-12;Mette Holm;"OMU Børn;Rådhuset\n'
        + "2025-03-13;Mette Holm;OMU Skoler;Rådhuset\n"
        + '2025-03-14;Mette Holm;OMU Ældre";Rådhuset\n'
        + "2025-03-15;Mette Holm;OMU Kultur;Rådhuset\n",
    )
    assert _rows(schedule) == ["OMU Kultur"]
    assert [p.location.line for p in schedule.problems] == [2]
    assert "closes only at line 4, so lines 3–4 were read into that cell" in str(
        schedule.problems[0]
    )


def test_an_unclosed_quote_in_a_schedule_over_128_kb_is_no_traceback(tmp_path):
    rows = "".join(f"2025-03-12;Mette Holm;OMU nummer {n};Rådhuset\n" for n in range(4000))
    path, schedule = _schedule(tmp_path, HEADER + '2025-03-12;Mette Holm;"OMU;Rådhuset\n' + rows)
    assert path.stat().st_size > 128 * 1024
    (problem,) = schedule.problems
    assert "lines 3–4002 were read into that cell" in str(problem)


def test_a_multi_line_cell_from_excel_is_still_one_row(tmp_path):
    _, schedule = _schedule(
        tmp_path, HEADER + '2025-03-12;Mette Holm;"OMU Børn\r\nog Familie";Rådhuset\r\n'
    )
    assert _rows(schedule) == ["OMU Børn\nog Familie"]


def test_a_nul_or_control_character_in_a_cell_is_reported_at_its_row(tmp_path):
    path, schedule = _schedule(
        tmp_path,
        (HEADER + "2025-03-12;Mette Holm;OMU\0 Børn;Rådhuset\n").encode()
        + b"2025-03-13;Mette Holm;OMU Skoler;Lokale\x07 2\n"
        + "2025-03-14;Mette Holm;OMU Ældre;Rådhuset\n".encode(),
    )
    assert _rows(schedule) == ["OMU Ældre"]
    assert [str(p) for p in schedule.problems] == [
        f"{path}:2: the cell 'udvalg' holds the control character U+0000 at position 4, which "
        "a slide cannot hold — delete it (it often comes from copying text out of another program)",
        f"{path}:3: the cell 'sted' holds the control character U+0007 at position 7, which "
        "a slide cannot hold — delete it (it often comes from copying text out of another program)",
    ]


def test_a_carriage_return_in_a_quoted_cell_is_a_line_break(tmp_path):
    _, schedule = _schedule(tmp_path, HEADER + '2025-03-12;Mette Holm;"OMU\rBørn";Rådhuset\n')
    assert _rows(schedule) == ["OMU\nBørn"]


def test_two_columns_with_the_same_meaning_are_an_error(tmp_path):
    with pytest.raises(DeckgenError) as caught:
        _schedule(tmp_path, "dato;direktør;udvalg;omu\n2025-03-12;Mette Holm;a;b\n")
    assert str(caught.value).endswith(
        "besoeg.csv:1: column 4 ('omu') says the same as column 3 ('udvalg') — remove one of "
        "the two columns, or rename it"
    )


def test_an_unclosed_quote_in_the_header_is_an_error_at_the_header(tmp_path):
    with pytest.raises(DeckgenError, match=r"besoeg.csv:1: a quote \(\"\) in the header row"):
        _schedule(tmp_path, 'dato;"direktør;udvalg\n2025-03-12;Mette Holm;a\n')


def test_the_tour_reports_the_swallowed_rows_and_fails(sample_copy):
    schedule = write_schedule(
        sample_copy,
        '2025-03-12;Mette Holm;"OMU Børn og Familie;;;;\n'
        "2025-03-13;Mette Holm;OMU Skoler Syd;;;;\n",
    )
    result = CliRunner().invoke(main, ["tour", str(schedule), "-o", "out"])
    assert result.exit_code == 1
    assert "besoeg.csv:2: a quote (\") opens in the cell 'udvalg'" in result.output
    assert "Built 0 of 1 decks" in result.output


def test_excel_sep_line_and_a_multi_line_cell_with_a_separator_are_read(tmp_path):
    _, schedule = _schedule(
        tmp_path,
        "sep=;\r\n"
        + HEADER.replace("\n", "\r\n")
        + '2025-03-12;Mette Holm;OMU Børn;"Rådhuset\r\nlokale 2; 1. sal"\r\n'
        + "2025-03-13;Mette Holm;OMU Skoler;Rådhuset\r\n",
    )
    assert schedule.problems == []
    assert [(v.row.line, v.place) for v in schedule.visits] == [
        (3, "Rådhuset\nlokale 2; 1. sal"),
        (4, "Rådhuset"),
    ]


def test_a_schedule_too_large_a_folder_or_a_fifo_is_named_as_a_schedule(tmp_path):
    """They were called "a YAML file", with the advice to split it into smaller block files."""
    path = tmp_path / "besoeg.csv"
    path.write_text(HEADER + "12-03-2025;Mette Holm;OMU A;Rådhuset\n" * 30_000, encoding="utf-8")
    with pytest.raises(DeckgenError) as caught:
        load_schedule(path)
    assert str(caught.value) == (
        f"{path}: the schedule is over 1,048,576 bytes, the most deckgen reads in one — "
        "split it into several schedules (one per half year, say)"
    )
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(DeckgenError, match="is a folder, not a schedule — name the schedule's"):
        load_schedule(folder)
    import os

    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(DeckgenError, match=r"named pipe \(FIFO\).* — name the schedule's"):
        load_schedule(tmp_path / "pipe.csv")


def test_ten_thousand_character_cells_are_quoted_short_in_every_message(sample_copy):
    long = "Q" * 10_000
    schedule = write_schedule(
        sample_copy,
        f"2025-03-12;{long};OMU Børn og Familie;;;;\n"
        f"2025-03-12;Mette Holm;{long};;;;\n"
        f"2025-03-12;Mette Holm;OMU Børn og Familie;;{long.lower()};;\n"
        f"2025-03-12;Mette Holm;OMU Børn og Familie;{long};;;\n",
    )
    result = CliRunner().invoke(main, ["tour", str(schedule), "-o", "out"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for said in ("unknown director", "unknown committee", "no block with id", "the word"):
        (line,) = [line for line in lines if said in line]
        assert "(10,000 characters)" in line and len(line) < 600, line[:200]
