"""Library and paths stay in the project, and a path is relative to the file that wrote it."""

from __future__ import annotations

import pytest
from pictures import photo_like, save_png

from deckgen import api
from deckgen.errors import DeckgenError

IMAGE_BLOCK = (
    "blocks:\n  - id: billede\n    kind: image\n    title: Billede\n"
    "    file: fra-biblioteket.png\n    alt_text: Et billede\n"
)


@pytest.mark.parametrize("library", ["/", "../..", "/etc"])
def test_a_library_outside_the_project_is_refused_at_its_line(project, library):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n", extra_meta=f"library: {library}\n")
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output)
    assert f"deck.yaml:4:3: the block library {library!r} is outside the project" in str(
        caught.value
    )
    assert not project.output.exists()


def test_a_library_linked_out_of_the_project_is_refused(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project.root / "decks" / "ude").symlink_to(elsewhere)
    project.deck("- a\n", extra_meta="library: ude\n")
    with pytest.raises(DeckgenError, match="the block library 'ude' is outside the project"):
        api.build_deck(project.deck_path, project.output)


def test_an_overridden_file_is_relative_to_the_deck_that_wrote_it(project):
    blocks = project.root / "decks" / "blocks"
    save_png(blocks / "fra-biblioteket.png", photo_like(300, 200))
    save_png(project.root / "decks" / "eget.png", photo_like(200, 300))
    project.blocks(IMAGE_BLOCK)
    project.deck("- use: billede\n  file: eget.png\n")
    slide = project.build().slides[0]
    (picture,) = [shape for shape in slide.shapes if hasattr(shape, "image")]
    assert picture.image.size == (200, 300)


def test_an_overridden_file_that_is_missing_is_looked_for_beside_the_deck(project):
    save_png(project.root / "decks" / "blocks" / "fra-biblioteket.png", photo_like(300, 200))
    project.blocks(IMAGE_BLOCK)
    project.deck("- use: billede\n  file: mangler.png\n")
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output)
    message = str(caught.value)
    assert "deck.yaml:" in message
    assert f"looked for {(project.root / 'decks' / 'mangler.png').resolve()}" in message
    assert "the path is relative to this YAML file" in message
