"""Every layout role a block kind needs is checked when the theme is read: a role the theme
does not map is a located error that names the role and the template's layouts."""

from typing import ClassVar

import pytest
from conftest import DEFAULT_THEME, REPO

import deckgen.blocks.registry as registry
from deckgen.blocks.base import BlockBase
from deckgen.errors import InvalidInput
from deckgen.theme import load_theme

LAYOUTS = (
    "'Titeldias', 'Titel og indhold', 'Afsnitsoverskrift', 'Udsagn', 'Kun titel', "
    "'Billede med billedtekst', 'Tom', 'Afslutning'"
)


class Quiz(BlockBase, tag="quiz", kw_only=True):
    """A kind that needs a layout role no theme maps yet."""

    question: str = ""

    layout_role: ClassVar[str] = "quiz"


def _theme_without(tmp_path, line):
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "kommune.pptx").write_bytes((DEFAULT_THEME.parent / "kommune.pptx").read_bytes())
    text = DEFAULT_THEME.read_text(encoding="utf-8").replace(
        "../fonts/", f"{REPO}/deckgen/data/fonts/"
    )
    text = text.replace("logo: logo.png\n", "").replace(line, "")
    path = folder / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_role_the_theme_leaves_out_is_named_with_the_template_s_layouts(tmp_path):
    theme = _theme_without(tmp_path, "  picture: Billede med billedtekst\n")
    with pytest.raises(InvalidInput) as caught:
        load_theme(theme)
    [problem] = caught.value.problems
    assert str(problem) == (
        f"{theme}:5:1: layouts: no layout named for role 'picture' — add `picture:` under "
        f"`layouts:` with one of the template's layouts: {LAYOUTS}"
    )


def test_a_new_kind_s_role_is_checked_against_the_theme_when_it_is_read(monkeypatch):
    monkeypatch.setattr(registry, "BLOCK_KINDS", (*registry.BLOCK_KINDS, Quiz))
    with pytest.raises(InvalidInput) as caught:
        load_theme(DEFAULT_THEME)
    [problem] = caught.value.problems
    assert problem.location.file == DEFAULT_THEME
    assert problem.location.line == 5  # `layouts:`
    assert problem.message == "layouts: no layout named for role 'quiz'"
    assert LAYOUTS in problem.hint
