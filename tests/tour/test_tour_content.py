"""A visit's deck says the right thing or is refused: greetings keep their author, committees
come from the register, the place is on the cover, and `new` and `tour` share their work."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pptx import Presentation
from sample_project import write_schedule

from deckgen.cli.commands import main
from deckgen.tour.dates import parse_visit_date

SOON, LATER = parse_visit_date("12/3"), parse_visit_date("13/3")
"""Dates the tour takes without a warning (the next 12 and 13 March)."""


def _tour(*args):
    return CliRunner().invoke(main, ["tour", *map(str, args)], catch_exceptions=False)


def _texts(path):
    return [
        [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for slide in Presentation(str(path)).slides
    ]


def test_a_greeting_keeps_its_authors_name_whoever_visits(sample_copy):
    schedule = write_schedule(
        sample_copy, "2025-03-12;Mette Holm;OMU Børn og Familie;;hilsen-lars-kjaergaard;;\n"
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    slides = _texts(sample_copy / "build" / "2025-03-12_mette-holm_omu-boern-og-familie.pptx")
    lars = next(texts for texts in slides if "dømmekraft" in texts[0])
    mette = next(texts for texts in slides if "Børn og unge skal mærke" in texts[0])
    assert "Lars Kjærgaard, Direktør for Sundhed og Omsorg" in lars
    assert "Mette Holm, Direktør for Børn og Familie" in mette


def test_a_greeting_by_an_unknown_author_is_refused_at_the_block(sample_copy, english):
    blocks = sample_copy / "decks" / "blocks" / "direktion.yaml"
    blocks.write_text(
        blocks.read_text(encoding="utf-8").replace(
            "author: lars-kjaergaard", "author: lars-kjaergard"
        ),
        encoding="utf-8",
    )
    schedule = write_schedule(
        sample_copy, "2025-03-12;Mette Holm;OMU Børn og Familie;;hilsen-lars-kjaergaard;;\n"
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    assert (
        "decks/blocks/direktion.yaml:18:5: author: no director with the id 'lars-kjaergard' "
        "in direktoerer.yaml — did you mean 'lars-kjaergaard'?"
    ) in result.output


def test_an_unknown_committee_is_refused_with_a_suggestion(sample_copy, english):
    schedule = write_schedule(
        sample_copy,
        "2025-03-12;Mette Holm;OMU Børn og Famile;;;;\n2025-03-13;Mette Holm;omu  børn og familie;;;;\n",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    assert (
        """decks/tour/besoeg.csv:2, column "udvalg": unknown committee 'OMU Børn og Famile' — """
        "did you mean 'OMU Børn og Familie'?"
    ) in result.output
    assert not (sample_copy / "build" / "2025-03-12_mette-holm_omu-boern-og-famile.pptx").exists()
    # Case and spacing aside, the register's spelling is what the slides show.
    built = sample_copy / "build" / "2025-03-13_mette-holm_omu-boern-og-familie.pptx"
    assert "OMU Børn og Familie · 13. marts 2025" in _texts(built)[0][1]


def test_the_committee_register_is_checked_by_validate(sample_copy):
    register = sample_copy / "decks" / "tour" / "udvalg.yaml"
    register.write_text("udvalg:\n  - OMU A\n  - omu a\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "decks/tour/udvalg.yaml"])
    assert result.exit_code == 1
    assert "decks/tour/udvalg.yaml:3:5:" in result.output


def test_the_place_is_on_the_cover(sample_copy):
    schedule = write_schedule(
        sample_copy,
        f"{SOON};Mette Holm;OMU Børn og Familie;Rådhuset, mødelokale 2;;;\n"
        f"{LATER};Mette Holm;OMU Børn og Familie;;;;\n",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output  # the cover has room for it
    with_place = _texts(sample_copy / "build" / f"{SOON}_mette-holm_omu-boern-og-familie.pptx")
    assert with_place[0][1].endswith("Mette Holm · Rådhuset, mødelokale 2")
    without = _texts(sample_copy / "build" / f"{LATER}_mette-holm_omu-boern-og-familie.pptx")
    assert without[0][1].endswith("Mette Holm")


def test_the_tour_builds_the_visit_as_kept_and_reports_what_it_changed(sample_copy, english):
    answers = ["2", "1", "12/3", "", "", "", "Da vi selv lagde sommerplanen", "j"]
    made = CliRunner().invoke(main, ["new"], input="\n".join(answers) + "\n")
    assert made.exit_code == 0, made.output
    schedule = write_schedule(
        sample_copy,
        f"{SOON};Mette Holm;OMU Børn og Familie;;;;\n{LATER};Mette Holm;OMU Skoler Nord;;;;\n",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert "The visit register: 1 new, 0 changed, 1 unchanged visits." in result.output
    # The row leaves the local example empty: the one `new` kept stays on the slide.
    slides = _texts(sample_copy / "build" / f"{SOON}_mette-holm_omu-boern-og-familie.pptx")
    assert any("Da vi selv lagde sommerplanen" in text for texts in slides for text in texts)
    moved = write_schedule(sample_copy, f"{SOON};Mette Holm;OMU Børn og Familie;Kantinen;;;\n")
    again = _tour(moved, "-o", "build")
    assert "The visit register: 0 new, 1 changed, 0 unchanged visits." in again.output


def test_decks_no_row_makes_any_more_are_reported_and_kept(sample_copy, english):
    schedule = write_schedule(sample_copy, "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n")
    assert _tour(schedule, "-o", "build").exit_code == 0
    write_schedule(sample_copy, "2025-03-19;Mette Holm;OMU Børn og Familie;;;;\n")
    (sample_copy / "build" / "notes.pptx").write_bytes(b"not a tour deck")
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert "1 deck in build is made by no row of the schedule any more" in result.output
    assert "  2025-03-12_mette-holm_omu-boern-og-familie.pptx" in result.output
    assert "notes.pptx" not in result.output
    assert (sample_copy / "build" / "2025-03-12_mette-holm_omu-boern-og-familie.pptx").exists()


def test_set_omu_is_checked_against_the_projects_register(sample_copy, english):
    deck = "decks/omu-dialogmoede.yaml"
    refused = CliRunner().invoke(main, ["build", deck, "--set", "omu=OMU Børn og Famile"])
    assert refused.exit_code == 1
    assert (
        "Error: --set omu: unknown committee 'OMU Børn og Famile' — did you mean "
        "'OMU Børn og Familie'?"
    ) in refused.output
    assert not (sample_copy / "build").exists()
    built = CliRunner().invoke(main, ["build", deck, "--set", "omu=omu  børn og familie"])
    assert built.exit_code == 0, built.output
    assert "OMU Børn og Familie" in _texts(sample_copy / "build" / "omu-dialogmoede.pptx")[0][1]


@pytest.mark.parametrize(
    "command", [["build"], ["validate"], ["check"], ["render", "-o", "previews"]], ids=" ".join
)
def test_every_command_gives_the_same_verdict_on_set_omu(sample_copy, english, command):
    """The register's rule for `--set omu=` is the deck's, not one command's: a committee the
    register lacks is refused by every command that reads the deck, a known one accepted."""
    deck = "decks/omu-dialogmoede.yaml"
    name, *rest = command
    refused = CliRunner().invoke(main, [name, deck, *rest, "--set", "omu=OMU Børn og Famile"])
    assert refused.exit_code == 1
    assert (
        "--set omu: unknown committee 'OMU Børn og Famile' — did you mean 'OMU Børn og Familie'?"
    ) in refused.output
    assert not (sample_copy / "build").exists() and not (sample_copy / "previews").exists()
    if name in ("validate", "check"):  # build is above; render needs LibreOffice
        accepted = CliRunner().invoke(main, [name, deck, "--set", "omu=omu børn og familie"])
        assert accepted.exit_code == 0, accepted.output
        assert "committee" not in accepted.output


def test_the_python_api_reads_keeps_and_builds_a_visit_as_new_does(sample_copy):
    from deckgen import api
    from deckgen.errors import InvalidInput

    visit = api.read_visit(
        {
            "dato": "12/3",
            "direktør": "Mette Holm",
            "udvalg": "omu børn og familie",
            "sted": "Rådhuset",
            "tilføj": ["tak-for-i-dag"],
        }
    )
    assert visit.committee == "OMU Børn og Familie" and visit.date == SOON
    kept = api.save_visit(visit)
    assert kept.revision == 1 and api.save_visit(visit).id == kept.id
    result = api.build_visit(visit)
    assert result.output.name == f"{SOON}_mette-holm_omu-boern-og-familie.pptx"
    assert result.slides == 20
    with pytest.raises(InvalidInput, match="unknown committee 'OMU Nyt'") as refused:
        api.read_visit({"dato": "12/3", "direktør": "Mette Holm", "udvalg": "OMU Nyt"})
    assert refused.value.problems[0].location.heading == "udvalg"


def test_a_visit_file_deckgen_new_once_wrote_is_taken_in_by_the_tour(sample_copy, english):
    visits = sample_copy / "decks" / "visits"
    visits.mkdir()
    (visits / f"{SOON}_mette-holm_omu-boern-og-familie.yaml").write_text(
        "deck:\n  library: ../blocks\n"
        f"variables:\n  omu: OMU Børn og Familie\n  dato: '{SOON}'\n  direktør: Mette Holm\n"
        "slides:\n  - titel-dialogmoede\n  - vision-model\n"
        "  - use: dialog-situationer\n    local_example: Fra den gamle fil\n",
        encoding="utf-8",
    )
    schedule = write_schedule(sample_copy, f"{SOON};Mette Holm;OMU Børn og Familie;;;;\n")
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert "The visit register: 0 new, 0 changed, 1 unchanged visits." in result.output
    slides = _texts(sample_copy / "build" / f"{SOON}_mette-holm_omu-boern-og-familie.pptx")
    assert len(slides) == 3
    assert any("Fra den gamle fil" in text for texts in slides for text in texts)
