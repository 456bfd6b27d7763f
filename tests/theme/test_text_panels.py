"""Text panels: where a template puts its text on a picture or gradient no one colour reads
on, `theme init` drafts a plain panel in the theme's own colour, the build draws it under the
text as an ordinary shape, and the check judges the text on it."""

from __future__ import annotations

import zipfile

from click.testing import CliRunner

from deckgen.check import check_file
from deckgen.cli import main
from deckgen.colors import Color, contrast_ratio
from deckgen.i18n import _
from deckgen.project import DEFAULT_THEME
from deckgen.theme.palette import pick_text_panel

PICKED = {"primary": "1F497D", "text": "000000", "background": "FFFFFF", "light": "E4E9EF"}


def test_text_on_a_light_and_dark_picture_gets_a_panel_of_the_theme_s_it_reads_on():
    behind = ["815CB4", "EFF9FA"]  # Candy's purple and near-white under the same text
    panel = pick_text_panel(PICKED, "body", [behind], ["000000"])
    assert panel is not None
    assert (panel.color, panel.text) == ("background", "text")
    assert panel.opacity < 100  # some of the template's picture still shows
    top = Color(PICKED["background"], panel.opacity / 100)
    assert all(contrast_ratio("000000", top.over(back)) >= 4.5 for back in behind)


def test_a_pattern_that_cannot_be_measured_is_hidden_whole():
    panel = pick_text_panel(PICKED, "body", [None], ["000000"])
    assert panel is not None and panel.opacity == 100


def test_no_panel_where_no_colour_of_the_theme_reads_on_another():
    grey = dict.fromkeys(PICKED, "777777")
    assert pick_text_panel(grey, "body", [["000000", "FFFFFF"]], ["777777"]) is None


def _build(sample_copy, panel: str) -> tuple[str, list[str]]:
    theme = DEFAULT_THEME.read_text(encoding="utf-8")
    # The default theme's files, where it lies.
    folder = DEFAULT_THEME.parent
    theme = theme.replace("template: kommune.pptx", f"template: {folder}/kommune.pptx")
    theme = theme.replace("../fonts/", f"{folder.parent}/fonts/")
    theme = theme.replace("logo: logo.png", f"logo: {folder}/logo.png")
    path = sample_copy / "assets" / "panel.yaml"
    path.write_text(theme + f"text_panels:\n  content.body: {panel}\n", encoding="utf-8")
    deck = sample_copy / "decks" / "omu-dialogmoede.yaml"
    text = deck.read_text(encoding="utf-8")
    if "panel.yaml" not in text:
        deck.write_text(text.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/panel.yaml\n"))
    sets = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
    built = CliRunner().invoke(main, ["build", str(deck), "-o", "build/panel.pptx", *sets])
    assert built.exit_code == 0, built.output
    out = sample_copy / "build" / "panel.pptx"
    with zipfile.ZipFile(out) as package:
        slide = package.read("ppt/slides/slide4.xml").decode()  # a content slide
    found = check_file(out).findings
    return slide, [f.message for f in found if f.check == "accessibility.contrast"]


def test_the_build_draws_the_panel_under_the_text_and_the_check_judges_the_text_on_it(
    sample_copy,
):
    slide, contrast = _build(sample_copy, "{color: light, opacity: 90}")
    # An ordinary shape, decorative, just before (under) the text placeholder, not the title.
    name = f'name="{_("Text panel")} '
    panel = slide.index(name)
    assert slide.count(name) == 1
    assert 'type="title"' in slide[:panel] and "<p:ph" in slide[panel:]
    assert "decorative" in slide[panel : slide.index("</p:sp>", panel)]
    assert '<a:alpha val="90000"/>' in slide
    assert contrast == []
    # A panel in the text's own colour: the check says the text does not read on it.
    slide, contrast = _build(sample_copy, "{color: text}")
    assert contrast and all("#1F2A30 on #1F2A30" in message for message in contrast)
