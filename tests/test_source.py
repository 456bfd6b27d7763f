"""The YAML loader: safe, text stays text, and every error names file, line and column."""

from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.source import parse_yaml, read_yaml

HERE = Path("blok.yaml")


def _error(text: str) -> str:
    with pytest.raises(DeckgenError) as caught:
        parse_yaml(text, HERE)
    return str(caught.value)


def test_scalars_stay_text_exactly_as_written():
    data = parse_yaml(
        "a: NO\nb: yes\nc: 10:30\nd: 0700\ne: 3.10\nf: on\ng: 2025-03-12\n", HERE
    ).data
    assert data == {
        "a": "NO",
        "b": "yes",
        "c": "10:30",
        "d": "0700",
        "e": "3.10",
        "f": "on",
        "g": "2025-03-12",
    }


def test_locations_point_at_each_value():
    doc = parse_yaml("blocks:\n  - id: a\n    items:\n      - første\n      - anden\n", HERE)
    assert str(doc.locate(["blocks", 0, "items", 1])) == "blok.yaml:5:9"


def test_duplicate_key_names_both_lines():
    assert _error("title: a\nnotes: b\ntitle: c\n") == (
        "blok.yaml:3:1: duplicate key 'title' (first at line 1) — remove one of them"
    )


def test_aliases_are_refused_so_an_alias_bomb_fails_at_once():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    message = _error(bomb)
    # Refused at the first anchor, before any alias could refer to it.
    assert message.startswith("blok.yaml:1:4: text that starts with & is read as an anchor")


def test_merge_keys_are_refused():
    assert "merge keys (<<) are not allowed" in _error("a:\n  <<: {b: 1}\n")


def test_tags_never_construct_objects():
    message = _error("a: !!python/object/apply:os.system ['echo pwned']\n")
    assert message.startswith("blok.yaml:1:4: YAML tag")
    assert "is not allowed" in message


def test_tab_indentation_says_to_use_spaces():
    assert _error("blocks:\n\t- id: a\n") == (
        "blok.yaml:2:1: a tab is used to indent this line — replace the tab before `- id:` with"
        " spaces, so that it lines up with the fields above it (YAML counts spaces, and a tab is"
        " not one)"
    )
    assert _error("blocks:\n\t\n  - x\n").endswith(
        "a tab is used to indent this line — indent with spaces, not tabs: YAML counts spaces,"
        " and a tab is not one"
    )


def test_unquoted_colon_gets_a_quoting_hint():
    assert _error("title: Dialog: hvad nu?\n") == (
        "blok.yaml:1:14: YAML cannot place the ':' on this line"
        ' — text that contains ": " must be in quotes; otherwise line this line up with the one above'
    )


def test_indentation_slips_are_named_in_plain_words():
    assert _error("a:\n  b: 1\n c: 2\n") == (
        "blok.yaml:3:2: this line is indented differently from the lines around it"
        " — line it up with the other fields or list items at its level"
    )
    assert _error('a: "abc\n') == (
        'blok.yaml:1:4: a quote (") opened here is never closed — close it at the end of the text'
    )


def test_windows_1252_file_is_named_with_the_bad_byte(tmp_path):
    path = tmp_path / "cp1252.yaml"
    path.write_bytes("title: Dialogmøde\n".encode("cp1252"))
    with pytest.raises(DeckgenError) as caught:
        read_yaml(path)
    assert str(caught.value).endswith(
        "cp1252.yaml:1:15: not UTF-8 text (byte 0xf8) — save the file as UTF-8 "
        "(in Notepad: Save as… → Encoding: UTF-8)"
    )


def test_empty_file_and_folder_and_missing_file(tmp_path):
    empty = tmp_path / "tom.yaml"
    empty.write_text("# kun en kommentar\n", encoding="utf-8")
    for path, expected in [
        (empty, "tom.yaml:1:1: the file is empty"),
        (tmp_path, "is a folder, not a YAML file"),
        (tmp_path / "findes-ikke.yaml", "findes-ikke.yaml: file not found — check the path"),
    ]:
        with pytest.raises(DeckgenError) as caught:
            read_yaml(path)
        assert expected in str(caught.value)


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * (2 * 1024 * 1024))
    with pytest.raises(DeckgenError, match="the most deckgen reads in a YAML file"):
        read_yaml(path)


def test_control_characters_are_refused_with_their_place():
    assert _error("title: ok\nnotes: bell\x07\n") == (
        "blok.yaml:2:12: the control character U+0007 cannot stand in a slide"
        " — delete it (it often comes from copying text out of another program)"
    )


def test_devices_and_pipes_are_refused_without_reading_them():
    with pytest.raises(DeckgenError) as caught:
        read_yaml(Path("/dev/zero"))
    assert str(caught.value) == "/dev/zero: is a device, not a regular file — name a .yaml file"


def test_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "notepad.yaml"
    path.write_bytes("title: Dialogmøde\n".encode("utf-16"))
    with pytest.raises(DeckgenError) as caught:
        read_yaml(path)
    assert str(caught.value).endswith(
        "notepad.yaml:1:1: the file is saved as UTF-16 (Notepad calls it 'Unicode')"
        " — save it as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"
    )


def test_runaway_nesting_is_an_error_not_a_crash():
    message = _error("slides: " + "[" * 5000 + "]" * 5000 + "\n")
    assert message.startswith("blok.yaml:1:1: the YAML is nested too deeply")
