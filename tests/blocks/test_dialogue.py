"""Dialogue questions for the room."""

from conftest import placeholder_text


def test_dialogue_shows_label_question_minutes_and_source(project):
    slide = project.render_one(
        """
        - id: dialog
          kind: dialogue
          question: Hvad giver umiddelbart mening og hvad kan være svært?
          source: Ukon
          minutes: 15
        """
    )
    assert slide.slide_layout.name == "Udsagn"
    assert slide.shapes.title.text == (
        "Dialog: Hvad giver umiddelbart mening og hvad kan være svært?"
    )
    assert placeholder_text(slide, 1) == "Ca. 15 minutter\nKilde: Ukon"


def test_minutes_must_be_a_whole_number(project):
    import pytest

    from deckgen.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        project.render_one(
            """
            - id: dialog
              kind: dialogue
              question: Hvad nu?
              minutes: et kvarter
            """
        )
    assert (
        "blocks.yaml:6:5: block 'dialog', minutes: 'et kvarter' is not a whole number — write a number such as 15"
        in str(caught.value)
    )
