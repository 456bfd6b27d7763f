"""A theme is checked against its template when it is read (build, validate): the master it
names, each role's layout on it, and the placeholders each role's blocks fill — every problem
at its line in the theme, with a did-you-mean among the template's names."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import DEFAULT_THEME, REPO, SAMPLE_PROJECT
from templates import (  # noqa: F401  (fixtures)
    foreign_templates,
    placeholder_texts,
    theme_for,
    two_masters,
)

from deckgen import api
from deckgen.cli import main
from deckgen.errors import InvalidInput
from deckgen.theme import load_theme

OFFICE_LAYOUTS = {
    "title": "Title Slide",
    "section": "Section Header",
    "statement": "Title Slide",
    "content": "Title and Content",
    "title_only": "Title Only",
    "picture": "Picture with Caption",
    "closing": "Title and Content",
}


def _problems(theme_path):
    with pytest.raises(InvalidInput) as caught:
        load_theme(theme_path)
    return [str(problem) for problem in caught.value.problems]


def _line_of(path, text):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.fixture
def two_master_template(foreign_templates, tmp_path):  # noqa: F811
    return two_masters(foreign_templates["pptx"], tmp_path)


def test_a_layout_name_on_two_masters_is_an_error_naming_both(two_master_template, tmp_path):
    theme = theme_for(two_master_template, OFFICE_LAYOUTS, tmp_path)
    problems = _problems(theme)
    line = _line_of(theme, "title: 'Title Slide'")
    assert problems[0] == (
        f"{theme}:{line}:3: layouts.title: 2 masters have a layout named 'Title Slide': "
        "1 'Office Theme', 2 'Fokus' — say which in the theme: `master: 1` "
        "(or `master: Office Theme`)"
    )
    assert len(problems) == len(OFFICE_LAYOUTS)


@pytest.mark.parametrize("master", ["2", "Fokus"])
def test_the_theme_names_the_master_and_slides_land_on_it(project, two_master_template, master):
    theme = theme_for(
        two_master_template, OFFICE_LAYOUTS, project.root, extra=f"master: {master}\n"
    )
    project.blocks(
        """
        blocks:
          - id: forside
            kind: title
            title: Dialogmøde
            subtitle: Styrket aktørskab
          - id: punkter
            kind: bullets
            title: Vejen videre
            items: [Første punkt]
        """
    )
    project.deck("- forside\n- punkter\n", theme=theme)
    prs = project.build()
    second = prs.slide_masters[1]
    assert [slide.slide_layout.slide_master for slide in prs.slides] == [second, second]
    assert [slide.slide_layout.name for slide in prs.slides] == ["Title Slide", "Title and Content"]
    assert placeholder_texts(prs.slides[0]) == {
        "ctrTitle": "Dialogmøde",
        "subTitle": "Styrket aktørskab",
    }


def test_an_unknown_master_lists_the_template_s_masters(two_master_template, tmp_path):
    theme = theme_for(two_master_template, OFFICE_LAYOUTS, tmp_path, extra="master: Focus\n")
    assert _problems(theme) == [
        f"{theme}:3:1: master: the template {two_master_template.name} has no master 'Focus'; "
        "it has: 1 'Office Theme', 2 'Fokus' — did you mean 'Fokus'?"
    ]


def test_a_danish_name_on_an_english_template_suggests_the_english_one(
    foreign_templates,  # noqa: F811
    tmp_path,
):
    layouts = {**OFFICE_LAYOUTS, "title": "Titeldias", "section": "Sektionsoverskrift"}
    theme = theme_for(foreign_templates["potx"], layouts, tmp_path)
    problems = _problems(theme)
    assert problems[0].endswith("— did you mean 'Title Slide'?")
    assert (
        "layouts.title: the template python-pptx.potx has no layout named 'Titeldias'; it has: "
        "'Title Slide', 'Title and Content', 'Section Header'" in problems[0]
    )
    assert problems[1].endswith("— did you mean 'Section Header'?")


def test_the_danish_powerpoint_name_suggests_our_template_s_name(tmp_path):
    text = DEFAULT_THEME.read_text(encoding="utf-8")
    text = text.replace("section: Afsnitsoverskrift", "section: Sektionsoverskrift")
    text = text.replace("../fonts/", f"{REPO}/deckgen/data/fonts/").replace("logo: logo.png\n", "")
    text = text.replace("template: kommune.pptx", f"template: {DEFAULT_THEME.parent}/kommune.pptx")
    theme = tmp_path / "theme.yaml"
    theme.write_text(text, encoding="utf-8")
    (problem,) = _problems(theme)
    line = _line_of(theme, "section: Sektionsoverskrift")
    assert problem.startswith(f"{theme}:{line}:3: layouts.section: the template kommune.pptx ")
    assert problem.endswith("— did you mean 'Afsnitsoverskrift'?")


def test_a_layout_without_the_placeholders_a_role_fills_is_an_error_at_its_line(
    foreign_templates,  # noqa: F811
    tmp_path,
):
    layouts = {**OFFICE_LAYOUTS, "title": "Blank", "content": "Blank"}
    theme = theme_for(foreign_templates["pptx"], layouts, tmp_path)
    problems = _problems(theme)
    assert problems == [
        f"{theme}:{_line_of(theme, 'title: ')}:3: layouts.title: layout 'Blank' has no title "
        "and no subtitle placeholder, which 'title' blocks fill; it has: date (idx 10), "
        "footer (idx 11), slide number (idx 12) — use a layout that has, e.g. 'Title Slide'",
        f"{theme}:{_line_of(theme, 'content: ')}:3: layouts.content: layout 'Blank' has no "
        "title and no text placeholder, which 'bullets' blocks fill; it has: date (idx 10), "
        "footer (idx 11), slide number (idx 12) — use a layout that has, e.g. "
        "'Title and Content'",
    ]


def test_validate_reports_every_theme_problem_and_fails(foreign_templates, tmp_path):  # noqa: F811
    layouts = {**OFFICE_LAYOUTS, "title": "Blank", "section": "Sektionsoverskrift"}
    theme = theme_for(foreign_templates["pptx"], layouts, tmp_path)
    result = CliRunner().invoke(main, ["validate", str(theme)])
    assert result.exit_code == 1
    assert f"Error: {theme}:{_line_of(theme, 'title: ')}:3: layouts.title:" in result.output
    assert "did you mean 'Section Header'?" in result.output
    assert "1 file checked: 2 errors" in result.output


def test_the_sample_theme_and_decks_still_validate():
    errors, _, _ = api.validate_paths(
        [DEFAULT_THEME, SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"]
    )
    assert errors == []


def test_the_slots_a_theme_is_checked_for_are_those_the_renderer_fills():
    from deckgen.render.canvas import _SLOT_TYPES
    from deckgen.theme.check import SLOT_TYPES

    rendered = {
        slot: tuple(kind.xml_value for kind in kinds) for slot, kinds in _SLOT_TYPES.items()
    }
    assert rendered == SLOT_TYPES


def test_the_theme_schema_describes_every_field_and_takes_the_master_by_number():
    import json

    schema = json.loads(CliRunner().invoke(main, ["schema", "theme"]).output)
    assert schema["title"] == "ThemeFile"
    fields = schema["properties"]
    assert {"name", "template", "master", "layouts", "colors", "fonts", "footer"} <= set(fields)
    assert all(field.get("description") for field in fields.values())
    # The master by number: a whole number, or digits in quotes (YAML 1.2 as editors read it).
    by_number = [option for option in fields["master"]["anyOf"] if "anyOf" in option]
    assert by_number and {"type": "integer"} in by_number[0]["anyOf"]
    colour = fields["colors"]["additionalProperties"]
    assert colour["pattern"].startswith("^([0-9A-Fa-f]{6}|scheme:(dk1|lt1|dk2|lt2|accent1|")
    assert "scheme:accent1" in colour["description"]
