"""A schedule as a secretary writes it: slides added or left out by their titles, and a title
row above the column names."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_project import copy_sample

from deckgen.i18n import choose_language
from deckgen.tour.schedule import load_schedule
from deckgen.visits.service import Project, read_visit

VISIT = {"dato": "12/3", "direktør": "mette-holm", "udvalg": "OMU Børn og Familie"}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    copy_sample(tmp_path)
    return Project.load(tmp_path / "decks" / "tour" / "direktoerer.yaml")


@pytest.mark.parametrize(
    ("written", "ids"),
    [
        ("Tak for i dag", ("tak-for-i-dag",)),
        ("tak FOR i  dag", ("tak-for-i-dag",)),  # case and spacing aside
        ("Opsamling", ("opsamling-arenaer",)),  # a one-word title
        ("tak-for-i-dag", ("tak-for-i-dag",)),  # ids work as before
        ("del-ideer tak-for-i-dag", ("del-ideer", "tak-for-i-dag")),  # ids with spaces too
        ("Tak for i dag, Opsamling", ("tak-for-i-dag", "opsamling-arenaer")),
    ],
)
def test_tilfoej_takes_slide_titles_as_well_as_ids(
    project: Project, written: str, ids: tuple[str, ...]
) -> None:
    checked = read_visit({**VISIT, "tilføj": written}, project)
    assert checked.ok and checked.record.extra == ids


def test_an_unknown_title_is_one_problem_with_the_nearest_title(project: Project) -> None:
    choose_language("da")
    checked = read_visit({**VISIT, "tilføj": "Tak for idag"}, project)
    assert [(p.field, p.message, p.hint) for p in checked.problems] == [
        ("tilføj", "tilføj: intet dias hedder 'Tak for idag'", "mente du 'Tak for i dag'?")
    ]


def test_fjern_by_title_leaves_the_slide_out(project: Project) -> None:
    checked = read_visit({**VISIT, "fjern": "Vores vision"}, project)
    assert checked.ok and checked.record.drop == ("vision-model",)


def test_a_title_row_above_the_column_names_is_skipped(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "Besøgsplan efterår 2026;;;\n"
        "dato;direktør;udvalg;tilføj\n"
        "12/3;Mette Holm;OMU Børn og Familie;Tak for i dag\n",
        encoding="utf-8",
    )
    schedule = load_schedule(plan)
    assert schedule.problems == []
    [visit] = schedule.visits
    assert visit.row.line == 3 and visit.committee == "OMU Børn og Familie"
    assert visit.extra == ("Tak for i dag",)
