"""Validation messages: one clear message per mistake, in the words of someone writing YAML."""

import pytest

from deckgen.errors import InvalidInput
from deckgen.library import read_block_file


def _messages(project, text):
    path = project.blocks(text)
    _, problems, _ = read_block_file(path)
    return [str(p).split("blocks.yaml:", 1)[1] for p in problems]


def test_empty_value_says_it_is_empty(project):
    assert _messages(project, "blocks:\n  - id: a\n    kind: statement\n    text:\n") == [
        "4:5: blocks[0].text: is empty — write a value, or remove the line"
    ]


def test_empty_required_list_asks_for_items(project):
    assert _messages(
        project, "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items: []\n"
    ) == ["5:5: blocks[0].items: needs at least 1 item — add items under it"]


def test_mistake_in_a_sub_point_gives_one_message_with_the_point_fields(project):
    text = "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items:\n      - txt: B\n        items: [C]\n"
    assert _messages(project, text) == [
        "6:9: blocks[0].items[0].text: required field 'text' is missing — add `text: …`",
        "6:9: blocks[0].items[0].txt: unknown field 'txt' — did you mean 'text'?",
    ]


def test_a_null_slide_is_empty(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n-\n")
    from deckgen.compose import compose_deck

    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert str(caught.value).endswith(
        "deck.yaml:9:4: slides[1]: is empty — write a value, or remove the line"
    )
