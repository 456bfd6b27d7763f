"""Sizes are bounded after variables are filled in, not only before: each limit is a located
error in words, and nothing huge is ever built in memory."""

from __future__ import annotations

import resource

import pytest
from click.testing import CliRunner
from test_new import ANSWERS, _new

from deckgen import api
from deckgen.cli import main
from deckgen.errors import DeckgenError
from deckgen.limits import MAX_DECK_CHARS, MAX_FIELD_CHARS
from deckgen.measure import text_width_pt, wrapped_lines


def _error(project, **kwargs) -> str:
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output, **kwargs)
    assert not project.output.exists()
    return str(caught.value)


def test_a_variable_used_thousands_of_times_is_refused_before_it_grows(project):
    # 440 KB of deck that would fill in to gigabytes.
    uses = "{{ lang }} " * 40_000
    project.blocks(f"blocks:\n  - id: a\n    kind: statement\n    text: '{uses}'\n")
    project.deck("- a\n", variables=f"lang: {'x' * 19_000}\n")
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = _error(project)
    assert "blocks.yaml:4:5: this text is 760," in message
    assert (
        f"characters long once its variables are filled in; a text may hold at most {MAX_FIELD_CHARS:,}"
        in message
    )
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < 200


def test_a_deck_whose_texts_add_up_past_the_limit_is_refused_at_the_field_where_they_do(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: '{{ lang }}'\n")
    slides = "- a\n" * (MAX_DECK_CHARS // 15_000 + 2)
    project.deck(slides, variables=f"lang: {'x' * 15_000}\n")
    message = _error(project)
    assert message.endswith(
        f"blocks.yaml:4:5: the deck's texts pass {MAX_DECK_CHARS:,} characters here, once "
        "variables are filled in — use fewer slides, shorter texts, or a variable in fewer places"
    )


def test_a_text_too_long_for_a_field_is_a_located_error(project):
    project.blocks(f"blocks:\n  - id: a\n    kind: statement\n    text: {'ord ' * 250_001}\n")
    project.deck("- a\n")
    assert "blocks.yaml:4:5: this text is 1,000,003 characters long; a text may hold at most" in (
        _error(project)
    )


def test_a_set_value_too_long_is_refused_by_name(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: '{{ omu }}'\n")
    project.deck("- a\n")
    message = _error(project, variables={"omu": "x" * (MAX_FIELD_CHARS + 1)})
    assert f"--set omu is {MAX_FIELD_CHARS + 1:,} characters long; a value may hold at most" in (
        message
    )


@pytest.mark.parametrize("length", [300_000, 1_000_001])
def test_measuring_a_very_long_line_neither_crashes_nor_overflows(length):
    from conftest import REPO

    font = REPO / "deckgen" / "data" / "fonts" / "Carlito-Regular.ttf"
    text = "x" * length
    width = text_width_pt(text, font, 18)
    assert width > text_width_pt("x" * 1000, font, 18) * (length / 1000) * 0.99
    assert wrapped_lines(" ".join([text[:1000]] * 3), 500, font, 18) > 3


def test_a_huge_whole_number_is_an_error_not_a_crash(project):
    project.blocks(
        "blocks:\n  - id: d\n    kind: dialogue\n    question: Hvad?\n"
        f"    minutes: {'9' * 4400}\n  - id: e\n    kind: dialogue\n    question: Hvad?\n"
        f"    minutes: '{'0' * 4400}5'\n"
    )
    project.deck("- d\n- e\n")
    message = _error(project)
    assert "blocks.yaml:5:5: block 'd', minutes: '99999999" in message
    assert "(4,400 characters) is not a whole number — write a number such as 15" in message
    project.blocks(
        f"blocks:\n  - id: e\n    kind: dialogue\n    question: Hvad?\n    minutes: '{'0' * 4400}5'\n"
    )
    project.deck("- e\n")
    assert project.build().slides  # zero-padded, it is just 5


def test_a_long_committee_name_is_an_error_at_the_set_value_and_at_the_schedule_row(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n", extra_meta="subject: 'Dialog med {{ omu }}'\n")
    message = _error(project, variables={"omu": "Udvalget " * 40})
    assert message == (
        "--set omu: the deck's subject is 370 characters long once filled in; a document "
        "property holds at most 255 — shorten the value of {{ omu }}, or use it in the slides only"
    )
    project.deck("- a\n", extra_meta=f"subject: '{'Dialog ' * 40}'\n")
    assert "deck.yaml:4:3: the deck's subject is 279 characters long; a document" in _error(project)


def test_a_long_committee_name_in_a_tour_row_and_in_new(sample_copy):
    from sample_project import write_schedule

    name = "OMU " + "Børn og Familie " * 17
    register = sample_copy / "decks" / "tour" / "udvalg.yaml"
    register.write_text(
        register.read_text(encoding="utf-8") + f"  - {name}\n", encoding="utf-8"
    )  # a name the register takes, but the title cannot
    schedule = write_schedule(sample_copy, f"2025-03-12;Mette Holm;{name};;;;\n")
    result = CliRunner().invoke(main, ["tour", str(schedule), "-o", "out"])
    assert result.exit_code == 1
    assert "besoeg.csv:2: {{ omu }}: the deck's title is" in result.output
    assert "a bug in deckgen" not in result.output
    answers = list(ANSWERS)
    answers[1] = name
    result = _new(answers)
    assert result.exit_code == 1
    assert "præsentationens title er" in result.output
    assert not (sample_copy / "decks" / "visits").exists()


def test_a_deck_of_too_many_slides_and_a_catalogue_of_too_many_blocks_are_refused(project):
    from deckgen.models import MAX_SLIDES

    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n" * (MAX_SLIDES + 1))
    assert f"deck.yaml:7:1: slides: has more than {MAX_SLIDES} items" in _error(project)
    many = "".join(f"  - {{id: b{n}, kind: section, title: x}}\n" for n in range(MAX_SLIDES + 1))
    library = project.blocks("blocks:\n" + many).parent
    with pytest.raises(DeckgenError) as caught:
        api.make_catalogue(project.root / "site", library)
    assert f"the library has {MAX_SLIDES + 1:,} blocks; the catalogue shows at most" in str(
        caught.value
    )
    assert not (project.root / "site").exists()


def test_a_huge_field_name_or_column_is_shown_shortened_in_the_message(project, tmp_path):
    from deckgen.tour.schedule import load_schedule

    project.blocks(f"blocks:\n  - id: a\n    kind: statement\n    text: Hej\n    {'x' * 1000}: 1\n")
    project.deck("- a\n")
    message = _error(project)
    assert "unknown field 'xxxx" in message and "(1,000 characters)" in message
    assert len(message) < 1000
    schedule = tmp_path / "besoeg.csv"
    schedule.write_text(f"dato;direktør;udvalg;{'y' * 500_000}\n", encoding="utf-8")
    with pytest.raises(DeckgenError) as caught:
        load_schedule(schedule)
    assert "(500,000 characters) (column 4)" in str(caught.value)
    assert len(str(caught.value)) < 1000


def test_a_block_too_long_for_any_deck_is_listed_not_drawn_in_the_catalogue(project):
    from deckgen.preview.catalogue import catalogue_deck
    from deckgen.theme import load_theme

    library = project.blocks(
        "blocks:\n  - {id: a, kind: statement, text: Hej}\n"
        f"  - id: b\n    kind: statement\n    text: {'ord ' * 6000}\n"
    ).parent
    deck, problems = catalogue_deck(library, load_theme())
    assert [slide.block.id for slide in deck.slides] == ["a"]
    assert [str(p).split("blocks.yaml:")[1] for p in problems] == [
        "5:5: this text is 23,999 characters long; a text may hold at most 20,000 — shorten "
        "it; a slide shows a few lines, and long notes belong in a document"
    ]
