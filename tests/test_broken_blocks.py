"""A broken block stops only the decks that show it: the others build, the broken file is
told once, and a deck that shows it is reported once, at its row; nothing is half written."""

from __future__ import annotations

from click.testing import CliRunner
from sample_project import write_schedule

from deckgen.cli.commands import main

DRAFT = "blocks:\n  - id: kladde\n    kind: bullet\n    title: Kladde\n"


def _run(*args, text=None):
    return CliRunner().invoke(main, [*map(str, args)], input=text, catch_exceptions=False)


def _draft(root):
    (root / "decks" / "blocks" / "kladde.yaml").write_text(DRAFT, encoding="utf-8")


def test_a_broken_block_no_visit_shows_stops_none_and_is_told_once(sample_copy, english):
    _draft(sample_copy)
    schedule = write_schedule(
        sample_copy,
        "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n"
        "2025-03-13;Lars Kjærgaard;OMU Dagtilbud Nord;;kladde;;\n",
    )
    result = _run("tour", schedule, "-o", "build")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    about_draft = [line for line in lines if "kladde.yaml:3:5" in line]
    assert len(about_draft) == 1, result.output
    assert "unknown block kind 'bullet'" in about_draft[0]
    assert [line for line in lines if "besoeg.csv:3" in line] == [
        "Error: decks/tour/besoeg.csv:3: not built because of the errors in "
        "decks/blocks/kladde.yaml (reported above)"
    ]
    # Row 2 is built: no error is told of it (only that its date is long past).
    assert not [line for line in lines if line.startswith("Error: decks/tour/besoeg.csv:2")]
    assert (sample_copy / "build" / "2025-03-12_mette-holm_omu-boern-og-familie.pptx").exists()
    assert "Built 1 of 2 decks" in result.output


def test_a_broken_block_no_visit_shows_is_a_warning_once(sample_copy, english):
    _draft(sample_copy)
    schedule = write_schedule(
        sample_copy,
        "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n2025-03-13;Mette Holm;OMU Skoler Nord;;;;\n",
    )
    result = _run("tour", schedule, "-o", "build")
    assert result.exit_code == 0, result.output
    assert result.output.count("kladde.yaml") == 1
    assert (
        "Warning: decks/blocks/kladde.yaml:3:5: block 'kladde': unknown block kind 'bullet'"
        in result.output
    )
    assert "(no visit shows that block, so it stopped none)" in result.output


def test_build_warns_of_a_broken_block_the_deck_does_not_show(sample_copy, english):
    _draft(sample_copy)
    result = _run("build", "decks/omu-dialogmoede.yaml", "--set", "omu=OMU Skoler Nord")
    assert result.exit_code == 0, result.output
    assert "kladde.yaml:3:5" in result.output
    assert "this deck does not show that block, so it was built" in result.output


def test_new_writes_nothing_when_a_block_it_shows_is_broken(sample_copy, english):
    blocks = sample_copy / "decks" / "blocks" / "direktion.yaml"
    text = blocks.read_text(encoding="utf-8")
    blocks.write_text(
        text.replace(
            "    kind: statement\n    author: mette-holm",
            "    kind: statment\n    author: mette-holm",
        ),
        encoding="utf-8",
    )
    answers = ["2", "1", "12-03-2025", "", "", "", "", "j"]
    result = _run("new", text="\n".join(answers) + "\n")
    assert result.exit_code == 1
    assert (
        "direktion.yaml:7:5: block 'hilsen-mette-holm': unknown block kind 'statment'"
        in result.output
    )
    assert not (sample_copy / "decks" / "visits").exists()
    assert not (sample_copy / "build").exists()
