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
        "4:5: block 'a', text: is empty — write a value, or remove the line"
    ]


def test_empty_required_list_asks_for_items(project):
    assert _messages(
        project, "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items: []\n"
    ) == ["5:5: block 'a', items: needs at least 1 item — add items under it"]


def test_mistake_in_a_sub_point_gives_one_message_with_the_point_fields(project):
    text = "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items:\n      - txt: B\n        items: [C]\n"
    assert _messages(project, text) == [
        "6:9: block 'a', item 1, txt: unknown field 'txt' — did you mean 'text'?",
    ]


def test_text_with_an_unquoted_colon_in_a_list_gets_one_message(project):
    text = "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items:\n      - Indsats i to spor: Kommunikation\n"
    assert _messages(project, text) == [
        "6:9: block 'a', item 1, Indsats i to spor: YAML read 'Indsats i to spor' as a field name"
        " because of the ': ' after it — put the whole text in quotes: \"like: this\"",
    ]


def test_a_field_of_another_kind_lists_the_fields_allowed_here(project):
    text = "blocks:\n  - id: a\n    kind: bullets\n    title: T\n    items:\n      - text: B\n        detail: C\n"
    assert _messages(project, text) == [
        "7:9: block 'a', item 1, detail: unknown field 'detail' — the fields allowed here: items, text",
    ]


def test_a_list_written_as_text_and_a_wrong_choice_say_what_to_write(project):
    text = (
        "blocks:\n  - id: a\n    kind: statement\n    text: T\n    tags: vejen, afslutning\n"
        "  - id: b\n    kind: image\n    title: B\n    file: x.png\n    alt_text: x\n    mode: stretch\n"
    )
    assert _messages(project, text) == [
        "5:5: block 'a', tags: expected a list here — write it as [a, b] or as one `- item` per line under it",
        "11:5: block 'b', mode: 'stretch' is not one of the choices — write one of: fit or fill",
    ]


def test_a_null_slide_is_empty(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n-\n")
    from deckgen.compose import compose_deck

    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert str(caught.value).endswith(
        "deck.yaml:9:4: slide 2: is empty — write a value, or remove the line"
    )


def test_an_indented_slide_line_is_named_as_such(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n  - b\n")
    from deckgen.compose import compose_deck

    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert str(caught.value).endswith(
        "deck.yaml:8:5: slide 1: 'a - b' reads as ids run together: a '- ' line is indented under"
        " the one above — put every `- id` of the list in the same column"
    )


def test_every_mistake_in_a_file_is_reported_at_once_each_on_its_own_line(project):
    text = (
        "blocks:\n"
        "  - id: a\n    kind: dialogue\n    question: Q\n    minutes: ti\n"
        "  - id: b\n    kind: dialogue\n    question: Q\n    minutes: 500\n"
        "  - id: c\n    kind: image\n    title: B\n    file: x.png\n    decorative: måske\n"
        "  - id: d\n    kind: principles\n    title: P\n    items:\n"
        "      - text: a\n        note: b\n      - 5\n"
        "  - id: e\n    kind: call_to_action\n    title: L\n    link: http://example.dk\n"
    )
    assert _messages(project, text) == [
        "5:5: block 'a', minutes: 'ti' is not a whole number — write a number such as 15",
        "9:5: block 'b', minutes: 500 is out of range — it must be less than or equal to 240",
        "14:5: block 'c', decorative: 'måske' is not yes or no — write true or false",
        "20:9: block 'd', item 1, note: unknown field 'note' — the fields allowed here: detail, text",
        "21:9: block 'd', item 2: expected fields (`name: value` lines) here — indent the fields"
        " under this line",
        "25:5: block 'e', link: 'http://example.dk' is not a link deckgen puts on a slide (http:);"
        " write a full https://… address or mailto:name@example.dk",
    ]


def test_a_rule_across_fields_is_reported_at_the_block(project):
    text = "blocks:\n  - id: a\n    kind: vision\n    title: V\n    sides: [x]\n    centre: ''\n"
    assert _messages(project, text) == [
        "2:5: block 'a': a vision needs `layers`, a `centre`, or both, to draw"
    ]


def test_text_is_trimmed_and_a_control_character_is_named_by_position(project):
    text = 'blocks:\n  - id: a\n    kind: statement\n    text: "  Hej\\u0007  "\n'
    assert _messages(project, text) == [
        "4:5: block 'a', text: contains the control character U+0007 at position 4, which a slide"
        " cannot hold; delete it"
    ]
    path = project.blocks('blocks:\n  - id: a\n    kind: statement\n    text: "  Hej  "\n')
    blocks, problems, _ = read_block_file(path)
    assert problems == [] and blocks[0].block.text == "Hej"


def test_a_deck_reports_its_own_fields_and_its_slides_together(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: T\n")
    deck = project.deck_path
    deck.write_text(
        "deck:\n  title: T\n  keywords: x\nvariables:\n  bad name: v\nslides:\n  - a\n  - A\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        project.build()
    *lines, total = [line.split("deck.yaml:", 1)[-1] for line in str(caught.value).splitlines()]
    assert lines == [
        "3:3: deck.keywords: expected a list here — write it as [a, b] or as one `- item` per"
        " line under it",
        "5:3: variables.bad name: 'bad name' is not allowed here — a variable's name is letters,"
        " digits and '_', e.g. `dato` or `omu_navn`",
        "8:5: slide 2: 'A' is not allowed here — use lower-case letters, digits, '-' and '_'"
        " only, e.g. `vejen-videre`",
    ]
    assert total == "3 errors."
    assert not project.output.exists()


def test_a_link_that_is_not_text_says_so(project):
    text = (
        "blocks:\n  - id: a\n    kind: call_to_action\n    title: L\n    link: [https://a.dk]\n"
        "  - id: b\n    kind: call_to_action\n    title: L\n    link:\n"
        "  - id: c\n    kind: call_to_action\n    title: L\n    link: ''\n"
    )
    assert _messages(project, text) == [
        "5:5: block 'a', link: expected text, not list — write the text",
        "9:5: block 'b', link: is empty — write a value, or remove the line",
        "13:5: block 'c', link: must not be empty; write the link, or remove the field",
    ]


def test_yes_and_no_as_people_write_them_and_zero_padded_numbers_are_read(project):
    text = (
        "blocks:\n  - id: a\n    kind: dialogue\n    question: Q\n    minutes: '05'\n"
        "  - id: b\n    kind: image\n    title: B\n    file: x.png\n    decorative: ja\n"
        "  - id: c\n    kind: image\n    title: B\n    file: x.png\n    decorative: No\n"
        "    alt_text: Et billede\n"
    )
    blocks, problems, _ = read_block_file(project.blocks(text))
    assert problems == []
    assert [getattr(entry.block, "minutes", None) for entry in blocks] == [5, None, None]
    assert [getattr(entry.block, "decorative", None) for entry in blocks] == [None, True, False]


def test_a_wrong_value_is_reported_once_even_with_a_control_character_in_it(project):
    text = (
        'blocks:\n  - id: "a\\u0001"\n    kind: statement\n    text: T\n'
        '  - id: b\n    kind: "statement\\u0001"\n    text: T\n'
        "  - id: c\n    kind: [statement]\n    text: T\n"
        "  - hello\n"
    )
    assert _messages(project, text) == [
        "2:5: block 'a\\x01', id: contains the control character U+0001 at position 2, which a slide"
        " cannot hold; delete it",
        "6:5: block 'b', kind: contains the control character U+0001 at position 10, which a"
        " slide cannot hold; delete it",
        "9:5: block 'c': unknown block kind \"['statement']\" — did you mean 'statement'?",
        "11:5: block 4: expected fields (`name: value` lines) here — indent the fields under"
        " this line",
    ]


def test_a_control_character_in_one_slide_hides_no_other_slide_s_problem(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: T\n")
    project.deck('- nope\n- use: a\n  text: "a\\u0001"\n')
    with pytest.raises(InvalidInput) as caught:
        project.build()
    message = str(caught.value)
    assert "slide 1: no block with id 'nope'" in message
    assert "text: contains the control character U+0001" in message
