"""`deckgen tour`: one deck per schedule row, clear names, bad rows reported by row number."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation
from sample_project import write_schedule

from deckgen.cli.commands import main
from deckgen.provenance import read_provenance
from deckgen.tour.run import run_tour
from deckgen.tour.schedule import load_schedule

GOOD = (
    "2025-03-12;Mette Holm;OMU Børn og Familie;Rådhuset;tak-for-i-dag;kkc-workshop;"
    "Da vuggestuen selv lagde sommerplanen\n"
    "13-03-2025;lars-kjaergaard;OMU Hjemmeplejen Nord;;;;\n"
    "14.03.2025;Birgitte Østergaard;OMU Jobcenter Møllerup;;;;\n"
)
NAMES = [
    "2025-03-12_mette-holm_omu-boern-og-familie.pptx",
    "2025-03-13_lars-kjaergaard_omu-hjemmeplejen-nord.pptx",
    "2025-03-14_birgitte-oestergaard_omu-jobcenter-moellerup.pptx",
]


def _tour(*args):
    return CliRunner().invoke(main, ["tour", *map(str, args)], catch_exceptions=False)


def test_a_tour_builds_one_named_deck_per_row(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    result = _tour(schedule, "-o", "build", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "Built 3 of 3 decks in build" in result.output
    assert sorted(p.name for p in (sample_copy / "build").iterdir()) == NAMES
    for name in NAMES:
        prs = Presentation(str(sample_copy / "build" / name))
        assert prs.slides[0].shapes.title.text.startswith("Dialogmøde")


def test_a_row_with_several_mistakes_names_them_all_and_counts_as_one_failed_visit(sample_copy):
    schedule = write_schedule(
        sample_copy, "2025-02-30;Mette Hom;;;;;\n" + GOOD.splitlines(keepends=True)[1]
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    out = result.output
    assert "decks/tour/besoeg.csv:2, column \"dato\": '2025-02-30' is not a real date" in out
    assert 'decks/tour/besoeg.csv:2, column "udvalg": no udvalg given' in out
    assert (
        """decks/tour/besoeg.csv:2, column "direktør": unknown director 'Mette Hom' — """
        "did you mean 'Mette Holm'?" in out
    )
    assert "Built 1 of 2 decks" in out and "1 failed" in out
    assert [p.name for p in (sample_copy / "build").iterdir()] == [NAMES[1]]


def test_bad_rows_are_reported_by_row_number_and_the_rest_are_built(sample_copy):
    schedule = write_schedule(
        sample_copy,
        GOOD.splitlines(keepends=True)[0]
        + "2025-02-30;Mette Holm;OMU Skoler Syd;;;;\n"
        + "2025-03-20;Mette Hom;OMU Skoler Nord;;;;\n"
        + "2025-03-21;Mette Holm;OMU Skoler Midt;;vejen-vidre;;\n"
        + "2025-03-22;;OMU Skoler Vest;;;;\n"
        + GOOD.splitlines(keepends=True)[1],
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    out = result.output
    assert "decks/tour/besoeg.csv:3, column \"dato\": '2025-02-30' is not a real date" in out
    assert (
        """decks/tour/besoeg.csv:4, column "direktør": unknown director 'Mette Hom' — """
        "did you mean 'Mette Holm'?" in out
    )
    assert (
        """decks/tour/besoeg.csv:5, column "tilføj": tilføj: no block with id 'vejen-vidre' in """
        "decks/blocks"
        " — did you mean 'vejen-videre'?" in out
    )
    assert 'decks/tour/besoeg.csv:6, column "direktør": no direktør given' in out
    assert "Built 2 of 6 decks" in out and "4 failed" in out
    assert "Error: 4 of 6 visits failed" in out
    assert sorted(p.name for p in (sample_copy / "build").iterdir()) == NAMES[:2]


def test_visit_choices_tailor_the_deck(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    run_tour(schedule, sample_copy / "build", jobs=1)
    record = read_provenance(sample_copy / "build" / NAMES[0])
    ids = [slide.block_id for slide in record.slides]
    assert "kkc-workshop" not in ids
    # The director's signature block goes before the closing call to action; an added
    # thank-you slide ends the deck.
    assert ids[-3:] == ["hilsen-mette-holm", "del-ideer", "tak-for-i-dag"]
    dialogue = next(s for s in record.slides if s.block_id == "dialog-situationer")
    assert dialogue.changed == ("local_example",)
    prs = Presentation(str(sample_copy / "build" / NAMES[0]))
    body = prs.slides[ids.index("dialog-situationer")].placeholders[1].text_frame.text
    assert body.splitlines()[-2] == "Da vuggestuen selv lagde sommerplanen"
    assert prs.core_properties.author == "Mette Holm"
    assert record.variables["sted"] == "Rådhuset"
    # Birgitte Østergaard's profile has her own, shorter selection of slides.
    shorter = read_provenance(sample_copy / "build" / NAMES[2])
    assert "fremtidens-velfaerd" not in [s.block_id for s in shorter.slides]


def test_tour_decks_are_byte_identical_to_building_each_visit_alone(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    run_tour(schedule, sample_copy / "parallel", jobs=2)
    run_tour(schedule, sample_copy / "serial", jobs=1)
    alone = write_schedule(sample_copy, GOOD.splitlines(keepends=True)[2], "alene.csv")
    run_tour(alone, sample_copy / "alone", jobs=1)
    for name in NAMES:
        assert (sample_copy / "parallel" / name).read_bytes() == (
            sample_copy / "serial" / name
        ).read_bytes()
    assert (sample_copy / "alone" / NAMES[2]).read_bytes() == (
        sample_copy / "parallel" / NAMES[2]
    ).read_bytes()


def test_rebuilding_a_tour_skips_edited_decks_and_builds_the_rest(sample_copy, english):
    schedule = write_schedule(sample_copy, GOOD)
    assert _tour(schedule, "-o", "build").exit_code == 0
    edited = sample_copy / "build" / NAMES[1]
    prs = Presentation(str(edited))
    prs.slides[0].shapes.title.text_frame.text = "Vores eget dialogmøde"
    prs.save(str(edited))
    before = edited.read_bytes()

    result = _tour(schedule, "-o", "build")
    # Skipped, not failed: nothing went wrong, and the summary says what to do.
    assert result.exit_code == 0, result.output
    assert "decks/tour/besoeg.csv:3: build/" in result.output
    assert "has been changed since deckgen built it" in result.output
    # The two others are unchanged and nothing they are made of changed: left as they are.
    assert "Built 0 of 3 decks" in result.output
    assert "2 were already up to date" in result.output
    assert "0 failed" in result.output
    assert "1 skipped because it was edited since it was built" in result.output
    assert "run the same command with --force" in result.output
    assert "Error:" not in result.output
    assert edited.read_bytes() == before

    forced = _tour(schedule, "-o", "build", "--force")
    assert forced.exit_code == 0, forced.output
    kept = NAMES[1].removesuffix(".pptx") + " (før genopbygning).pptx"
    assert (sample_copy / "build" / kept).read_bytes() == before
    assert f"Kept the edited deck as build/{kept}" in forced.output
    assert sorted(p.name for p in (sample_copy / "build").iterdir()) == sorted([*NAMES, kept])
    # The kept copy is not mistaken for a deck a row no longer makes.
    assert "no row of the schedule" not in forced.output


def test_excel_csv_in_windows_1252_with_danish_dates_is_read(sample_copy):
    path = sample_copy / "decks" / "tour" / "excel.csv"
    text = (
        "Dato;Direktør;Udvalg;Sted\r\n12-03-2025;Søren Bæk Nielsen;OMU Økonomi og Løn;Rådhuset\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    schedule = load_schedule(path)
    assert schedule.problems == []
    (visit,) = schedule.visits
    assert (visit.date, visit.director, visit.committee) == (
        "2025-03-12",
        "Søren Bæk Nielsen",
        "OMU Økonomi og Løn",
    )
    assert visit.row.line == 2


def test_yaml_schedule_reports_rows_by_line(sample_copy):
    path = sample_copy / "decks" / "tour" / "besoeg.yaml"
    path.write_text(
        "visits:\n"
        "  - dato: 2025-03-12\n"
        "    direktør: Mette Holm\n"
        "    udvalg: OMU Børn og Familie\n"
        "    fjern: [kkc-workshop]\n"
        "  - dato: 2025-03-13\n"
        "    direktør: Ingen Sådan\n"
        "    udvalg: OMU Skoler Syd\n",
        encoding="utf-8",
    )
    result = _tour(path, "-o", "build")
    assert result.exit_code == 1
    assert (
        """decks/tour/besoeg.yaml:6, column "direktør": unknown director 'Ingen Sådan'"""
        in result.output
    )
    assert (sample_copy / "build" / "2025-03-12_mette-holm_omu-boern-og-familie.pptx").is_file()


def test_unknown_column_stops_the_tour_before_building(sample_copy):
    path = sample_copy / "decks" / "tour" / "forkert.csv"
    path.write_text("dato;direktoer;udvalgg\n2025-03-12;Mette Holm;OMU X\n", encoding="utf-8")
    result = _tour(path, "-o", "build")
    assert result.exit_code == 1
    assert (
        "decks/tour/forkert.csv:1: unknown column 'udvalgg' (column 3) — did you mean 'udvalg'?"
        in result.output
    )
    assert not (sample_copy / "build").exists()


def test_a_tour_leaves_no_temporary_files(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    run_tour(schedule, sample_copy / "build", jobs=2)
    names = [p.name for p in (sample_copy / "build").iterdir()]
    assert sorted(names) == NAMES
    for name in names:
        with zipfile.ZipFile(sample_copy / "build" / name) as package:
            assert package.testzip() is None


def test_a_profile_naming_an_unknown_block_fails_that_directors_rows(sample_copy):
    profiles = sample_copy / "decks" / "tour" / "direktoerer.yaml"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(
        text.replace("signature: [hilsen-mette-holm]", "signature: [hilsen-mete-holm]"),
        encoding="utf-8",
    )
    result = _tour(write_schedule(sample_copy, GOOD), "-o", "build")
    assert result.exit_code == 1
    error = (
        "Error: decks/tour/direktoerer.yaml:14:17: director 'mette-holm': "
        "no block with id 'hilsen-mete-holm' in decks/blocks — did you mean 'hilsen-mette-holm'?"
    )
    assert error in result.output
    assert (
        "Error: decks/tour/besoeg.csv:2: not built because of the errors in "
        "decks/tour/direktoerer.yaml (reported above)"
    ) in result.output
    assert "Built 2 of 3 decks" in result.output


def test_the_tour_commands_have_help_with_an_example():
    for command in ("tour", "new", "provenance"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_an_error_in_the_directors_deck_is_reported_once_at_the_deck_file(sample_copy):
    deck = sample_copy / "decks" / "omu-dialogmoede.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(
        text.replace("  - vision-model\n", "  - use: vision-model\n    titel: Visionen\n", 1),
        encoding="utf-8",
    )
    line = text.splitlines().index("  - vision-model") + 2
    result = _tour(write_schedule(sample_copy, GOOD), "-o", "build")
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if "titel" in ln]
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"Error: decks/omu-dialogmoede.yaml:{line}:5: ")
    for row in (2, 3):  # the rows that use the deck's slides; row 4 has its own selection
        assert (
            f"Error: decks/tour/besoeg.csv:{row}: not built because of the errors in "
            "decks/omu-dialogmoede.yaml (reported above)"
        ) in result.output
    assert "Built 1 of 3 decks" in result.output


def test_a_decks_name_does_not_depend_on_whether_other_rows_failed(sample_copy):
    same = "2025-03-12;Mette Holm;OMU Børn og Familie;;{};;\n"
    schedule = write_schedule(sample_copy, same.format("vejen-vidre") + same.format(""))
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 1
    assert [p.name for p in (sample_copy / "build").iterdir()] == [
        "2025-03-12_mette-holm_omu-boern-og-familie-2.pptx"
    ]


def test_the_rows_values_win_over_the_profiles_variables(sample_copy):
    profiles = sample_copy / "decks" / "tour" / "direktoerer.yaml"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(
        text.replace(
            "signature: [hilsen-mette-holm]",
            "signature: [hilsen-mette-holm]\n    variables: {sted: Mettes kontor}",
        ),
        encoding="utf-8",
    )
    schedule = write_schedule(
        sample_copy,
        "2025-03-12;Mette Holm;OMU Børn og Familie;Rådhuset;;;\n"
        "2025-03-13;Mette Holm;OMU Skoler Syd;;;;\n",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    places = [
        read_provenance(sample_copy / "build" / name).variables["sted"]
        for name in (
            "2025-03-12_mette-holm_omu-boern-og-familie.pptx",
            "2025-03-13_mette-holm_omu-skoler-syd.pptx",
        )
    ]
    assert places == ["Rådhuset", "Mettes kontor"]


def test_missing_director_profiles_say_where_they_were_looked_for(tmp_path):
    from deckgen.errors import DeckgenError
    from deckgen.tour.profiles import load_profiles

    with pytest.raises(DeckgenError) as caught:
        load_profiles(tmp_path / "direktoerer.yaml")
    message = str(caught.value)
    assert (
        f"the director profiles are not there (looked for {tmp_path / 'direktoerer.yaml'})"
        in message
    )
    assert "--directors decks/tour/direktoerer.yaml" in message


def test_visits_on_one_line_of_a_yaml_schedule_each_get_their_own_deck(sample_copy):
    """#24 item 8: the rows were keyed by their line, so every deck went to one file."""
    schedule = sample_copy / "decks" / "tour" / "linje.yaml"
    schedule.write_text(
        "visits: [{dato: 2025-03-12, direktør: Mette Holm, udvalg: OMU Børn og Familie}, "
        "{dato: 2025-03-13, direktør: Lars Kjærgaard, udvalg: OMU Sygeplejen}]\n",
        encoding="utf-8",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert "Built 2 of 2 decks" in result.output
    built = sorted((sample_copy / "build").iterdir())
    assert [p.name for p in built] == [
        "2025-03-12_mette-holm_omu-boern-og-familie.pptx",
        "2025-03-13_lars-kjaergaard_omu-sygeplejen.pptx",
    ]
    first, second = (Presentation(str(path)).slides[0] for path in built)
    assert "OMU Børn og Familie" in _slide_text(first)
    assert "OMU Sygeplejen" in _slide_text(second)


def _slide_text(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_a_kept_visit_is_found_by_its_committee_not_a_file_name_cut_short(sample_copy):
    """#24 item 9: the tour took the visit file whose name, cut to 80 characters, matched:
    the "…Hjemmeplejen Syd" row was built from the "…Hjemmeplejen Nord" visit."""
    long = "OMU Ældre- og Sundhedsområdets Fælles Arbejdsmiljøudvalg for Hjemmeplejen"
    register = sample_copy / "decks" / "tour" / "udvalg.yaml"
    register.write_text(
        register.read_text(encoding="utf-8") + f"  - {long} Nord\n  - {long} Syd\n",
        encoding="utf-8",
    )
    from deckgen import api

    profiles = sample_copy / "decks" / "tour" / "direktoerer.yaml"
    nord = api.read_visit(
        {
            "dato": "2025-03-12",
            "direktør": "Mette Holm",
            "udvalg": f"{long} Nord",
            "lokalt eksempel": "Nordholdets eget eksempel",
        },
        directors=profiles,
        confirm_date=True,
    )
    api.save_visit(nord, directors=profiles)
    schedule = write_schedule(
        sample_copy,
        f"2025-03-12;Mette Holm;{long} Syd;;;;\n2025-03-12;Mette Holm;{long} Nord;;;;\n",
    )
    result = _tour(schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert "1 new, 0 changed, 1 unchanged" in result.output
    decks = sorted((sample_copy / "build").iterdir())
    assert len(decks) == 2  # two names, though they agree on their first 80 characters
    texts = {
        path.name: " ".join(_slide_text(slide) for slide in Presentation(str(path)).slides)
        for path in decks
    }
    with_example = [name for name, text in texts.items() if "Nordholdets eget eksempel" in text]
    assert len(with_example) == 1
    (nord_deck,) = with_example
    assert "Nord" in " ".join(
        _slide_text(Presentation(str(sample_copy / "build" / nord_deck)).slides[0]).split()
    )
