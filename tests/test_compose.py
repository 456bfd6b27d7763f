"""Composing a deck: library look-ups, overrides, inline blocks, variables, collected errors."""

import pytest
from conftest import placeholder_text

from deckgen.compose import compose_deck
from deckgen.errors import DeckgenError, InvalidInput

LIBRARY = """
blocks:
  - id: vejen-videre
    kind: bullets
    title: Vejen videre – virkemidler
    items:
      - Direktørerne besøger {{ omu }} den {{ dato }}
    notes: Vi ses igen i {{ sted }}.
"""


def _problems(project, slides, variables="", overrides=None):
    project.blocks(LIBRARY)
    project.deck(slides, variables)
    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path, overrides)
    return [str(p).split("decks/", 1)[-1] for p in caught.value.problems]


def test_variables_fill_text_and_dates_print_the_danish_way(project):
    project.blocks(LIBRARY)
    project.deck("- vejen-videre\n", "sted: Rådhuset\n")
    deck = compose_deck(project.deck_path, {"dato": "2026-01-07"})
    block = deck.slides[0].block
    assert block.items == ["Direktørerne besøger OMU Børn og Familie den 7. januar 2026"]
    assert block.notes == "Vi ses igen i Rådhuset."


def test_unset_variable_names_the_block_file_and_line(project):
    assert _problems(project, "- vejen-videre\n") == [
        "blocks/blocks.yaml:8:5: variable {{ sted }} is not set by the deck deck.yaml"
        " — set it in the deck's `variables:` or with --set sted=…"
    ]


def test_substitution_runs_no_code(project):
    project.blocks(
        """
        blocks:
          - id: ond
            kind: statement
            text: "{{ __import__('os').system('touch pwned') }}"
        """
    )
    project.deck("- ond\n")
    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert "is not set" in str(caught.value)
    assert not (project.root / "pwned").exists()


def test_malformed_date_is_an_error_with_the_allowed_form(project):
    problems = _problems(project, "- vejen-videre\n", "sted: Rådhuset\n", {"dato": "2025-02-30"})
    assert problems == [
        "--set dato: '2025-02-30' is not a real date; write it as 2025-03-12 or 12-03-2025"
    ]


def test_deck_overrides_fields_and_adds_inline_blocks(project):
    project.blocks(LIBRARY)
    project.deck(
        """
        - use: vejen-videre
          title: Sådan kommer vi videre
          notes: Kort version.
        - kind: statement
          id: lokal-pointe
          text: Vi gør det sammen i {{ omu }}
        """,
        "sted: Rådhuset\n",
    )
    slides = project.build().slides
    assert slides[0].shapes.title.text == "Sådan kommer vi videre"
    assert slides[0].notes_slide.notes_text_frame.text == "Kort version."
    assert placeholder_text(slides[1], 0) == "Vi gør det sammen i OMU Børn og Familie"


def test_every_problem_is_reported_at_once_with_suggestions(project):
    problems = _problems(
        project,
        """
        - vejen-vidre
        - use: vejen-videre
          titel: Ny titel
        - kind: bulets
          id: x
        """,
        "sted: Rådhuset\n",
    )
    assert problems[0].startswith("deck.yaml:10:5: slide 1: no block with id 'vejen-vidre' in ")
    assert problems[0].endswith(" — did you mean 'vejen-videre'?")
    assert problems[1:] == [
        "deck.yaml:12:5: slide 2, titel: unknown field 'titel' — the fields have English names: write `title:` instead",
        "deck.yaml:13:5: slide 3: unknown block kind 'bulets' — did you mean 'bullets'?",
    ]


def test_a_deck_cannot_change_a_blocks_kind(project):
    problems = _problems(project, "- use: vejen-videre\n  kind: statement\n", "sted: Rådhuset\n")
    assert problems == [
        "deck.yaml:10:5: slide 1: a deck cannot change a block's 'kind'"
        " — write an inline block instead"
    ]


def test_variable_left_empty_in_the_deck_must_be_set(project):
    problems = _problems(project, "- vejen-videre\n", "sted:\n")
    assert problems == [
        "deck.yaml:7:3: variable 'sted' has no value"
        " — give it one with --set sted=… or in the deck's `variables:`"
    ]


def test_duplicate_block_ids_across_files_name_both_places(project):
    project.blocks(LIBRARY, "a.yaml")
    project.blocks(LIBRARY, "b.yaml")
    project.deck("- vejen-videre\n", "sted: x\n")
    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    message = str(caught.value)
    assert "b.yaml:3:5: block id 'vejen-videre' is already used at" in message
    assert "a.yaml:3:5" in message


def test_control_character_in_a_set_value_is_an_error_not_a_crash(project):
    problems = _problems(project, "- vejen-videre\n", "sted: Rådhuset\n", {"omu": "A\x01B"})
    assert problems == [
        "--set omu: contains the control character U+0001 at position 2, which a slide cannot"
        " hold; delete it"
    ]


def test_a_block_used_twice_reports_its_problem_once(project):
    assert _problems(project, "- vejen-videre\n- vejen-videre\n") == [
        "blocks/blocks.yaml:8:5: variable {{ sted }} is not set by the deck deck.yaml"
        " — set it in the deck's `variables:` or with --set sted=…"
    ]


def test_an_override_that_breaks_a_rule_across_fields_is_blamed_on_the_deck(project):
    project.blocks(
        """
        blocks:
          - id: vision
            kind: vision
            headline: Sammen skaber vi livskvalitet
            layers: [Det gode samarbejde]
        """
    )
    project.deck("- use: vision\n  layers: []\n")
    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert all("deck.yaml:" in str(p) for p in caught.value.problems), str(caught.value)


def test_a_deck_of_inline_blocks_needs_no_library(project):
    (project.root / "decks" / "blocks").rmdir()
    project.deck("- id: hej\n  kind: statement\n  text: Hej {{ omu }}\n")
    assert compose_deck(project.deck_path).slides[0].block.text == "Hej OMU Børn og Familie"


def test_a_missing_library_is_reported_at_the_deck_line(project):
    project.deck("- vejen-videre\n", extra_meta="library: blokke\n")
    with pytest.raises(DeckgenError) as caught:
        compose_deck(project.deck_path)
    assert "deck.yaml:4:3: the block library folder " in str(caught.value)
    assert "blokke is not there" in str(caught.value)


def test_danish_written_dates_print_the_danish_way_and_must_exist(project):
    project.blocks(LIBRARY)
    project.deck("- vejen-videre\n", "sted: Rådhuset\n")
    deck = compose_deck(project.deck_path, {"dato": "01-04-2025"})
    assert deck.slides[0].block.items == [
        "Direktørerne besøger OMU Børn og Familie den 1. april 2025"
    ]
    problems = _problems(project, "- vejen-videre\n", "sted: Rådhuset\n", {"dato": "31.02.2025"})
    assert problems == [
        "--set dato: '31.02.2025' is not a real date; write it as 2025-03-12 or 12-03-2025"
    ]


def test_a_placeholder_not_closed_is_an_error_at_its_line(project):
    project.blocks(
        """
        blocks:
          - id: forside
            kind: title
            title: Dialogmøde
            subtitle: "Tema for {{ omu }} og {{ dato }"
        """
    )
    project.deck("- forside\n")
    with pytest.raises(InvalidInput) as caught:
        compose_deck(project.deck_path)
    assert str(caught.value).endswith(
        "blocks.yaml:6:5: a placeholder is not closed: …{ omu }} og {{ dato }… — write variables as"
        " {{ name }}, with two braces on each side"
    )


def test_a_broken_block_file_does_not_make_its_blocks_look_missing(project):
    project.blocks(LIBRARY.replace("    kind: bullets\n", "    kind: bullets\n     title: x\n"))
    project.deck("- vejen-videre\n", "sted: Rådhuset\n")
    with pytest.raises(DeckgenError) as caught:
        compose_deck(project.deck_path)
    assert "YAML cannot place the ':' on this line" in str(caught.value)
    assert "no block with id" not in str(caught.value)
