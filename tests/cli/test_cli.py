"""The command line: exit codes, messages with file:line, and files that are (not) written."""

import json
import shutil

from click.testing import CliRunner
from conftest import REPO, SAMPLE_PROJECT
from pptx import Presentation

from deckgen.cli.commands import main

SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"


def _run(*args):
    runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_build_writes_the_deck_and_says_so(tmp_path):
    out = tmp_path / "ud" / "boern.pptx"
    result = _run("build", SAMPLE, "-o", out, "--set", "omu=OMU Børn og Familie")
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (18 slides)" in result.output
    assert out.stat().st_size > 20_000


def test_build_without_o_goes_under_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("build", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "Wrote build/omu-dialogmoede.pptx (18 slides)" in result.output
    assert len(Presentation(str(tmp_path / "build" / "omu-dialogmoede.pptx")).slides) == 18


def test_bad_set_is_a_usage_error():
    result = _run("build", SAMPLE, "--set", "omu")
    assert result.exit_code == 2
    assert "'omu' is not NAME=VALUE" in result.output


def test_error_has_location_no_traceback_and_writes_nothing(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    txt: Hej\n")
    project.deck("- a\n")
    result = _run("build", project.deck_path, "-o", project.output)
    assert result.exit_code == 1
    assert (
        "blocks.yaml:4:5: block 'a', txt: unknown field 'txt' — did you mean 'text'?"
        in result.output
    )
    assert "Traceback" not in result.output
    assert not project.output.exists()
    assert list(project.output.parent.glob("*")) == [] if project.output.parent.exists() else True


def test_rebuild_replaces_own_deck_but_not_someone_elses_file(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    assert _run("build", project.deck_path, "-o", project.output).exit_code == 0
    assert _run("build", project.deck_path, "-o", project.output).exit_code == 0

    foreign = project.root / "build" / "praesentation.pptx"
    shutil.copy(REPO / "deckgen" / "data" / "theme" / "kommune.pptx", foreign)
    before = foreign.read_bytes()
    result = _run("build", project.deck_path, "-o", foreign)
    assert result.exit_code == 1
    assert "a file that deckgen did not make is already there" in result.output
    assert "--force" in result.output
    assert foreign.read_bytes() == before

    assert _run("build", project.deck_path, "-o", foreign, "--force").exit_code == 0
    assert foreign.read_bytes() != before


def test_output_equal_to_input_is_refused(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    deck = project.deck("- a\n")
    before = deck.read_bytes()
    result = _run("build", deck, "-o", deck)
    assert result.exit_code == 1
    assert "the output file is one of the inputs" in result.output
    assert deck.read_bytes() == before


def test_validate_reports_every_problem_and_exits_1(project):
    project.blocks("blocks:\n  - id: a\n    kind: statment\n    text: Hej\n", "a.yaml")
    project.blocks("blocks:\n  - id: b\n    kind: bullets\n    title: B\n", "b.yaml")
    result = _run("validate", project.root / "decks" / "blocks")
    assert result.exit_code == 1
    assert (
        "a.yaml:3:5: block 'a': unknown block kind 'statment' — did you mean 'statement'?"
        in result.output
    )
    assert "b.yaml:2:5: block 'b', items: required field 'items' is missing" in result.output
    assert "2 files checked: 2 errors" in result.output


def test_validate_passes_the_sample_library():
    result = _run(
        "validate", SAMPLE_PROJECT / "decks", REPO / "deckgen" / "data" / "theme" / "kommune.yaml"
    )
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_blocks_lists_and_shows_the_library(monkeypatch):
    monkeypatch.chdir(SAMPLE_PROJECT)
    listing = _run("blocks")
    assert listing.exit_code == 0
    line = next(row for row in listing.output.splitlines() if row.startswith("vejen-videre "))
    assert "bullets" in line and "Vejen videre – virkemidler" in line and "[vejen-videre]" in line

    shown = _run("blocks", "show", "vejen-videre")
    assert shown.exit_code == 0
    assert shown.output.startswith("# decks/blocks/vejen-videre.yaml:")
    assert "title: Vejen videre – virkemidler" in shown.output

    missing = _run("blocks", "show", "vejen-vidre")
    assert missing.exit_code == 1
    assert "no block with id 'vejen-vidre' — did you mean 'vejen-videre'?" in missing.output


def test_schema_describes_both_file_kinds():
    schema = json.loads(_run("schema").output)
    titles = {option["title"] for option in schema["anyOf"]}
    assert titles == {"DeckFile", "BlockFile"}
    kinds = json.loads(_run("schema", "blocks").output)["definitions"]
    assert {"Bullets", "Principles", "Definition", "Dialogue"} <= set(kinds)


def test_committed_schema_files_are_up_to_date():
    for kind in ("deck", "blocks", "theme", "profiles", "committees"):
        committed = (REPO / "decks" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == _run("schema", kind).output, (
            f"run: deckgen schema {kind} > decks/schema/{kind}.schema.json"
        )


def test_every_command_has_help_with_an_example():
    for command in ("build", "validate", "blocks", "schema"):
        result = _run(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.output, command


def test_counts_read_as_english(project):
    project.blocks("blocks:\n  - id: a\n    kind: statment\n    text: Hej\n")
    result = _run("validate", project.root / "decks" / "blocks")
    assert "1 file checked: 1 error, 0 warnings" in result.output


def test_an_empty_library_is_an_error_not_a_crash(project):
    result = _run("blocks", "--library", project.root / "decks" / "blocks")
    assert result.exit_code == 1
    assert "blocks: no blocks here — add block files (.yaml)" in result.output


def test_a_misspelled_set_name_is_an_error_with_the_close_match(tmp_path):
    out = tmp_path / "x.pptx"
    result = _run("build", SAMPLE, "-o", out, "--set", "omo=OMU Børn og Familie")
    assert result.exit_code == 1
    assert (
        "--set omo: the deck neither declares nor uses a variable 'omo' — did you mean 'omu'?"
        in result.output
    )
    assert not out.exists()


def test_a_set_name_for_a_deck_without_variables_says_so_not_an_empty_list(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    deck = project.deck_path.parent / "uden.yaml"
    deck.write_text("deck:\n  title: Uden\n  footer: Kommunen\nslides:\n  - a\n", "utf-8")
    result = _run("build", deck, "-o", project.output, "--set", "direktør=Lars")
    assert result.exit_code == 1
    assert (
        "--set direktør: the deck neither declares nor uses a variable 'direktør' — the deck "
        "has no variables; declare it under the deck's `variables:`"
    ) in result.output
    assert not project.output.exists()
