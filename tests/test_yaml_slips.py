"""YAML slips in plain text are named for what they are, at the place to change, with the fix:
never parser jargon, never a wrong diagnosis such as "indented differently"."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.source import parse_yaml

HEAD = "blocks:\n  - id: a\n    kind: statement\n"


def _error(text: str) -> str:
    with pytest.raises(DeckgenError) as caught:
        parse_yaml(text, Path("blok.yaml"))
    return str(caught.value)


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("{{ omu }} er med", "{{ is read as a YAML mapping ({ … })"),
        ("{{ omu }}", "{{ is read as a YAML mapping ({ … })"),
        ("*vigtigt* er det", "* is read as a reference to an anchor (*name)"),
        ("&mere til", "& is read as an anchor (&name)"),
        ("& mere til", "& is read as an anchor (&name)"),
        ("@kommune på nettet", "@ must be in quotes in YAML"),
        ("%50 færre møder", "% must be in quotes in YAML"),
        ("`kode`", "` must be in quotes in YAML"),
        ("| og mere", "| starts a block of lines in YAML"),
        ("> og mere", "> starts a block of lines in YAML"),
        ("- punkt", "- is read as a list item"),
        ("?", "? is read as a YAML key"),
        ("[Udkast] Vejen videre", "[ is read as a YAML list ([ … ]), and YAML cannot place"),
        ("{a} og b", "{ is read as a YAML mapping ({ … }), and YAML cannot place"),
    ],
)
def test_text_that_starts_with_yaml_syntax_says_to_quote_it(value, what):
    message = _error(HEAD + f"    text: {value}\n    notes: Noter\n")
    assert message.startswith(f"blok.yaml:4:11: text that starts with {what}")
    start = what.split()[0]
    assert f"— put text that starts with {start} in quotes" in message
    assert "indented" not in message and "token" not in message


def test_an_unclosed_bracket_is_reported_where_it_opens():
    assert _error(HEAD + "    tags: [a, b\n    text: Hej\n") == (
        "blok.yaml:4:11: a '[' opened here is not closed — close it with ']' on the same "
        "line; if the text starts with '[', put the whole text in quotes"
    )
    assert _error(HEAD + "    tags: [a, b\n").startswith("blok.yaml:4:11: a '[' opened here")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opens(quote):
    assert _error(HEAD + f"    text: {quote}Hej med dig\n    notes: Noter\n") == (
        f"blok.yaml:4:11: a quote ({quote}) opened here is never closed — close it at the "
        "end of the text"
    )


def test_text_after_a_closing_quote_says_to_quote_the_whole_text():
    assert _error(HEAD + '    text: "OMU" Børn og Familie\n') == (
        'blok.yaml:4:11: the text in quotes ends at its second ", and YAML cannot place what '
        "follows — put the whole text in single quotes: '\"OMU\" Børn og Familie'"
    )


def test_a_windows_path_in_double_quotes_gets_the_backslash_explained():
    message = _error(HEAD + '    file: "C:\\Users\\mette\\billede.png"\n')
    assert message.startswith("blok.yaml:4:")
    assert "a backslash (\\) in double quotes starts an escape such as \\n" in message
    assert "write paths with forward slashes" in message


def test_ordinary_text_with_these_characters_inside_is_fine():
    doc = parse_yaml(
        HEAD + "    text: Reformer & frisættelse, 50 % og *lidt* @kommune {{ omu }}\n",
        Path("blok.yaml"),
    )
    assert doc.data["blocks"][0]["text"] == (
        "Reformer & frisættelse, 50 % og *lidt* @kommune {{ omu }}"
    )


def test_an_apostrophe_inside_single_quotes_says_to_use_double_quotes():
    assert _error(HEAD + "    text: 'OMU'er i 2025'\n").endswith(
        "blok.yaml:4:11: the text in quotes ends at its second ', and YAML cannot place what "
        "follows — a text that holds ' must be in double quotes: \"OMU'er i 2025\""
    )
    assert _error(HEAD + '    text: "Han sagde "ja" i går"\n').endswith(
        'a text that holds " must be in single quotes: \'Han sagde "ja" i går\''
    )


def test_a_block_of_lines_written_right_is_not_blamed_for_a_slip_below_it():
    message = _error("blocks:\n  - notes: |\n      Tekst\n    id: a\n   kind: statement\n")
    assert message.startswith("blok.yaml:5:4: this line is indented differently")


# Slips that parse: named as warnings, at the line to change, with the fix.


def _slips(text: str) -> list[str]:
    return [str(slip) for slip in parse_yaml(text, Path("blok.yaml")).slips]


def test_text_cut_off_at_a_hash_is_named_with_the_whole_text_in_quotes():
    text = HEAD.replace("statement", "bullets") + (
        "    title: T\n    items:\n      - Åbenhed om fejl #1 – også når det gør ondt\n"
    )
    doc = parse_yaml(text, Path("blok.yaml"))
    assert doc.data["blocks"][0]["items"] == ["Åbenhed om fejl"]  # what YAML makes of it
    assert _slips(text) == [
        "blok.yaml:6:25: the text stops at ' #': YAML reads the rest of the line ('#1 – også "
        "når det gør ondt') as a comment and leaves it out — put the whole text in quotes: "
        '"Åbenhed om fejl #1 – også når det gør ondt"; if the rest is a note for yourself, '
        "put two spaces before the #"
    ]


def test_a_comment_two_spaces_off_and_one_after_quoted_text_are_comments():
    assert _slips(HEAD + "    text: Hej  # a note\n    notes: 'Noter' # also\n") == []


def test_a_list_item_swallowed_by_the_one_above_is_named_at_its_dash():
    text = HEAD.replace("statement", "bullets") + (
        "    title: T\n    items:\n      - Første punkt\n        - Andet punkt\n"
    )
    assert parse_yaml(text, Path("blok.yaml")).data["blocks"][0]["items"] == [
        "Første punkt - Andet punkt"
    ]
    assert _slips(text) == [
        "blok.yaml:7:9: this '- ' line is read as part of the text above, not as an item of its "
        "own: its '-' is further in than the '-' of the item before it — put its '-' in the "
        "same column as the '-' of the items above; a sub-point goes under `items:` of a point "
        "written as `- text: …`"
    ]


def test_a_tab_before_a_field_is_named_as_a_tab_not_as_text_to_quote():
    assert _error(HEAD + "    text: Hej\n\ttags: [a, b]\n") == (
        "blok.yaml:5:1: a tab is used to indent this line — replace the tab before `tags:` with "
        "spaces, so that it lines up with the fields above it (YAML counts spaces, and a tab is "
        "not one)"
    )
