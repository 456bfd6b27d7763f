"""A schedule saved anywhere (Excel saves to Documents) finds the project's profiles and
committee register; characters a slide cannot hold are a located error, never a crash."""

from __future__ import annotations

from click.testing import CliRunner
from pptx import Presentation
from sample_project import HEADER

from deckgen.cli.commands import main

ROW = "2025-03-12;Mette Holm;OMU Børn og Famile;;;;\n2025-03-13;Mette Holm;OMU Skoler Nord;;;;\n"


def _tour(*args):
    return CliRunner().invoke(main, ["tour", *map(str, args)], catch_exceptions=False)


def _documents(factory, rows=ROW):
    """A schedule in a Documents folder outside the project."""
    schedule = factory.mktemp("Documents") / "besøg.csv"
    schedule.write_text(HEADER + rows, encoding="utf-8")
    return schedule


def test_a_schedule_in_documents_finds_the_projects_profiles_and_register(
    sample_copy, tmp_path_factory, english
):
    schedule = _documents(tmp_path_factory)
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    # The register of the project was used: the slip is caught, the good row built.
    assert (
        """besøg.csv:2, column "udvalg": unknown committee 'OMU Børn og Famile'""" in result.output
    )
    assert (sample_copy / "build" / "2025-03-13_mette-holm_omu-skoler-nord.pptx").exists()


def test_project_names_the_project_from_anywhere(
    sample_copy, tmp_path_factory, monkeypatch, english
):
    schedule = _documents(tmp_path_factory)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    refused = _tour(schedule, "-o", elsewhere / "out")
    assert refused.exit_code == 1
    assert "the director profiles are not there" in refused.output
    assert "--project" in refused.output
    result = _tour(schedule, "-o", elsewhere / "out", "--project", sample_copy)
    assert "unknown committee 'OMU Børn og Famile'" in result.output
    assert (elsewhere / "out" / "2025-03-13_mette-holm_omu-skoler-nord.pptx").exists()


def test_line_breaks_of_every_kind_in_a_cell_become_line_breaks(sample_copy, tmp_path_factory):
    rows = '2025-03-12;Mette Holm;OMU Skoler Nord;"Rådhuset\r\nlokale 2\u2029sal B";;;"Et\x85eksempel"\n'
    schedule = _documents(tmp_path_factory, rows)
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    deck = Presentation(str(sample_copy / "build" / "2025-03-12_mette-holm_omu-skoler-nord.pptx"))
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    # A line break on the slide (python-pptx reads a soft one as a vertical tab).
    assert any("Et\x0beksempel" in text or "Et\neksempel" in text for text in texts)
    assert any("lokale 2\x0bsal B" in text for text in texts)


def test_a_control_character_in_a_cell_is_an_error_at_its_row(sample_copy, tmp_path_factory):
    rows = (
        "2025-03-12;Mette Holm;OMU Skoler Nord;A\x0bB;;;\n"
        "2025-03-13;Mette Holm;OMU Skoler Nord;;;;C1\x9bkontrol\n"
    )
    schedule = _documents(tmp_path_factory, rows)
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    assert "besøg.csv:2: the cell 'sted' holds the control character U+000B" in result.output
    assert "besøg.csv:3: the cell 'lokalt eksempel' holds the control character U+009B" in (
        result.output
    )
    assert "Traceback" not in result.output
    assert "bug in deckgen" not in result.output


def test_a_control_character_in_a_yaml_schedule_is_an_error_at_its_row(sample_copy):
    schedule = sample_copy / "decks" / "tour" / "plan.yaml"
    schedule.write_text(
        "visits:\n  - dato: 2025-03-12\n    direktør: Mette Holm\n    udvalg: OMU Skoler Nord\n"
        '    sted: "A\\x01B"\n',
        encoding="utf-8",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    assert "plan.yaml:2: the cell 'sted' holds the control character U+0001" in result.output


def test_an_unknown_committee_is_reported_at_its_column_in_danish(sample_copy, tmp_path_factory):
    from deckgen.i18n import choose_language

    schedule = _documents(tmp_path_factory)
    choose_language("da")
    try:
        result = _tour(schedule, "-o", "build")
    finally:
        choose_language("en")
    assert (
        """besøg.csv, række 2, kolonne "udvalg": ukendt udvalg 'OMU Børn og Famile' — """
        "mente du 'OMU Børn og Familie'?"
    ) in result.output
    assert result.output.count("række 2") == 1
