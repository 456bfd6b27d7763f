"""The message catalogue: every message in the code has Danish words, the shipped catalogue is
compiled from the translations as they stand, and the command line speaks Danish by default
and English when asked."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import REPO, SAMPLE_PROJECT

from deckgen.cli.commands import main
from deckgen.i18n import LOCALE_DIR, choose_language

PO = LOCALE_DIR / "da" / "LC_MESSAGES" / "deckgen.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"


def _catalogue():
    with PO.open("rb") as file:
        return read_po(file, locale="da")


def _code_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        REPO / "deckgen", keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_in_the_code_has_a_danish_translation():
    catalogue = _catalogue()
    untranslated = []
    for msgid in sorted(_code_messages()):
        entry = catalogue.get(msgid)
        strings = (
            []
            if entry is None
            else (list(entry.string) if isinstance(entry.string, (tuple, list)) else [entry.string])
        )
        if entry is None or entry.fuzzy or not strings or not all(strings):
            untranslated.append(msgid)
    assert not untranslated, "run python tools/messages.py and translate:\n" + "\n".join(
        untranslated
    )


def test_the_shipped_catalogue_is_compiled_from_the_translations():
    fresh = io.BytesIO()
    write_mo(fresh, _catalogue())
    assert MO.read_bytes() == fresh.getvalue(), "run python tools/messages.py"


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def _placeholders(text: str) -> set[str]:
    """The `{name}` and `%(name)s` in `text`; `{{` and `}}` are braces, not placeholders."""
    return set(_PLACEHOLDER.findall(re.sub(r"\{\{|\}\}", "", text)))


def test_a_translation_keeps_the_placeholders_of_its_message():
    wrong = []
    for entry in _catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = _placeholders(" ".join(ids))
        used = [_placeholders(string) for string in strings if string]
        # Each form uses only the message's placeholders, and together they use them all (a
        # Danish form may leave out what its language does not need to say).
        if used and (any(not forms <= wanted for forms in used) or set().union(*used) != wanted):
            wrong.append((ids[0], strings))
    assert not wrong


def _run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_build_says_what_it_wrote_in_danish_and_in_english(tmp_path):
    out = tmp_path / "boern.pptx"
    danish = _run("--lang", "da", "build", SAMPLE, "-o", out, "--set", "omu=OMU Børn og Familie")
    assert f"Gemt: {out} (18 dias)" in danish.output
    english = _run("--lang", "en", "build", SAMPLE, "-o", out, "--set", "omu=OMU Børn og Familie")
    assert f"Wrote {out} (18 slides)" in english.output


def test_an_error_keeps_its_file_line_and_column_and_says_fejl(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("deck:\n  title: [Forår\nslides: []\n", encoding="utf-8")
    danish = _run("--lang", "da", "build", deck)
    assert danish.exit_code == 1
    assert re.search(r"^Fejl: .*deck\.yaml:\d+:\d+: ", danish.output, re.M), danish.output
    english = _run("--lang", "en", "build", deck)
    assert re.search(r"^Error: .*deck\.yaml:\d+:\d+: ", english.output, re.M), english.output


def test_a_summary_counts_in_danish(tmp_path):
    result = _run("--lang", "da", "validate", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "1 fil kontrolleret: 0 fejl, 0 advarsler" in result.output


def test_click_s_own_words_are_danish():
    result = _run("--lang", "da", "build", "--no-such-thing")
    assert result.exit_code == 2
    assert "Brug: " in result.output
    assert "Fejl: Tilvalget '--no-such-thing' findes ikke." in result.output
    assert "Usage" not in result.output and "Error" not in result.output


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("da", ["Brug:", "Tilvalg:", "Lav en PowerPoint-fil af PRÆSENTATION", "Vis denne hjælp"]),
        ("en", ["Usage:", "Options:", "Build DECK (a deck file)", "Show this message"]),
    ],
)
def test_help_is_in_the_language_chosen_by_the_environment(language, words):
    # A fresh process: help texts are made when the command line is imported.
    env = {**os.environ, "DECKGEN_LANG": language, "PYTHONPATH": str(REPO)}
    for args in (["--help"], ["build", "--help"]):
        shown = subprocess.run(
            [sys.executable, "-m", "deckgen", *args], capture_output=True, text=True, env=env
        ).stdout
        assert ("Brug:" if language == "da" else "Usage:") in shown
    assert all(word in shown for word in words), shown


def test_lang_on_the_command_line_wins_over_the_environment():
    env = {**os.environ, "DECKGEN_LANG": "en", "PYTHONPATH": str(REPO)}
    shown = subprocess.run(
        [sys.executable, "-m", "deckgen", "--lang", "da", "--help"],
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    assert "Sammensæt PowerPoint-præsentationer" in shown


def test_danish_is_the_default_and_a_stray_language_gives_danish(monkeypatch):
    monkeypatch.delenv("DECKGEN_LANG")
    assert choose_language() == "da"
    monkeypatch.setenv("DECKGEN_LANG", "en")
    assert choose_language() == "en"
    assert choose_language("da_DK.UTF-8") == "da"
    assert choose_language("fr") == "da"
    assert choose_language("en-GB") == "en"


def test_a_tour_reports_its_rows_and_its_summary_in_danish(sample_copy):
    from sample_project import write_schedule
    from test_tour import GOOD

    schedule = write_schedule(
        sample_copy, "2025-03-20;Mette Hom;OMU Skoler Nord;;;;\n" + GOOD.splitlines()[1] + "\n"
    )
    result = _run("--lang", "da", "tour", schedule, "-o", "build")
    assert result.exit_code == 1
    assert (
        "Fejl: decks/tour/besoeg.csv, række 2, kolonne \"direktør\": ukendt direktør 'Mette Hom'"
        " — mente du 'Mette Holm'?" in result.output
    )
    assert "1 af 2 præsentationer lavet i build på " in result.output
    assert "Fejl: 1 af 2 besøg mislykkedes; se ovenfor" in result.output
    assert "Error" not in result.output and "Built" not in result.output


def test_a_warning_says_advarsel(project):
    project.blocks(
        """\
        blocks:
          - id: lang
            kind: statement
            text: "{text}"
        """.replace("{text}", "Et meget langt udsagn om samarbejde og trivsel. " * 30)
    )
    project.deck("- lang\n")
    danish = _run("--lang", "da", "build", project.deck_path, "-o", project.output)
    assert danish.exit_code == 0, danish.output
    assert "Advarsel: " in danish.output and "Warning" not in danish.output
    english = _run("--lang", "en", "build", project.deck_path, "-o", project.output)
    assert "Warning: " in english.output


def test_new_asks_its_questions_in_danish_and_in_english(sample_copy):
    from test_new import ANSWERS

    answers = "\n".join(ANSWERS) + "\n"
    danish = CliRunner().invoke(main, ["--lang", "da", "new"], input=answers)
    assert "Direktør (nummer eller navn) [1]:" in danish.output
    assert "Udvalg (nummer, eller skriv navnet):" in danish.output
    assert "Gemt: build/" in danish.output
    english = CliRunner().invoke(main, ["--lang", "en", "new", "--force"], input=answers + "y\n")
    assert "Director (number or name) [1]:" in english.output
    assert "Committee (number, or type the name):" in english.output
    assert "Wrote build/" in english.output
