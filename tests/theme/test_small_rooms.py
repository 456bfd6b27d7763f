"""Templates whose boxes are too small for what a deck puts in them: a footer box made for a
short date grows to hold the footer's text; a body placeholder whose text runs off takes the
room the title above it does not use; a template with no layout that has room for a slide's
points is refused by `theme init`, in Danish, saying what to change. (LibreOffice's own
Midnightblue, Nature Illustration and Blueprint Plans, in tests/theme/test_real_templates.py,
are the real cases.)"""

from __future__ import annotations

import io

from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Cm
from templates import PYTHON_PPTX_LAYOUTS, theme_for
from test_danish_everywhere import english_in

from deckgen import api
from deckgen.cli import main

FOOTER = "OMU Børn og Familie · Dialogmøde med Områdeudvalget · 12. marts 2025"


def _template(path, change) -> None:
    """python-pptx's default template (4:3), each layout's placeholders changed by `change`."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        for placeholder in layout.placeholders:
            change(placeholder)
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(buffer.getvalue())


def _points_slide(project, theme):
    """The slide of a deck of one block of eight points in `theme`, built without warnings, and
    the placeholder its points are in."""
    project.blocks(
        """
        blocks:
          - id: punkter
            kind: bullets
            title: Når vi lykkes
            items: [Mindre detailstyring, Hurtigere opgaveløsning, Bedre borgeroplevelser,
                    Mere arbejdsglæde, Trygge medarbejdere, Fællesskab frem for siloer,
                    Tydelig ledelse, Psykologisk tryghed]
        """
    )
    project.deck("- punkter\n", theme=theme)
    result = api.build_deck(project.deck_path, project.output)
    assert result.warnings == []
    slide = Presentation(str(project.output)).slides[0]
    body = next(s for s in slide.placeholders if "Mindre detailstyring" in s.text_frame.text)
    return slide, body


def test_a_footer_box_too_narrow_for_the_footer_grows_to_hold_it_on_one_line(project):
    def narrow_footer(placeholder):
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
            placeholder.left, placeholder.top = Cm(10.7), Cm(17.4)
            placeholder.width, placeholder.height = Cm(4), Cm(0.6)

    template = project.root / "smal.pptx"
    _template(template, narrow_footer)
    extra = f"footer:\n  text: {FOOTER!r}\n  slide_number: false\n  skip: []\n  color: text\n"
    theme = theme_for(template, PYTHON_PPTX_LAYOUTS, project.root, extra)
    project.blocks(
        """
        blocks:
          - id: punkter
            kind: bullets
            title: Vejen videre
            items: [Indsats i to spor, Direktørerne besøger OMU'er]
        """
    )
    project.deck("- punkter\n", theme=theme)
    result = api.build_deck(project.deck_path, project.output)
    assert result.warnings == []
    slide = Presentation(str(project.output)).slides[0]
    footer = next(s for s in slide.placeholders if s.text_frame.text == FOOTER)
    assert footer.width > Cm(12)
    assert footer.left >= 0 and footer.left + footer.width <= Cm(25.4)  # on the slide
    assert footer.top <= Cm(17.4) and footer.top + footer.height >= Cm(18.0)  # same line
    checked = CliRunner().invoke(main, ["--lang", "en", "check", "--strict", str(project.output)])
    assert checked.exit_code == 0, checked.output


def test_theme_init_refuses_a_template_with_no_room_for_a_slide_s_points_in_danish(tmp_path):
    def small_bodies(placeholder):
        kind = placeholder.placeholder_format.type
        left, width = placeholder.left, placeholder.width  # the master's, if not its own
        if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
            placeholder.left, placeholder.width = left, width
            placeholder.top, placeholder.height = Cm(9), Cm(3)
        if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER):
            placeholder.left, placeholder.width = left, width
            placeholder.top, placeholder.height = Cm(12.5), Cm(1)

    template = tmp_path / "lav.pptx"
    _template(template, small_bodies)
    theme = tmp_path / "vores.yaml"
    result = CliRunner().invoke(
        main, ["--lang", "da", "theme", "init", str(template), "-o", str(theme)]
    )
    assert result.exit_code != 0
    assert "har for lidt plads til et dias med punkter" in result.output, result.output
    assert "giv layoutet mere plads" in result.output
    assert not english_in(result.output), result.output
    assert not theme.exists()


def test_points_that_run_off_take_the_room_the_title_above_them_does_not_use(project):
    def tall_title(placeholder):
        kind = placeholder.placeholder_format.type
        layout = placeholder.part.slide_layout.name
        left, width = placeholder.left, placeholder.width
        if layout == "Title and Content" and kind == PP_PLACEHOLDER.TITLE:
            placeholder.left, placeholder.width = left, width
            placeholder.top, placeholder.height = Cm(0.8), Cm(6)
        elif layout == "Title and Content" and kind == PP_PLACEHOLDER.OBJECT:
            placeholder.left, placeholder.width = left, width
            placeholder.top, placeholder.height = Cm(7.5), Cm(5)
        elif kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER):
            placeholder.left, placeholder.width = left, width
            placeholder.top, placeholder.height = Cm(13), Cm(1)

    template = project.root / "hoej-titel.pptx"
    _template(template, tall_title)
    slide, body = _points_slide(project, theme_for(template, PYTHON_PPTX_LAYOUTS, project.root))
    title = slide.shapes.title
    assert title.height < Cm(6)  # as tall as its one line
    assert title.top + title.height <= body.top < Cm(7.5)  # moved up under it
    assert body.top + body.height <= Cm(13)  # not over the footer


def _low_layouts(placeholder) -> None:
    """Each layout's title half-way down the slide and its text box a fifth of the slide tall
    under it, the footers left where the master has them (as LibreOffice writes a template)."""
    kind = placeholder.placeholder_format.type
    left, width = placeholder.left, placeholder.width  # the master's, if not its own
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        placeholder.left, placeholder.width = left, width
        placeholder.top, placeholder.height = Cm(8), Cm(3)
    elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
        placeholder.left, placeholder.width = left, width
        placeholder.top, placeholder.height = Cm(11.5), Cm(4)


def test_theme_init_draws_the_text_in_the_master_s_boxes_where_the_layout_s_leave_room_unused(
    project,
):
    template = project.root / "lavt.pptx"
    _template(template, _low_layouts)
    theme = project.root / "vores.yaml"
    drafted = CliRunner().invoke(
        main, ["--lang", "da", "theme", "init", str(template), "-o", str(theme)]
    )
    assert drafted.exit_code == 0, drafted.output
    text = theme.read_text(encoding="utf-8")
    assert "boxes:" in text and "TJEK" in text
    assert "title: {left: 1.27, top: 0.76, width: 22.86, height: 3.17}" in text
    slide, body = _points_slide(project, theme)
    assert slide.shapes.title.top < Cm(1)  # in the master's title box, at the top
    assert Cm(4) < body.top < Cm(5) and body.height > Cm(10)  # the master's text box
    checked = CliRunner().invoke(main, ["--lang", "en", "check", "--strict", str(project.output)])
    assert checked.exit_code == 0, checked.output


def test_theme_init_still_refuses_where_the_master_s_boxes_leave_no_more_room(tmp_path):
    prs = Presentation()
    for placeholder in prs.slide_master.placeholders:
        if placeholder.placeholder_format.type == PP_PLACEHOLDER.BODY:
            placeholder.top, placeholder.height = Cm(11.5), Cm(4)  # as small as the layouts'
    for layout in prs.slide_layouts:
        for placeholder in layout.placeholders:
            _low_layouts(placeholder)
    template = tmp_path / "lavt.pptx"
    prs.save(str(template))
    theme = tmp_path / "vores.yaml"
    result = CliRunner().invoke(
        main, ["--lang", "da", "theme", "init", str(template), "-o", str(theme)]
    )
    assert result.exit_code != 0
    assert "for lidt plads" in result.output, result.output
    assert not english_in(result.output), result.output
    assert not theme.exists()


def test_a_misspelt_role_or_box_under_boxes_is_an_error_at_its_line(project):
    """A typo under `boxes:` was ignored: the slides silently went back to the layout's
    small box. Communication is told where, in Danish, and what the names may be."""
    template = project.root / "lavt.pptx"
    _template(template, _low_layouts)
    theme = project.root / "vores.yaml"
    drafted = CliRunner().invoke(main, ["theme", "init", str(template), "-o", str(theme)])
    assert drafted.exit_code == 0, drafted.output
    text = theme.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("boxes:"))
    role = next(
        i for i, line in enumerate(lines) if line.strip().startswith("content:") and i > start
    )
    lines[role] = lines[role].replace("content:", "contnet:")
    body = next(i for i, line in enumerate(lines) if line.startswith("    title:") and i > start)
    lines[body] = lines[body].replace("title:", "titel:")
    theme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project.blocks(
        """
        blocks:
          - id: punkter
            kind: bullets
            title: Når vi lykkes
            items: [Mindre detailstyring, Hurtigere opgaveløsning]
        """
    )
    project.deck("- punkter\n", theme=theme)
    before = project.output.exists()
    result = CliRunner().invoke(
        main, ["--lang", "da", "build", str(project.deck_path), "-o", str(project.output)]
    )
    assert result.exit_code != 0
    assert (
        f"vores.yaml:{role + 1}:" in result.output
        and "boxes: ukendt layoutrolle 'contnet'" in result.output
    )
    assert f"vores.yaml:{body + 1}:" in result.output and "ukendt boks 'titel'" in result.output
    assert project.output.exists() == before
    checked = CliRunner().invoke(main, ["--lang", "da", "validate", str(theme)])
    assert checked.exit_code == 1 and "boxes: ukendt layoutrolle 'contnet'" in checked.output
