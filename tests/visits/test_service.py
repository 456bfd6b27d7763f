"""The visit service reads a visit one way wherever it is typed: each problem at its field,
every problem at once, one date grammar, an unlikely date named in words; and the record is
the schema the API describes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from sample_project import copy_sample

from deckgen.cli.commands import main
from deckgen.visits.record import COLUMNS, VisitRecord, json_schema
from deckgen.visits.service import Project, read_visit

TODAY = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = copy_sample(tmp_path_factory.mktemp("service"))
    return Project.load(root / "decks" / "tour" / "direktoerer.yaml")


def _fields(**changes: object) -> dict[str, object]:
    return {"dato": "12/3", "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie", **changes}


def test_a_visit_is_read_into_its_record(project: Project) -> None:
    checked = read_visit(
        _fields(direktoer="mette holm", tilføj="tak-for-i-dag", dias=["vejen-videre"]),
        project,
        today=TODAY,
    )
    assert checked.ok, checked.all_problems
    assert checked.record == VisitRecord(
        date="2027-03-12",
        director="mette-holm",
        committee="OMU Børn og Familie",
        extra=("tak-for-i-dag",),
        slides=("vejen-videre",),
    )
    assert checked.understood == "fredag 12. marts 2027"


def test_every_problem_comes_at_once_each_at_its_field(project: Project, english) -> None:  # type: ignore[no-untyped-def]
    checked = read_visit(
        _fields(dato="31/2", direktør="Mette Holn", udvalg="OMU Børn og Famlie"),
        project,
        today=TODAY,
    )
    assert [p.field for p in checked.problems] == ["dato", "direktør", "udvalg"]
    assert "Mette Holm" in checked.problems[1].hint
    ids = read_visit(_fields(tilføj="vejen-vidre", fjern="ingen"), project, today=TODAY)
    assert {p.field for p in ids.problems} == {"tilføj", "fjern"}


@pytest.mark.parametrize(
    ("typed", "confirmable", "words"),
    [
        ("12. marts 12", True, "mandag 12. marts 2012, more than a year ago"),
        ("12/3/1999", False, "fredag 12. marts 1999, before the year 2000"),
        ("12/3/2031", True, "onsdag 12. marts 2031, more than three years ahead"),
    ],
)
def test_an_unlikely_date_is_named_as_understood(
    project: Project, english, typed: str, confirmable: bool, words: str
) -> None:  # type: ignore[no-untyped-def]
    checked = read_visit(_fields(dato=typed), project, today=TODAY)
    assert not checked.ok
    (problem,) = checked.all_problems
    assert problem.field == "dato" and words in problem.message
    assert problem.confirm is confirmable
    confirmed = read_visit(_fields(dato=typed), project, today=TODAY, confirmed=["dato"])
    assert confirmed.ok is confirmable


def test_the_api_schema_is_the_records() -> None:
    schema = json_schema()
    assert tuple(schema["properties"]) == COLUMNS
    assert schema["required"] == ["dato", "direktør", "udvalg"]
    assert schema["additionalProperties"] is False


def test_set_dato_is_read_by_the_date_grammar(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = copy_sample(tmp_path)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        main,
        [
            "build",
            "decks/omu-dialogmoede.yaml",
            "--set",
            "omu=OMU Børn og Familie",
            "--set",
            "dato=12/3",
            "-o",
            "build/d.pptx",
        ],
    )
    assert result.exit_code == 0, result.output
    cover = Presentation(str(root / "build" / "d.pptx")).slides[0]
    text = " ".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    assert "12. marts 20" in text and "12/3" not in text
