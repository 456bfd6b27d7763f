"""Reading a schedule: the encodings Excel saves, row numbers as a spreadsheet shows them, and
cells that must be text."""

from __future__ import annotations

import pytest

from deckgen.errors import DeckgenError
from deckgen.tour.schedule import load_schedule

HEADER = "dato;direktør;udvalg;sted\n"


def test_one_bad_byte_in_a_utf8_file_is_reported_not_read_as_windows_1252(tmp_path):
    path = tmp_path / "besoeg.csv"
    path.write_bytes(
        (HEADER + "2025-03-12;Mette Holm;OMU Børn og Familie;Rådhuset\n").encode()
        + b"2025-03-13;Mette Holm;OMU Skoler Syd;Lokale "
        + b"\xe6\n"  # a lone Windows-1252 æ in a UTF-8 file
    )
    with pytest.raises(DeckgenError) as caught:
        load_schedule(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3:45: not UTF-8 text (byte 0xe6)")
    assert "save as UTF-8" in message


def test_a_windows_1252_file_is_still_read(tmp_path):
    path = tmp_path / "besoeg.csv"
    path.write_bytes(
        (HEADER + "12-03-2025;Mette Holm;OMU Børn og Familie;Rådhuset\n").encode("cp1252")
    )
    (visit,) = load_schedule(path).visits
    assert (visit.committee, visit.place) == ("OMU Børn og Familie", "Rådhuset")


def test_excel_unicode_text_utf16_with_tabs_is_read(tmp_path):
    path = tmp_path / "besoeg.txt"
    text = (
        "dato\tdirektør\tudvalg\tsted\r\n12-03-2025\tMette Holm\tOMU Børn og Familie\tRådhuset\r\n"
    )
    path.write_bytes(text.encode("utf-16"))  # with the BOM, as Excel writes it
    schedule = load_schedule(path)
    assert schedule.problems == []
    (visit,) = schedule.visits
    assert (visit.date, visit.committee, visit.place) == (
        "2025-03-12",
        "OMU Børn og Familie",
        "Rådhuset",
    )


def test_rows_are_numbered_as_excel_numbers_them_when_a_cell_spans_lines(tmp_path):
    path = tmp_path / "besoeg.csv"
    path.write_text(
        HEADER
        + '2025-03-12;Mette Holm;OMU Børn og Familie;"Rådhuset\nmødelokale 2\nbagindgangen"\n'
        + "2025-02-30;Mette Holm;OMU Skoler Syd;\n",
        encoding="utf-8",
    )
    schedule = load_schedule(path)
    assert schedule.visits[0].row.line == 2
    (problem,) = schedule.problems
    assert str(problem).startswith(f"{path}:3, column \"dato\": '2025-02-30' is not a real date")


def test_a_list_or_mapping_in_a_yaml_cell_is_a_row_error(tmp_path):
    path = tmp_path / "besoeg.yaml"
    path.write_text(
        "visits:\n"
        "  - dato: 2025-03-12\n"
        "    direktør: Mette Holm\n"
        "    udvalg: [OMU Børn, OMU Familie]\n"
        "  - dato: 2025-03-13\n"
        "    direktør: Mette Holm\n"
        "    udvalg: OMU Skoler Syd\n"
        "    sted: {bygning: Rådhuset}\n"
        "  - dato: 2025-03-14\n"
        "    direktør: Mette Holm\n"
        "    udvalg: OMU Skoler Nord\n"
        "    tilføj: [tak-for-i-dag]\n",
        encoding="utf-8",
    )
    schedule = load_schedule(path)
    assert [str(p) for p in schedule.problems] == [
        f'{path}:2, column "udvalg": expected text, not a list or mapping — write as text on one line',
        f'{path}:5, column "sted": expected text, not a list or mapping — write as text on one line',
    ]
    (visit,) = schedule.visits
    assert visit.extra == ("tak-for-i-dag",)


def test_a_row_reports_every_problem_it_has(tmp_path):
    from deckgen.tour.schedule import load_schedule

    path = tmp_path / "besoeg.csv"
    path.write_text(
        "dato;direktør;udvalg;sted\n31-06-2025;;OMU Børn og Familie;Rådhuset\n", encoding="utf-8"
    )
    problems = [str(p).split("besoeg.csv:", 1)[1] for p in load_schedule(path).problems]
    assert len(problems) == 2
    assert problems[0].startswith('2, column "direktør": no direktør given')
    assert problems[1].startswith("2, column \"dato\": '31-06-2025' is not a real date")
