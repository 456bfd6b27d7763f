"""A block id used twice is reported at the newer block, never blamed on the established one.

Rule (no git needed): of two blocks with one id, the one in the file saved last is the
newer; in one file (or files saved at the same moment), the one written later.
"""

from __future__ import annotations

import os

import pytest

from deckgen import api
from deckgen.errors import InvalidInput
from deckgen.library import load_library

OLD = "blocks:\n  - id: vejen-videre\n    kind: statement\n    text: Den gamle\n"
NEW = "blocks:\n  - id: vejen-videre\n    kind: statement\n    text: Kladden\n"
OTHER = "blocks:\n  - id: andet\n    kind: statement\n    text: Andet\n"


def _write(project, old_name, new_name):
    old = project.blocks(OLD, old_name)
    new = project.blocks(NEW, new_name)
    os.utime(old, (1_600_000_000, 1_600_000_000))
    os.utime(new, (1_700_000_000, 1_700_000_000))


@pytest.mark.parametrize(("old_name", "new_name"), [("a.yaml", "b.yaml"), ("b.yaml", "a.yaml")])
def test_the_block_in_the_file_saved_last_is_blamed(project, old_name, new_name):
    _write(project, old_name, new_name)
    library = load_library(project.root / "decks" / "blocks", strict=False)
    [problem] = library.problems
    assert f"/{new_name}:2:5: block id 'vejen-videre' is already used at " in str(problem)
    assert f"{old_name}:2:5" in str(problem)
    assert "(the one there is the older)" in str(problem)
    assert library.get("vejen-videre").raw["text"] == "Den gamle"


def test_in_one_file_the_later_block_is_blamed(project):
    project.blocks(OLD + NEW.removeprefix("blocks:\n"))
    [problem] = load_library(project.root / "decks" / "blocks", strict=False).problems
    assert "/blocks.yaml:5:5: block id 'vejen-videre' is already used at " in str(problem)


def test_a_deck_showing_the_id_is_refused_and_one_that_does_not_builds(project):
    _write(project, "a.yaml", "b.yaml")
    project.blocks(OTHER, "c.yaml")
    project.deck("- vejen-videre\n")
    with pytest.raises(InvalidInput) as refused:
        api.build_deck(project.deck_path, project.output)
    assert "/b.yaml:2:5: block id 'vejen-videre' is already used at " in str(refused.value)
    assert not project.output.exists()
    project.deck("- andet\n")
    result = api.build_deck(project.deck_path, project.output)
    [problem] = result.library_problems
    assert "/b.yaml:2:5: block id 'vejen-videre'" in str(problem)
