"""`deckgen check`: every sample deck passes --strict; findings name file:line, slide and
block; exit codes follow errors and, with --strict, warnings."""

import json

import pytest
from checking import drawn_deck
from click.testing import CliRunner
from conftest import SAMPLE_PROJECT
from pptx import Presentation

from deckgen import api
from deckgen.check.opening import open_deck
from deckgen.cli.commands import main

DECKS = sorted((SAMPLE_PROJECT / "decks").glob("*.yaml"))
LONG = "Et punkt med en ret lang tekst, der fylder godt op på linjen i kassen"


def _run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.name)
def test_every_deck_passes_check_strict(deck):
    result = _run("--strict", deck)
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_a_failing_deck_exits_1_with_file_line_slide_and_block(project):
    items = "".join(f"      - {LONG} ({n})\n" for n in range(16))
    project.blocks(
        f"blocks:\n  - id: for-meget\n    kind: bullets\n    title: Punkter\n    items:\n{items}"
    )
    project.deck("- for-meget\n")
    # Text that runs off is a warning, as `build` warns about it: the strict gate fails on it.
    assert _run(project.deck_path).exit_code == 0
    result = _run("--strict", project.deck_path)
    assert result.exit_code == 1
    assert "Warning: " in result.output
    assert (
        "decks/blocks/blocks.yaml:2:5: slide 1 (for-meget): [fit.text] the text runs off"
        in result.output
    )
    assert "deck.yaml: 1 slide checked: 0 errors, 1 warning" in result.output
    assert "Error: 1 of 1 decks failed the check" in result.output
    assert "Traceback" not in result.output


def test_warnings_fail_only_with_strict(project):
    project.blocks(
        "blocks:\n  - {id: en, kind: bullets, title: Samme, items: [Et]}\n"
        "  - {id: to, kind: bullets, title: Samme, items: [To]}\n"
    )
    project.deck("- en\n- to\n")
    assert _run(project.deck_path).exit_code == 0
    strict = _run("--strict", project.deck_path)
    assert strict.exit_code == 1
    assert "Warning: " in strict.output and "[accessibility.unique_titles]" in strict.output


def test_json_lists_every_finding(project):
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Samme, items: [Et]}\n")
    project.deck("- en\n- en\n")
    result = _run("--json", project.deck_path)
    report = json.loads(result.output)
    assert report[0]["slides"] == 2
    assert report[0]["findings"] == [
        {
            "severity": "warning",
            "check": "accessibility.unique_titles",
            "slide": 2,
            "block": "en",
            "location": f"{project.root}/decks/blocks/blocks.yaml:2:5",
            "message": "the title 'Samme' is also slide 1's",
            "hint": "give each slide its own title, e.g. say what is different on this one",
        }
    ]


def test_a_built_pptx_is_traced_back_to_its_blocks(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLE_PROJECT)
    built = tmp_path / "omu.pptx"
    api.build_deck(DECKS[0], built)
    report = api.check_decks([built])[0]
    assert report.slides == 18 and report.note == ""
    checked = open_deck(built)
    assert [
        (str(checked.source_of(n).location), checked.source_of(n).block_id) for n in (1, 2)
    ] == [
        ("decks/blocks/intro.yaml:4:5", "titel-dialogmoede"),
        ("decks/blocks/vision.yaml:4:5", "vision-model"),
    ]
    # Moved in PowerPoint: slide 1 is now `vision-model`; no longer blamed on the intro.
    _moved(built, 0, 1)
    moved = open_deck(built)
    assert moved.source_of(1) is None and "reported by slide number" in moved.note
    deck = drawn_deck(tmp_path / "fremmed.pptx", lambda slide: None)
    foreign = api.check_decks([deck])[0]
    assert "not built by deckgen: findings are reported by slide number" in foreign.note


def _retitled(path, index, title):
    """Give slide `index` (from 0) of the .pptx at `path` another title, saved in place."""
    prs = Presentation(str(path))
    prs.slides[index].shapes.title.text_frame.text = title
    prs.save(str(path))


def _moved(path, old, new):
    """Move slide `old` (from 0) to position `new` in the .pptx at `path`, saved in place."""
    prs = Presentation(str(path))
    slides = prs.slides._sldIdLst
    slide = list(slides)[old]
    slides.remove(slide)
    slides.insert(new, slide)
    prs.save(str(path))


def test_findings_of_a_built_deck_name_the_block_file_and_line(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.blocks(
        "blocks:\n  - {id: en, kind: bullets, title: Samme, items: [Et]}\n"
        "  - {id: to, kind: bullets, title: Samme, items: [To]}\n"
        "  - {id: tre, kind: bullets, title: Tre, items: [Tre]}\n"
    )
    project.deck("- en\n- to\n- tre\n")
    api.build_deck(project.deck_path, project.output)
    report = api.check_decks([project.output])[0]
    assert report.note == ""
    assert [str(f) for f in report.findings] == [
        "decks/blocks/blocks.yaml:3:5: slide 2 (to): "
        "[accessibility.unique_titles] the title 'Samme' is also slide 1's — give each slide "
        "its own title, e.g. say what is different on this one"
    ]


def test_an_edited_deck_is_reported_by_slide_number_not_by_stale_blocks(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.blocks(
        "blocks:\n  - {id: en, kind: bullets, title: Et, items: [Et]}\n"
        "  - {id: to, kind: bullets, title: Samme, items: [To]}\n"
        "  - {id: tre, kind: bullets, title: Samme, items: [Tre]}\n"
    )
    project.deck("- en\n- to\n- tre\n")
    api.build_deck(project.deck_path, project.output)
    # Moved in PowerPoint: slide 2 now shows block `tre`, slide 3 block `en`.
    _moved(project.output, 0, 2)
    report = api.check_decks([project.output])[0]
    assert report.slides == 3
    assert "edited since deckgen built it" in report.note
    assert "findings are reported by slide number" in report.note
    assert [str(f) for f in report.findings] == [
        "build/deck.pptx: slide 2: [accessibility.unique_titles] the title 'Samme' is also "
        "slide 1's — give each slide its own title, e.g. say what is different on this one"
    ]
    # An edit that keeps the slide order is reported the same way: nothing tells it apart.
    api.build_deck(project.deck_path, project.output, force=True)
    _retitled(project.output, 0, "Et andet")
    assert "edited since" in api.check_decks([project.output])[0].note


def test_a_powerpoint_lock_file_in_a_folder_is_not_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(SAMPLE_PROJECT)
    api.build_deck(DECKS[0], tmp_path / "omu.pptx")
    lock = tmp_path / "~$omu.pptx"
    lock.write_bytes(b"\x0bMette Holm" + b"\x00" * 150)
    assert api.deck_files([tmp_path]) == [tmp_path / "omu.pptx"]
    assert [r.findings for r in api.check_decks([tmp_path])] == [[]]


def test_a_folder_gives_its_deck_files_only():
    found = api.deck_files([SAMPLE_PROJECT / "decks"])
    assert found == DECKS


def test_many_findings_are_a_short_list_of_things_to_do_and_all_lists_each(project):
    # Fourteen slides with the same title: thirteen findings of one cause.
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Samme, items: [Et]}\n")
    project.deck("- en\n" * 14)
    result = _run(project.deck_path)
    lines = [line for line in result.output.splitlines() if line.startswith("Warning")]
    assert lines == [
        f"Warning: {project.deck_path}: [accessibility.unique_titles] 13 times on 13 slides: "
        "2–14: the title 'Samme' is also slide 1's (and the like) — give each slide its own "
        "title, e.g. say what is different on this one"
    ]
    assert "Listed by cause, one line each; --all lists every finding." in result.output
    every = _run("--all", project.deck_path)
    assert every.output.count("[accessibility.unique_titles]") == 13
    assert "Listed by cause" not in every.output
