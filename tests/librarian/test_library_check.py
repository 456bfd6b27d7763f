"""`deckgen validate` finds everything that would make a command or a page fail for the library
as it stands, all at once, each at its file and line: what it passes, `build`, the tour and the
web page accept. And the commands that list the library show what reads, then what does not."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from sample_project import write_schedule

from deckgen.cli.commands import main


def _run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)
    return result.exit_code, result.output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_blocks(root: Path, text: str, name: str = "nye.yaml") -> Path:
    path = root / "decks" / "blocks" / name
    path.write_text("blocks:\n" + text, encoding="utf-8")
    return path


def test_the_sample_library_passes(sample_copy):
    code, output = _run("validate")
    assert code == 0, output
    assert "0 errors, 0 warnings" in output


def test_every_mistake_that_breaks_a_command_or_page_is_found_at_once(sample_copy):
    root = sample_copy
    blocks = _add_blocks(
        root,
        "  - id: faellesskab\n    kind: statement\n    text: En dublet\n"
        "  - id: nyt-billede\n    kind: image\n    title: B\n"
        "    file: ../../assets/pictures/findes-ikke.png\n    alt_text: Noget\n"
        "  - id: hilsen-ukendt\n    kind: statement\n    author: mette-hol\n    text: Hej\n",
    )
    profiles = root / "decks" / "tour" / "direktoerer.yaml"
    _edit(profiles, "signature: [hilsen-mette-holm]", "signature: [hilsen-mette-holm, slettet]")
    code, output = _run("validate")
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert re.search(
        rf"{blocks.name}:2:5: block id 'faellesskab' is already used at .*forenkling", output
    )
    assert re.search(rf"{blocks.name}:8:5: picture '.*findes-ikke\.png' not found", output)
    assert re.search(
        rf"{blocks.name}:12:5: author: no director with the id 'mette-hol' .* did you mean 'mette-holm'",
        output,
    )
    assert re.search(
        r"direktoerer\.yaml:\d+:\d+: director 'mette-holm': no block with id 'slettet'", output
    )
    assert errors[-1] == "Error: 14 files checked: 4 errors, 0 warnings"
    # None of these is in a deck the build is asked for: each would break the tour or the page.
    schedule = write_schedule(root, "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n")
    code, toured = _run("tour", schedule, "-o", root / "build")
    assert code == 1 and "slettet" in toured


def test_a_deleted_block_file_is_an_error_at_every_deck_and_profile_that_shows_its_blocks(
    sample_copy,
):
    (sample_copy / "decks" / "blocks" / "vejen-videre.yaml").unlink()
    code, output = _run("validate")
    assert code == 1
    assert re.search(
        r"decks/omu-dialogmoede\.yaml:\d+:5: slide 17: no block with id 'vejen-videre'", output
    )
    assert len(re.findall(r"director '[a-z-]+': no block with id 'vejen-videre'", output)) == 2
    assert "6 errors" in output  # del-ideer, in the same file, as well


def test_a_typo_in_the_profiles_is_named_with_the_field_to_write(sample_copy):
    profiles = sample_copy / "decks" / "tour" / "direktoerer.yaml"
    _edit(profiles, "    name: Mette Holm", "    navn: Mette Holm")
    code, output = _run("validate")
    assert code == 1
    (error, _summary) = [line for line in output.splitlines() if line.startswith("Error:")]
    assert re.search(
        r"direktoerer\.yaml:\d+:5: director 'mette-holm', navn: unknown field 'navn' — the fields"
        r" have English names: write `name:` instead",
        error,
    )


def test_a_draft_a_director_shows_is_an_error_and_a_retired_block_in_use_a_warning(sample_copy):
    root = sample_copy
    _edit(
        root / "decks" / "blocks" / "direktion.yaml",
        "  - id: hilsen-mette-holm\n",
        "  - id: hilsen-mette-holm\n    status: kladde\n",
    )
    _edit(
        root / "decks" / "blocks" / "ledelse.yaml",
        "  - id: meget-mere-ledelse\n",
        "  - id: meget-mere-ledelse\n    status: udgået\n",
    )
    code, output = _run("validate")
    assert code == 1
    assert re.search(
        r"direktion\.yaml:\d+:\d+: block 'hilsen-mette-holm' is a draft \(status: kladde\), but "
        r"the secretaries' visits show it: director Mette Holm: signature",
        output,
    )
    assert re.search(
        r"Warning: .*ledelse\.yaml:\d+:\d+: block 'meget-mere-ledelse' is retired \(status: "
        r"udgået\), but is still used: deck omu-dialogmoede\.yaml, slide 7",
        output,
    )
    # A retired block still builds the decks that show it; a draft is refused for a visit.
    assert _run("build", "decks/omu-dialogmoede.yaml", "-o", "build/x.pptx")[0] == 0
    schedule = write_schedule(root, "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n")
    code, toured = _run("tour", schedule, "-o", root / "build")
    assert code == 1 and "is a draft (status: kladde)" in toured


def test_suspicious_yaml_is_a_warning_with_the_fix(sample_copy):
    _add_blocks(
        sample_copy,
        "  - id: aabenhed\n    kind: bullets\n    title: Åbenhed\n    items:\n"
        "      - Åbenhed om fejl #1 – også når det gør ondt\n",
    )
    code, output = _run("validate")
    assert code == 0
    assert "Warning: decks/blocks/nye.yaml:6:25: the text stops at ' #'" in output
    assert 'put the whole text in quotes: "Åbenhed om fejl #1 – også når det gør ondt"' in output
    assert _run("validate", "--strict")[0] == 1


def test_validate_speaks_danish_and_names_the_file_to_fix(sample_copy):
    profiles = sample_copy / "decks" / "tour" / "direktoerer.yaml"
    _edit(profiles, "[hilsen-mette-holm]", "[hilsen-mette-holmm]")
    result = CliRunner().invoke(main, ["--lang", "da", "validate"])
    assert result.exit_code == 1
    assert "direktoerer.yaml" in result.output
    assert "mente du 'hilsen-mette-holm'?" in result.output
    assert "1 fejl, 0 advarsler" in result.output


def test_blocks_lists_what_reads_then_the_problems_of_the_rest(sample_copy):
    _add_blocks(sample_copy, "  - id: ny\n    kind: bulets\n    title: T\n")
    _add_blocks(
        sample_copy,
        "  - id: kladden\n    kind: statement\n    text: T\n    status: kladde\n",
        "k.yaml",
    )
    code, output = _run("blocks")
    assert code == 1
    lines = output.splitlines()
    assert any(line.startswith("vejen-videre ") for line in lines)
    assert any(line.startswith("kladden ") and line.endswith("(kladde)") for line in lines)
    assert "nye.yaml:3:5: block 'ny': unknown block kind 'bulets'" in output
    code, shown = _run("blocks", "show", "vejen-videre")
    assert code == 0
    assert "# Used in: 1 deck, 2 director profiles" in shown
    assert re.search(
        r"#   deck omu-dialogmoede\.yaml, slide 17 \(decks/omu-dialogmoede\.yaml:\d+:5\)", shown
    )


def test_a_catalogue_with_a_block_it_cannot_show_fails_and_leaves_drafts_out(sample_copy):
    from office import require_office

    require_office()
    _add_blocks(
        sample_copy,
        "  - id: kladden\n    kind: statement\n    text: T\n    status: kladde\n"
        "  - id: billedet\n    kind: image\n    title: B\n    file: mangler.png\n    alt_text: x\n",
    )
    code, output = _run("catalogue", "-o", sample_copy / "build" / "katalog")
    assert code == 1
    assert "1 draft or retired block is not in it (--all shows it)" in output
    assert "1 block could not be shown, so the catalogue is not complete" in output
    page = (sample_copy / "build" / "katalog" / "index.html").read_text(encoding="utf-8")
    assert 'id="kladden"' not in page and 'id="vejen-videre"' in page


def test_a_status_misspelt_is_answered_with_the_choices_in_danish(sample_copy):
    _add_blocks(
        sample_copy, "  - id: ny-blok\n    kind: statement\n    text: Hej\n    status: udgaaet\n"
    )
    code, output = _run("--lang", "da", "validate")
    assert code == 1
    assert "status: 'udgaaet' er ikke en af mulighederne — skriv en af: kladde eller udgået" in (
        output
    )
