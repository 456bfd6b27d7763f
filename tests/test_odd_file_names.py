"""File names that are not UTF-8 (made on a system with another encoding) or that hold a line
break: every command works with them or says so at the file, and nothing deckgen writes
(a deck's record, a YAML comment, a message) is broken by them (issue 24)."""

from __future__ import annotations

import os
import shutil

import yaml
from click.testing import CliRunner
from conftest import DEFAULT_THEME, SAMPLE_PROJECT
from pptx import Presentation

from deckgen.cli import main
from deckgen.provenance import read_provenance

LATIN1 = os.fsdecode(b"d\xe6k")
"""`dæk` as Windows-1252 wrote it: not UTF-8."""


def _run(*args: object):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, UnicodeError), result.exception
    return result


def test_decks_blocks_and_outputs_named_in_another_encoding_build_validate_and_check(
    project, monkeypatch
) -> None:
    monkeypatch.chdir(project.root)
    project.blocks(
        "blocks:\n  - id: hilsen\n    kind: statement\n    text: Hej {{ omu }}\n",
        name=os.fsdecode(b"hils\xf8n.yaml"),
    )
    deck = project.deck("- hilsen\n")
    odd_deck = deck.with_name(f"{LATIN1}.yaml")
    deck.rename(odd_deck)
    broken = project.root / "decks" / os.fsdecode(b"\xf8delagt.yaml")
    broken.write_text("deck:\n  title: T\nslides: [ukendt-blok]\n", encoding="utf-8")

    checked = _run("validate", project.root / "decks")
    assert checked.exit_code == 1  # the broken deck, and only it
    assert "\\xf8delagt.yaml:3:" in checked.output and "ukendt-blok" in checked.output
    assert "1 error" in checked.output
    built = _run("build", odd_deck)
    assert built.exit_code == 0, built.output
    output = project.output.with_name(f"{LATIN1}.pptx")
    record = read_provenance(output)
    assert record is not None and record.deck == "decks/d\\xe6k.yaml"
    assert "hils\\xf8n.yaml" in record.slides[0].file
    elsewhere = project.root / "build" / os.fsdecode(b"\xe6ndret.pptx")
    assert _run("build", odd_deck, "-o", elsewhere).exit_code == 0
    assert _run("build", odd_deck, "-o", elsewhere, "--force").exit_code == 0
    assert Presentation(str(elsewhere)).slides[0]
    assert _run("check", odd_deck).exit_code == 0
    assert (
        "0 decks show an older" in _run("provenance", project.root / "build", "--outdated").output
    )


def test_text_escaping_half_of_a_character_is_an_error_at_its_line(project) -> None:
    project.blocks('blocks:\n  - id: a\n    kind: statement\n    text: "Hej \\udce6"\n')
    project.deck("- a\n")
    result = _run("build", project.deck_path)
    assert result.exit_code == 1
    assert "blocks.yaml:4:5: block 'a', text: contains the control character U+DCE6" in (
        result.output
    )


def test_import_of_a_file_named_in_another_encoding_copies_it_under_a_name_yaml_holds(
    project,
) -> None:
    odd = project.root / "assets" / os.fsdecode(b"gam\xe6l.pptx")
    odd.parent.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE_PROJECT / "assets" / "slides" / "direktion-2025.pptx", odd)
    imported = _run("import", odd, "-o", project.root / "decks" / "blocks" / "gammel.yaml")
    assert imported.exit_code == 0, imported.output
    text = (project.root / "decks" / "blocks" / "gammel.yaml").read_text("utf-8")
    assert "gam\\xe6l.pptx" in text.splitlines()[0]
    assert "file: ../../assets/slides/gam_l.pptx" in text
    assert (project.root / "assets" / "slides" / "gam_l.pptx").is_file()
    validated = _run("validate", project.root / "decks" / "blocks" / "gammel.yaml")
    assert validated.exit_code == 0, validated.output


def test_a_line_break_in_a_name_stays_in_the_comment_of_import_and_theme_init(
    project,
) -> None:
    name = "ny\nlinje: sneget ind\u2028\u0085.pptx"
    source = project.root / "assets" / name
    source.parent.mkdir(exist_ok=True)
    shutil.copyfile(SAMPLE_PROJECT / "assets" / "slides" / "direktion-2025.pptx", source)
    imported = _run("import", source, "-o", project.root / "decks" / "blocks" / "ny.yaml")
    assert imported.exit_code == 0, imported.output
    for written in ("decks/blocks/ny.yaml", "decks/ny.yaml"):
        text = (project.root / written).read_text("utf-8")
        assert "sneget ind" in text.splitlines()[0]
        assert "linje" not in yaml.safe_load(text)

    template = project.root / "tema" / "skab\nlogo: ond.png\u2028.pptx"
    template.parent.mkdir()
    shutil.copyfile(DEFAULT_THEME.with_name("kommune.pptx"), template)
    drafted = _run("theme", "init", template, "-o", project.root / "tema" / "tema.yaml")
    assert drafted.exit_code == 0, drafted.output
    theme = yaml.safe_load((project.root / "tema" / "tema.yaml").read_text("utf-8"))
    assert theme["template"] == template.name and theme.get("logo") != "ond.png"
    assert _run("validate", project.root / "tema" / "tema.yaml").exit_code == 0


def test_theme_init_of_a_template_named_in_another_encoding_says_to_rename_it(project) -> None:
    template = project.root / os.fsdecode(b"skab\xe6lon.pptx")
    shutil.copyfile(DEFAULT_THEME.with_name("kommune.pptx"), template)
    result = _run("theme", "init", template, "-o", project.root / "tema.yaml")
    assert result.exit_code == 1
    assert "skab\\xe6lon.pptx: the template's name holds a character a theme file cannot hold" in (
        result.output
    )
    assert "U+DCE6" in result.output and "not UTF-8" in result.output
    assert "rename the template, e.g. to skab_lon.pptx" in result.output
    assert not (project.root / "tema.yaml").exists()
