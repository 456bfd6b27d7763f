"""The one pipeline: every command that takes `--set` refuses an unknown name alike, and each
variable is filled in once, in the footer as on the slides."""

import shutil

import pytest
from click.testing import CliRunner
from conftest import REPO
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.cli.commands import main

SAMPLE = REPO / "decks" / "omu-dialogmoede.yaml"
TYPO = "--set omo: the deck neither declares nor uses a variable 'omo' — did you mean 'omu'?"


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("command", ["build", "check", "validate", "render"])
def test_every_command_that_takes_set_refuses_an_unknown_name(command, tmp_path):
    out = tmp_path / "out"
    extra = ["-o", out] if command in ("build", "render") else []
    result = _run(command, SAMPLE, *extra, "--set", "omo=OMU Børn og Familie")
    assert result.exit_code == 1
    assert TYPO in result.output
    assert not out.exists()


def _deck(tmp_path, footer):
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        f'deck:\n  title: Prøve\n  footer: "{footer}"\n'
        "slides:\n"
        '  - {id: udsagn, kind: statement, text: "{{ omu }}"}\n'
        '  - {id: mere, kind: statement, text: "Mere"}\n',
        encoding="utf-8",
    )
    return deck


def _footers_and_texts(path):
    footers, texts = [], []
    for slide in Presentation(str(path)).slides:
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type
            if kind == PP_PLACEHOLDER.FOOTER:
                footers.append(shape.text_frame.text)
            elif shape.has_text_frame:
                texts.append(shape.text_frame.text)
    return footers, texts


@pytest.mark.parametrize("value", ["{{ dato }}", "{{ tyop }}"])
def test_a_value_that_holds_braces_stands_as_written_in_the_footer_as_on_the_slide(tmp_path, value):
    out = tmp_path / "deck.pptx"
    result = _run("build", _deck(tmp_path, "{{ omu }}"), "-o", out, "--set", f"omu={value}")
    assert result.exit_code == 0, result.output
    assert "kommune.yaml" not in result.output  # deckgen's own theme is not to blame
    footers, texts = _footers_and_texts(out)
    assert footers == [value, value]
    assert value in texts


def test_a_name_the_theme_s_footer_uses_but_the_deck_lacks_is_left_out_and_said_at_the_theme(
    tmp_path,
):
    shutil.copytree(REPO / "deckgen" / "data", tmp_path / "data")
    theme = tmp_path / "data" / "theme" / "kommune.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('"{{ omu }} · {{ dato }}"', '"{{ afdeling }} | {{ omu }}"'))
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "deck:\n  title: Prøve\n  theme: data/theme/kommune.yaml\n"
        "variables:\n  omu: OMU Teknik\n"
        'slides:\n  - {id: a, kind: statement, text: "Tekst"}\n'
        '  - {id: b, kind: statement, text: "Mere"}\n',
        encoding="utf-8",
    )
    result = _run("build", deck, "-o", tmp_path / "deck.pptx")
    assert result.exit_code == 0, result.output
    line = next(n for n, t in enumerate(theme.read_text().splitlines(), 1) if "afdeling" in t)
    warning = f"Warning: {theme}:{line}:"
    assert result.output.count(warning) == 1, result.output
    assert "the footer leaves out {{ afdeling }}, which the deck does not set" in result.output
    assert _footers_and_texts(tmp_path / "deck.pptx")[0] == ["OMU Teknik", "OMU Teknik"]


def test_a_deck_that_sets_no_variable_builds_in_the_default_theme_without_footer_text(tmp_path):
    """The default theme's footer is `{{ omu }} · {{ dato }}`: a deck of inline slides that
    sets neither still builds, with no footer text, and says so once."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "deck:\n  title: Prøve\n"
        'slides:\n  - {id: a, kind: statement, text: "Tekst"}\n'
        '  - {id: b, kind: statement, text: "Mere"}\n',
        encoding="utf-8",
    )
    result = _run("build", deck, "-o", tmp_path / "deck.pptx")
    assert result.exit_code == 0, result.output
    assert result.output.count("the footer leaves out {{ omu }}, {{ dato }}") == 1, result.output
    assert _footers_and_texts(tmp_path / "deck.pptx")[0] == []
    strict = _run("build", deck, "-o", tmp_path / "strict.pptx", "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "strict.pptx").exists()
