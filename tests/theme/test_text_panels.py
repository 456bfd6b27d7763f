"""Text panels: where a template puts its text on a picture or gradient no one colour reads
on, `theme init` drafts a plain panel in the theme's own colour, the build draws it under the
text as an ordinary shape, and the check judges the text on it."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from PIL import Image
from templates import foreign_templates  # noqa: F401  (fixture)

from deckgen.check import check_file
from deckgen.cli import main
from deckgen.colors import Color, contrast_ratio, relative_luminance
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


def _build(
    sample_copy, panel: str, number: int = 4, role: str = "content"
) -> tuple[str, list[str]]:
    theme = DEFAULT_THEME.read_text(encoding="utf-8")
    # The default theme's files, where it lies.
    folder = DEFAULT_THEME.parent
    theme = theme.replace("template: kommune.pptx", f"template: {folder}/kommune.pptx")
    theme = theme.replace("../fonts/", f"{folder.parent}/fonts/")
    theme = theme.replace("logo: logo.png", f"logo: {folder}/logo.png")
    path = sample_copy / "assets" / "panel.yaml"
    path.write_text(theme + f"text_panels:\n  {role}.body: {panel}\n", encoding="utf-8")
    deck = sample_copy / "decks" / "omu-dialogmoede.yaml"
    text = deck.read_text(encoding="utf-8")
    if "panel.yaml" not in text:
        deck.write_text(text.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/panel.yaml\n"))
    sets = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
    built = CliRunner().invoke(main, ["build", str(deck), "-o", "build/panel.pptx", *sets])
    assert built.exit_code == 0, built.output
    out = sample_copy / "build" / "panel.pptx"
    with zipfile.ZipFile(out) as package:
        slide = package.read(f"ppt/slides/slide{number}.xml").decode()  # 4: a content slide
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


def _shapes(slide: str) -> list[tuple[str, tuple[int, ...]]]:
    """Each shape of `slide` (XML) with a box of its own: its name and its box, in order."""
    from lxml import etree

    from deckgen.ooxml.ns import qn

    found = []
    for element in etree.fromstring(slide.encode()).iter(qn("p:sp")):
        name = element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").get("name")
        off = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}")
        ext = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
        if off is not None and ext is not None:
            box = (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
            found.append((name, box))
    return found


def test_a_call_to_action_s_own_words_get_the_panel_as_tall_as_they_are(sample_copy):
    """The call to action draws its words in a text box of its own, under the title of a
    layout with no text placeholder: they get the panel the theme puts under the content
    layout's text, in the group with them, trimmed to the words."""
    slide, contrast = _build(sample_copy, "{color: light, opacity: 90}", 18)
    assert contrast == []
    shapes = _shapes(slide)
    names = [name for name, _box in shapes]
    words = names.index("Tekst og link")
    assert names[words - 1].startswith(_("Text panel"))
    group = slide[slide.index("<p:grpSp>") :]
    order = [group.index(f'name="{name}') for name in (_("Text panel"), "Tekst og link", "QR")]
    assert order == sorted(order)
    panel_box, words_box = shapes[words - 1][1], shapes[words][1]
    assert panel_box == words_box
    # Two short paragraphs, not the whole height under the title the block had for them.
    assert panel_box[3] < 3_000_000


def test_a_panel_under_one_short_line_is_as_tall_as_the_line_not_its_box(sample_copy):
    """A content slide's big text box holding one short line: the box is trimmed to the line,
    with room to spare, where the line stands in it, and the panel with it, so the panel is
    no big empty field over the picture. The title, filling its box, is left as it is."""
    from pptx import Presentation

    blocks = sample_copy / "decks" / "blocks" / "forenkling.yaml"
    text = blocks.read_text(encoding="utf-8")
    for item in ("Styrke samarbejdet", "Forbedre gennemskueligheden", "Sikre af", "Skabe fælles"):
        text = "\n".join(line for line in text.split("\n") if item not in line)
    blocks.write_text(text, encoding="utf-8")
    slide, contrast = _build(sample_copy, "{color: light}")
    assert contrast == []
    assert "Understøtte den nationale" in slide and "Styrke samarbejdet" not in slide
    shapes = _shapes(slide)
    panel_at = next(n for n, (name, _box) in enumerate(shapes) if name.startswith(_("Text")))
    panel, text_box = shapes[panel_at][1], shapes[panel_at + 1][1]
    assert text_box == panel  # the placeholder trimmed as its panel
    layouts = Presentation(str(DEFAULT_THEME.parent / "kommune.pptx")).slide_layouts
    content = layouts.get_by_name("Titel og indhold")  # the default theme's `content`
    body = next(ph for ph in content.placeholders if ph.placeholder_format.idx == 1)
    assert body.top == panel[1]  # the template's body is anchored at the top: kept there
    assert panel[3] < body.height // 2


def _with_a_red_bar(template, folder):
    """`template` with a thin red bar on its title-only layout, under the title, between the
    points a theme's drafting looks at there (a mark like the red corners on a Chinese
    template's photos): the call to action's words come to stand on it."""
    from pptx import Presentation
    from pptx.oxml import parse_xml

    prs = Presentation(str(template))
    layout = prs.slide_layouts.get_by_name("Title Only")
    width, height = prs.slide_width, prs.slide_height
    bar = (
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<p:nvSpPr><p:cNvPr id="90" name="Red bar"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{width * 42 // 100}" y="{height * 30 // 100}"/>'
        f'<a:ext cx="{width * 5 // 100}" cy="{height * 55 // 100}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="C7000B"/></a:solidFill></p:spPr></p:sp>'
    )
    layout.shapes._spTree.append(parse_xml(bar))
    path = folder / "red-bar.pptx"
    prs.save(str(path))
    return path


def test_words_drawn_over_a_small_mark_in_the_area_get_a_panel(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    """The area under a title-only layout's title is measured at a few points, which a small
    mark there (a bar, a corner) falls between; a call to action's words, drawn across the
    area's left part, stood on it in the template's dark text (2.8:1 on the red). The marks in
    the area count too: the drafted theme puts a panel under such words, and the check
    passes them on it."""
    template = _with_a_red_bar(foreign_templates["pptx"], sample_copy / "assets")
    theme = sample_copy / "assets" / "vores.yaml"
    sets = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
    drafted = CliRunner().invoke(main, ["theme", "init", str(template), "-o", str(theme)])
    assert drafted.exit_code == 0, drafted.output
    text = theme.read_text(encoding="utf-8")
    panels = text[text.index("\ntext_panels:") :]
    assert "\n  title_only.body: {color: " in panels
    deck = sample_copy / "decks" / "omu-dialogmoede.yaml"
    source = deck.read_text(encoding="utf-8")
    deck.write_text(source.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/vores.yaml\n"))
    built = CliRunner().invoke(main, ["build", str(deck), "-o", "build/bar.pptx", *sets])
    assert built.exit_code == 0, built.output
    out = sample_copy / "build" / "bar.pptx"
    with zipfile.ZipFile(out) as package:
        slide = package.read("ppt/slides/slide18.xml").decode()  # the call to action
    names = [name for name, _box in _shapes(slide)]
    assert names[names.index("Tekst og link") - 1].startswith(_("Text panel"))
    contrast = [f for f in check_file(out).findings if f.check == "accessibility.contrast"]
    assert contrast == []


def _spread(colours):
    ordered = sorted(colours, key=relative_luminance)
    return contrast_ratio(ordered[0], ordered[-1])


def test_a_panel_over_a_black_band_and_white_keys_looks_like_one_surface():
    """Piano's text stands on a black band and, further down, on white piano keys. The
    thinnest panel the text reads on (75 %) was grey on the band and white on the keys, so
    long text seemed to run off the panel onto the keys: the panel is now as opaque as it
    takes to look the same over all it covers (within 1.2:1), and so holds the text."""
    behind = ["000000", "232222", "F4F5F5"]  # Piano's, under its content layout's text
    thin = Color(PICKED["background"], 0.75)
    assert _spread([thin.over(back) for back in behind]) > 1.7  # as it was drafted
    panel = pick_text_panel(PICKED, "body", [behind], ["000000"])
    assert panel is not None
    top = Color(PICKED[panel.color], panel.opacity / 100)
    assert _spread([top.over(back) for back in behind]) <= 1.2
    assert all(contrast_ratio(PICKED["text"], top.over(back)) >= 4.5 for back in behind)


@pytest.mark.slow
def test_piano_s_long_text_stays_on_its_panel_in_libreoffice(sample_copy, tmp_path):
    """Piano's long bodies, drawn by LibreOffice: down the panel's left margin, beside the
    words, the panel looks the same over the black band as over the keys."""
    from pptx import Presentation
    from templates import libreoffice_own

    template = libreoffice_own("Piano", tmp_path)
    theme = sample_copy / "assets" / "vores.yaml"
    drafted = CliRunner().invoke(main, ["theme", "init", str(template), "-o", str(theme)])
    assert drafted.exit_code == 0, drafted.output
    deck = sample_copy / "decks" / "omu-dialogmoede.yaml"
    source = deck.read_text(encoding="utf-8")
    deck.write_text(source.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/vores.yaml\n"))
    sets = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
    built = CliRunner().invoke(main, ["build", str(deck), "-o", "build/piano.pptx", *sets])
    assert built.exit_code == 0, built.output
    out = sample_copy / "build" / "piano.pptx"
    prs = Presentation(str(out))
    number, slide = next(
        (n, s)
        for n, s in enumerate(prs.slides, 1)
        if s.shapes.title is not None and s.shapes.title.text.startswith("Dialog med udgangs")
    )
    panel = next(s for s in slide.shapes if s.name.startswith(_("Text panel")))
    words = next(
        s
        for s in slide.placeholders
        if s.placeholder_format.type != 1 and s.has_text_frame and "En gang" in s.text_frame.text
    )
    profile = (tmp_path / "lo-profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp_path), str(out)]
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    page = tmp_path / "page"
    command = ["pdftoppm", "-png", "-r", "40", "-f", str(number), "-l", str(number)]
    subprocess.run([*command, str(tmp_path / "piano.pdf"), str(page)], check=True)
    picture = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    scale = picture.width / prs.slide_width
    # A strip down the panel inside its left edge, left of where the points start, over the
    # band and the keys; not its lowest fifth, where the question under the points starts at
    # the edge.
    x = round((panel.left + (words.left - panel.left) // 2) * scale)
    top = round(panel.top * scale) + 2
    bottom = round((panel.top + panel.height * 4 // 5) * scale)
    keys = round(slide.part.package.presentation_part.presentation.slide_height * 0.55 * scale)
    assert top < keys < bottom  # the strip goes down onto the keys
    seen = {"{:02X}{:02X}{:02X}".format(*picture.getpixel((x, y))) for y in range(top, bottom)}
    assert _spread(seen) <= 1.25, sorted(seen)


def test_a_theme_s_text_colours_and_panels_name_only_title_or_body_of_a_known_role(tmp_path):
    """`text_colors` and `text_panels` take `title`, `body`, or a layout role and one of them;
    any other key, or a colour the theme lacks, is an error at its line."""
    from click.testing import CliRunner

    from deckgen.cli import main
    from deckgen.project import DATA

    for part in (DATA / "theme").iterdir():
        (tmp_path / part.name).write_bytes(part.read_bytes())
    theme = tmp_path / "kommune.yaml"
    lines = theme.read_text(encoding="utf-8").count("\n")
    theme.write_text(
        theme.read_text(encoding="utf-8")
        + "text_colors:\n  foo.title: text\n  body: nosuch\n"
        + "text_panels:\n  content.nope: {color: background}\n  section.body: {color: nosuch}\n"
        + "  title: {color: background}\n",
        encoding="utf-8",
    )
    said = CliRunner().invoke(main, ["--lang", "en", "validate", str(theme)]).output
    assert f"kommune.yaml:{lines + 2}:3: text_colors: unknown key 'foo.title'" in said
    assert f"kommune.yaml:{lines + 3}:3: text_colors.body: unknown colour 'nosuch'" in said
    assert f"kommune.yaml:{lines + 5}:3: text_panels: unknown key 'content.nope'" in said
    assert f"kommune.yaml:{lines + 6}:18: text_panels.section.body: unknown colour 'nosuch'" in said
    assert "'title'" not in said and "section.title'" not in said
