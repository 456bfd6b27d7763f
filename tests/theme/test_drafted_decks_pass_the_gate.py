"""The gate on decks in templates none of us made: a theme drafted by `deckgen theme init` from
each of them builds the sample deck without a warning, and `deckgen check --strict` passes it
(0 errors, 0 warnings); Google Slides' and Keynote's exports are read as what they are."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEFAULT_THEME
from exports import google_slides_like, keynote_like, pandoc_like
from office import require_office
from pptx import Presentation
from templates import foreign_templates  # noqa: F401  (fixture)

from deckgen.cli import main

SETS = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
DECK = "decks/omu-dialogmoede.yaml"
KINDS = ["pptx", "potx", "libreoffice", "danish", "pandoc", "google", "keynote"]


def _run(*args: str):
    return CliRunner().invoke(main, [*args])


def _template(kind: str, templates: dict[str, Path], folder: Path) -> Path:
    if kind == "libreoffice":
        require_office()
    if kind in templates:
        return templates[kind]
    if kind == "danish":  # our own, with the layout names a Danish PowerPoint shows
        return Path(shutil.copy(DEFAULT_THEME.parent / "kommune.pptx", folder / "dansk.pptx"))
    made = {"pandoc": pandoc_like, "google": google_slides_like, "keynote": keynote_like}
    return made[kind](folder)


def _draft_and_build(template: Path, root: Path) -> tuple[str, str, Path]:
    """Draft a theme for `template` in the sample project at `root` and build the sample deck
    with it; returns what init and build printed, and the deck."""
    # A name of its own per template: the renderer keeps templates by the path as written.
    copy = root / "assets" / f"{template.parent.name}-{template.name}"
    shutil.copy(template, copy)
    drafted = _run("theme", "init", str(copy), "-o", str(root / "assets" / "vores.yaml"))
    assert drafted.exit_code == 0, drafted.output
    deck = root / DECK
    text = deck.read_text(encoding="utf-8")
    deck.write_text(
        text.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/vores.yaml\n"), encoding="utf-8"
    )
    built = _run("build", DECK, "-o", "build/vores.pptx", *SETS)
    assert built.exit_code == 0, built.output
    return drafted.output, built.output, root / "build" / "vores.pptx"


@pytest.mark.parametrize("kind", KINDS)
def test_a_deck_in_a_drafted_theme_passes_check_strict(
    sample_copy,
    foreign_templates,  # noqa: F811
    kind,
):
    template = _template(kind, foreign_templates, sample_copy)
    _, built, deck = _draft_and_build(template, sample_copy)
    assert "Warning" not in built, built
    checked = _run("check", "--strict", str(deck))
    assert checked.exit_code == 0, checked.output
    assert "18 slides checked: 0 errors, 0 warnings" in checked.output


def _box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def test_google_slides_layouts_are_taken_by_their_names_and_pictures_keep_clear_of_captions(
    sample_copy,
):
    drafted, _, deck = _draft_and_build(google_slides_like(sample_copy), sample_copy)
    for line in [
        "  layouts.title       'TITLE' (by name)",
        "  layouts.section     'SECTION_HEADER' (by name)",
        "  layouts.content     'TITLE_AND_BODY' (by name)",
        "  layouts.title_only  'TITLE_ONLY' (by name)",
        "  layouts.picture     'TITLE_AND_BODY' (guessed from its placeholders)",
    ]:
        assert line in drafted
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (9144000, 5143500)
    # No picture placeholder: the picture and its caption share the text area, caption below.
    slide = prs.slides[7]
    (picture,) = [s for s in slide.shapes if s.shape_type == 13]
    caption = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert "Illustration: Møllerup Kommune" in caption.text
    left, top, right, bottom = _box(picture)
    c_left, c_top, _right, c_bottom = _box(caption)
    assert bottom <= c_top  # the caption starts under the picture: no overlap
    body = next(
        ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == 2
    )  # the layout's body: the area both share
    b_left, b_top, b_right, b_bottom = _box(body)
    assert b_left <= left and right <= b_right and b_top <= top
    assert c_bottom <= b_bottom + 1 and b_left == c_left


def test_keynote_s_master_per_layout_is_drafted_without_a_master_and_text_scales(sample_copy):
    drafted, _, deck = _draft_and_build(keynote_like(sample_copy), sample_copy)
    assert "Wrote " in drafted and ": layouts from every master" in drafted
    text = (sample_copy / "assets" / "vores.yaml").read_text(encoding="utf-8")
    assert "\nmaster:" not in text
    assert '  content: "Title & Bullets"  # named for it' in text
    assert '  picture: "Photo - Horizontal"  # named for it' in text
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (13004800, 9753600)
    # The vision model is drawn as on PowerPoint's 4:3 slide (centre 30 % of the 9-inch free
    # width), scaled to this slide's height: 1.42 times as large, text included.
    vision = next(s for s in prs.slides[2].shapes if s.name == "Visionsmodel")
    centre = next(s for s in vision.shapes if s.name == "Centrum")
    assert centre.height == pytest.approx(0.3 * 9 * 914400 * 9753600 / 6858000, rel=0.01)
    sizes = {r.font.size.pt for p in centre.text_frame.paragraphs for r in p.runs}
    assert min(sizes) >= 25.5  # 18 pt on the standard height


def test_drafted_diagram_colours_are_live_references_to_the_template_s_scheme(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    from deckgen.theme import load_theme

    _, _, deck = _draft_and_build(foreign_templates["pptx"], sample_copy)
    theme = load_theme(sample_copy / "assets" / "vores.yaml")
    assert theme.written_color("primary") == "scheme:dk2"
    assert theme.color("primary") == "1F497D"  # resolved through the template's scheme
    with zipfile.ZipFile(deck) as package:
        vision = package.read("ppt/slides/slide2.xml").decode()
    headline = vision[vision.index('name="Vision"') :]
    fill = headline[headline.index("<a:solidFill>") : headline.index("</a:solidFill>")]
    assert '<a:schemeClr val="tx2"/>' in fill  # dk2 as slides name it, through the colour map
    assert "srgbClr" not in fill


def test_a_scheme_colour_the_template_lacks_is_an_error_at_its_line(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    shutil.copy(foreign_templates["pptx"], sample_copy / "skabelon.pptx")
    assert _run("theme", "init", "skabelon.pptx", "-o", "vores.yaml").exit_code == 0
    theme = sample_copy / "vores.yaml"
    lines = theme.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("  text:"))
    lines[number] = '  text: "scheme:accent7"'
    theme.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run("validate", "vores.yaml")
    assert result.exit_code == 1
    assert f"vores.yaml:{number + 1}:3: colors.text: 'scheme:accent7' is not allowed here" in (
        result.output
    )
    assert '"scheme:accent1"' in result.output


@pytest.mark.parametrize("kind", ["pandoc", "google", "keynote"])
def test_decks_in_google_keynote_and_pandoc_templates_are_valid_open_xml(
    sample_copy,
    foreign_templates,  # noqa: F811
    kind,
):
    from ooxml_sdk import require_validator, sdk_errors

    require_validator()
    _, _, deck = _draft_and_build(_template(kind, foreign_templates, sample_copy), sample_copy)
    assert sdk_errors([deck]) == {str(deck): []}
