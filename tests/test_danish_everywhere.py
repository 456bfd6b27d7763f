"""What a Danish user meets when things go wrong is Danish: hostile templates, a FIFO named as
input, a theme pointing at the wrong files, `theme show`, the check's list of checks, a word
too wide for its box, and the help of every command. The test looks for English words in what
is shown, leaving out what is not prose: file names, paths, options, ids and examples."""

from __future__ import annotations

import os
import re
import zipfile

import click
import pytest
from click.testing import CliRunner
from conftest import REPO
from test_packages import VBA_TYPE, _package, _rel, _themed_project

from deckgen.cli.commands import main

TEMPLATE = REPO / "deckgen" / "data" / "theme" / "kommune.pptx"
ENGLISH = re.compile(
    r"\b(the|is|are|not|and|of|with|this|that|cannot|must|should|found|missing|usage|error|"
    r"errors|options|warning|warnings|wrote|built|failed|skipped|aborted|file|files|deck|decks|"
    r"slide|slides|placeholder|workers|path|please|make|remove|see|try|each|there|was|been|"
    r"has|have|its|it|no|yes|your|you|which|when|where|into|than|commands|arguments|"
    r"invalid|value|does|exist|save|open|picture|template|layout's|word|wider|broken|"
    r"allowed|here|number|needs|unknown|required|expected|got|room|margins)\b",
    re.IGNORECASE,
)
_NOT_PROSE = re.compile(
    r"'[^'\n]*'|`[^`\n]*`|\"[^\"\n]*\"|\[[a-z_]+\.[a-z_]+\]|"  # quoted words, check ids
    r"\[[a-z|]+\]|\bOpen XML\b|\b[a-z_]+:(?= ')|"  # choices, a name, a YAML key
    r"\S*[/\\._=<>{}@]\S*|\S+:\S+|--?[a-z][\w-]*|"  # paths, files, options, YAML keys
    r"^\s*(?:deckgen|python) .*$",  # examples
    re.MULTILINE,
)
COMMANDS = re.compile(
    r"^\s{2}(build|check|new|render|serve|theme|tour|validate|blocks|catalogue|provenance|"
    r"schema|show|init)\s",
    re.MULTILINE,
)


def english_in(text: str) -> list[str]:
    """The English words in `text`, once file names, options, ids and examples are left out."""
    prose = COMMANDS.sub(" ", _NOT_PROSE.sub(" ", text))
    return ENGLISH.findall(prose)


def danish(*args: object):
    result = CliRunner().invoke(main, ["--lang", "da", *[str(a) for a in args]])
    assert "Traceback" not in result.output
    return result


def assert_danish(result, status: int = 1) -> None:
    assert result.exit_code == status, result.output
    assert not english_in(result.output), result.output


def test_the_detector_finds_english_and_passes_danish():
    assert english_in("Error: the file is damaged") == ["Error", "the", "file", "is"]
    assert not english_in("Fejl: decks/deck.yaml:3:4: filen er beskadiget — gem den igen")
    assert not english_in("Brug: deckgen build [TILVALG] PRÆSENTATION\n  --force  Erstat")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("command", [(), *_commands(main)], ids=" ".join)
def test_the_help_of_every_command_is_danish(command):
    result = danish(*command, "--help")
    assert_danish(result, 0)
    assert result.output.startswith("Brug: ") and "[TILVALG]" in result.output
    # Value names in capitals are English when click or a command names them itself.
    assert not set(re.findall(r"\b[A-Z]{3,}\b", result.output)) & ENGLISH_VALUE_NAMES


ENGLISH_VALUE_NAMES = {
    *[
        "SOURCE",
        "SCHEDULE",
        "DECK",
        "DECKS",
        "PATH",
        "PATHS",
        "OLD",
        "TEMPLATE",
        "THEME",
        "FILE",
        "FOLDER",
    ],
    *["TEXT", "INTEGER", "FLOAT", "BLOCK", "OPTIONS", "COMMAND", "ARGS", "DIRECTORY", "CHOICE"],
}


def test_the_help_is_danish_when_the_environment_says_so():
    import subprocess
    import sys

    env = {**os.environ, "DECKGEN_LANG": "da", "PYTHONPATH": str(REPO)}
    shown = subprocess.run(
        [sys.executable, "-m", "deckgen", "tour", "--help"], capture_output=True, text=True, env=env
    ).stdout
    assert "Brug: " in shown and "BESØGSPLAN" in shown, shown
    assert not english_in(shown), shown


@pytest.mark.parametrize(
    ("edits", "extra", "types", "expected"),
    [
        ({}, {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, VBA_TYPE, "VBA-makroprojekt"),
        (
            {
                "ppt/slideLayouts/_rels/slideLayout2.xml.rels": (
                    b"</Relationships>",
                    _rel("rId9", "image", "file:///etc/passwd") + b"</Relationships>",
                )
            },
            {},
            b"",
            "linker et billede til 'file:///etc/passwd' uden for filen",
        ),
    ],
    ids=["macros", "external link"],
)
def test_a_hostile_template_is_refused_in_danish(project, edits, extra, types, expected):
    template = _package(project.root / "t.pptx", edits=edits, extra=extra, types=types)
    _themed_project(project, template)
    result = danish("build", project.deck_path, "-o", project.output)
    assert_danish(result)
    assert expected in result.output
    assert not project.output.exists()


def test_a_zip_bomb_and_a_file_that_is_not_a_template_are_refused_in_danish(project, tmp_path):
    bomb = project.root / "t.pptx"
    _package(bomb)
    with (
        zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as package,
        package.open("ppt/media/image9.png", "w", force_zip64=True) as member,
    ):
        for _ in range(101):
            member.write(bytes(1024 * 1024))
    result = danish("theme", "show", bomb)
    assert_danish(result)
    assert "ligner en zip-bombe" in result.output
    text = tmp_path / "notes.potx"
    text.write_text("hej", encoding="utf-8")
    result = danish("theme", "show", text)
    assert_danish(result)
    assert "skabelonen er ikke en PowerPoint-fil" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("deck.yaml", ["build"]),
        ("besoeg.csv", ["tour"]),
        ("modtaget.pptx", ["check"]),
        ("skabelon.potx", ["theme", "show"]),
    ],
)
def test_a_fifo_named_as_input_is_refused_in_danish(tmp_path, monkeypatch, name, args):
    monkeypatch.chdir(tmp_path)
    os.mkfifo(name)
    result = danish(*args, name)
    assert_danish(result)
    assert "navngiven kanal (FIFO)" in result.output


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("template: mangler.pptx", "findes ikke ved siden af temaet"),
        ("template: .", "er en mappe"),
        ("template: makroer.pptm", "er en præsentation med makroer"),
    ],
)
def test_a_theme_pointing_at_the_wrong_file_says_so_in_danish(project, line, expected):
    theme = _themed_project(project, TEMPLATE)
    text = theme.read_text(encoding="utf-8")
    theme.write_text(re.sub(r"template: .*", line, text), encoding="utf-8")
    if "pptm" in line:
        (theme.parent / "makroer.pptm").write_bytes(TEMPLATE.read_bytes())
    result = danish("build", project.deck_path, "-o", project.output)
    assert_danish(result)
    assert expected in result.output


def test_theme_show_and_theme_init_speak_danish(tmp_path):
    shown = danish("theme", "show", TEMPLATE)
    assert_danish(shown, 0)
    assert "1 diasmaster, 8 layouts" in shown.output
    assert "titel (centreret)" in shown.output and "sidefod" in shown.output
    output = tmp_path / "vores.yaml"
    made = danish("theme", "init", TEMPLATE, "-o", output)
    assert_danish(made, 0)
    comments = [
        line.split("#", 1)[1] for line in output.read_text("utf-8").splitlines() if "#" in line
    ]
    assert comments and not english_in("\n".join(comments)), comments
    assert any("TJEK" in comment for comment in comments)


def test_the_checks_are_described_in_danish():
    result = danish("check", "--help")
    assert_danish(result, 0)
    assert "hvert dias har en titel" in result.output


def test_a_word_wider_than_its_box_is_warned_about_in_danish(project):
    project.blocks(
        "blocks:\n  - id: a\n    kind: statement\n"
        # Too long even at the smallest size the build shrinks a word to (it shrinks first).
        "    text: Arbejdsmiljøorganisationssamarbejdsudviklingskonsulentfunktionernes"
        "efteruddannelsesforløbsevalueringsrapporter\n"
    )
    project.deck("- a\n")
    result = danish("build", project.deck_path, "-o", project.output)
    assert_danish(result, 0)
    assert "bredere end" in result.output
