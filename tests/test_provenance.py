"""Every deck records what it was built from, so "which decks used block X, at which
version" has an answer."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner
from pptx import Presentation

from deckgen import api
from deckgen.cli.commands import main
from deckgen.provenance import CUSTOM_PART, read_provenance


def _deck(project):
    project.blocks(
        "blocks:\n"
        "  - id: a\n    kind: statement\n    text: Hej {{ omu }}\n"
        "  - id: b\n    kind: statement\n    text: Farvel\n"
    )
    project.deck("- a\n- use: b\n  subtitle: Vi ses\n- id: c\n  kind: statement\n  text: Inline\n")


def test_the_deck_records_each_slides_block_version_and_file(project):
    _deck(project)
    api.build_deck(project.deck_path, project.output)
    record = read_provenance(project.output)
    assert record.deck == "decks/deck.yaml"
    assert record.version
    assert [(s.block_id, s.file, s.changed) for s in record.slides] == [
        ("a", "decks/blocks/blocks.yaml", ()),
        ("b", "decks/blocks/blocks.yaml", ("subtitle",)),
        ("c", "decks/deck.yaml", ()),
    ]
    assert all(len(s.version) == 12 for s in record.slides)
    assert record.variables == {"omu": "OMU Børn og Familie", "dato": "12. marts 2025"}
    assert len(record.inputs) == len(record.content) == 64


def test_a_blocks_version_follows_its_source_not_the_variables(project, tmp_path):
    _deck(project)
    api.build_deck(project.deck_path, project.output)
    first = read_provenance(project.output).slides
    api.build_deck(project.deck_path, tmp_path / "other.pptx", {"omu": "OMU Skoler"})
    other = read_provenance(tmp_path / "other.pptx")
    assert [s.version for s in other.slides] == [s.version for s in first]
    project.blocks(
        "blocks:\n"
        "  - id: a\n    kind: statement\n    text: Goddag {{ omu }}\n"
        "  - id: b\n    kind: statement\n    text: Farvel\n"
    )
    api.build_deck(project.deck_path, project.output)
    changed = read_provenance(project.output).slides
    assert changed[0].version != first[0].version
    assert changed[1].version == first[1].version


def test_the_record_is_a_proper_custom_properties_part(project):
    _deck(project)
    api.build_deck(project.deck_path, project.output)
    with zipfile.ZipFile(project.output) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("_rels/.rels").decode()
        custom = package.read(CUSTOM_PART).decode()
    assert (
        'PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.custom-properties+xml"' in types
    )
    assert 'relationships/custom-properties" Target="docProps/custom.xml"' in rels
    assert 'name="deckgen.slide.01"' in custom and "a@" in custom
    # python-pptx (like PowerPoint) keeps the part when it saves the deck again.
    Presentation(str(project.output)).save(str(project.output))
    assert read_provenance(project.output).slides[0].block_id == "a"


def test_provenance_command_answers_which_decks_use_a_block(project, tmp_path):
    _deck(project)
    out = project.root / "build"
    api.build_deck(project.deck_path, out / "one.pptx")
    project.deck("- a\n")
    api.build_deck(project.deck_path, out / "two.pptx")
    runner = CliRunner()
    result = runner.invoke(main, ["provenance", str(out), "--block", "b"])
    assert result.exit_code == 0, result.output
    assert "one.pptx  b@" in result.output and "changed: subtitle" in result.output
    assert "two.pptx" not in result.output
    assert "1 deck shows b" in result.output
    records = json.loads(runner.invoke(main, ["provenance", str(out), "--json"]).output)
    assert [r["file"].rsplit("/", 1)[-1] for r in records] == ["one.pptx", "two.pptx"]
    assert records[1]["slides"][0]["block"] == "a"


def test_provenance_of_a_presentation_deckgen_did_not_make_says_so(tmp_path):
    from pptx import Presentation

    other = tmp_path / "fremmed.pptx"
    Presentation().save(str(other))
    result = CliRunner().invoke(main, ["provenance", str(other)])
    assert result.exit_code == 0
    assert result.output == (
        "no deck deckgen made is there (no presentation with a deckgen record)\n"
    )
