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
        "6:9: blocks[0].items[0].txt: unknown field 'txt' — did you mean 'text'?",
    ]


def test_text_with_an_unquoted_colon_in_a_list_gets_one_message(project):
    text = "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items:\n      - Indsats i to spor: Kommunikation\n"
    assert _messages(project, text) == [
        "6:9: blocks[0].items[0].Indsats i to spor: YAML read 'Indsats i to spor' as a field name"
        " because of the ': ' after it — put the whole text in quotes: \"like: this\"",
    ]


def test_a_field_of_another_kind_lists_the_fields_allowed_here(project):
    text = "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items:\n      - text: B\n        detail: C\n"
    assert _messages(project, text) == [
        "7:9: blocks[0].items[0].detail: unknown field 'detail' — allowed here: items, text",
    ]


def test_a_list_written_as_text_and_a_wrong_choice_say_what_to_write(project):
    text = (
        "blocks:\n  - id: a\n    kind: statement\n    text: T\n    tags: vejen, afslutning\n"
        "  - id: b\n    kind: image\n    title: B\n    file: x.png\n    alt_text: x\n    mode: stretch\n"
    )
    assert _messages(project, text) == [
        "5:5: blocks[0].tags: expected a list here — write it as [a, b] or as one `- item` per line under it",
        "11:5: blocks[1].mode: 'stretch' is not one of the choices — write one of: fit or fill",
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


def test_an_indented_slide_line_is_named_as_such(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n  - b\n")
    from deckgen.compose import compose_deck

    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert str(caught.value).endswith(
        "deck.yaml:8:5: slides[0]: 'a - b' reads as ids run together: a '- ' line is indented under"
        " the one above — put every `- id` of the list in the same column"
    )
