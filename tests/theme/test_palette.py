"""Colours that read where they stand: a drafted theme's colours resolved through the master's
colour map (a dark design, Google Slides' swapped `tx2`), chosen against what the template's
layouts show behind text (a footer bar, a picture), never the colour of what they stand on;
and links drawn in their text's colour."""

from __future__ import annotations

import shutil
import zipfile

from click.testing import CliRunner
from real_templates import corpus_file

from deckgen.check import check_file
from deckgen.cli import main
from deckgen.colors import contrast_ratio
from deckgen.theme import load_theme
from deckgen.theme.palette import Surfaces, pick_colours, pick_footer, reads_on

OFFICE = {
    "dk1": "000000",
    "lt1": "FFFFFF",
    "dk2": "1F497D",
    "lt2": "EEECE1",
    "accent1": "4F81BD",
    "accent2": "C0504D",
    "accent3": "9BBB59",
    "accent4": "8064A2",
    "accent5": "4BACC6",
    "accent6": "F79646",
}
DARK = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}


def _roles(picks) -> dict[str, str]:
    return {pick.role: pick.value for pick in picks}


def test_a_dark_design_s_colours_are_read_through_its_colour_map():
    picked = _roles(pick_colours(OFFICE, DARK, Surfaces()))
    assert picked["background"] == "000000" and picked["text"] == "FFFFFF"
    # What diagrams put together reads: words on the fills, panels and highlight.
    assert contrast_ratio(picked["background"], picked["primary"]) >= 4.5
    assert contrast_ratio(picked["background"], picked["accent"]) >= 4.5
    assert contrast_ratio(picked["primary"], picked["light"]) >= 4.5
    assert contrast_ratio(picked["text"], picked["light"]) >= 4.5
    assert contrast_ratio(picked["text"], picked["highlight"]) >= 4.5
    assert contrast_ratio(picked["muted"], picked["background"]) >= 4.5


def test_on_a_mid_grey_slide_the_fills_are_darkened_until_words_on_them_read():
    """Fills were pushed towards white on any background darker than half-grey: on a
    Chinese template's grey (97A4AD) the accent came out white and the diagrams' words on it
    read at 2.6:1; only black reaches AA there."""
    picked = _roles(pick_colours(dict(OFFICE, dk2="FFFFFF"), {}, Surfaces(area=["97A4AD"])))
    assert picked["background"] == "97A4AD"
    assert contrast_ratio(picked["background"], picked["primary"]) >= 4.5
    assert contrast_ratio(picked["background"], picked["accent"]) >= 4.5


def test_the_highlight_is_never_the_colour_of_the_slide_it_stands_on():
    white_accents = dict(OFFICE, accent2="FFFFFF", accent3="FEFEFE")
    picked = _roles(pick_colours(white_accents, {}, Surfaces(area=["FFFFFF"])))
    assert contrast_ratio(picked["highlight"], "FFFFFF") > 1.1
    assert contrast_ratio(picked["text"], picked["highlight"]) >= 4.5


def test_sources_and_footers_read_on_the_bars_and_pictures_they_stand_on():
    surfaces = Surfaces(
        area=["FFFFFF"],
        bodies=["FFFFFF", "3465A4"],  # a caption on a blue band
        footers=[["3465A4"], ["168253"]],  # footers on blue and green bars
        footer_own=["595959", "595959"],  # the template's own grey reads on neither
    )
    picked = _roles(pick_colours(OFFICE, {}, surfaces))
    # No one colour reads on white and on that blue: sources keep the template's colours.
    assert not reads_on(picked["muted"], surfaces.bodies)
    on_white = _roles(pick_colours(OFFICE, {}, Surfaces(area=["FFFFFF"], bodies=["F2F2F2"])))
    assert reads_on(on_white["muted"], ["FFFFFF", "F2F2F2"]) and on_white["muted"] != "000000"
    candidates = [(role, picked[role]) for role in ("muted", "text", "background")]
    role, complete = pick_footer(candidates, surfaces)
    assert complete and role is not None
    assert all(contrast_ratio(picked[role], back[0]) >= 4.5 for back in surfaces.footers)
    # The template's own footer colour is kept where it reads.
    readable = Surfaces(footers=[["FFFFFF"]], footer_own=["404040"])
    assert pick_footer(candidates, readable) == (None, True)


def test_a_slide_names_a_scheme_colour_by_what_its_master_maps_to_it(tmp_path):
    from dataclasses import replace

    import msgspec

    theme = load_theme()
    colors = dict(theme.file.colors, primary="scheme:dk2", text="scheme:dk1")
    swapped = replace(
        theme,
        file=msgspec.structs.replace(theme.file, colors=colors),
        scheme=OFFICE,
        color_map={"bg1": "lt1", "tx1": "dk1", "bg2": "dk2", "tx2": "lt2"},  # Google Slides
    )
    assert swapped.written_color("primary") == "scheme:bg2"  # bg2 shows dk2 there
    assert swapped.written_color("text") == "scheme:dk1"  # written tx1, as usual
    unreachable = replace(swapped, color_map={"bg1": "lt1", "tx1": "dk1", "bg2": "lt2"})
    unreachable = replace(unreachable, color_map={**unreachable.color_map, "tx2": "lt2"})
    assert unreachable.written_color("primary") == "1F497D"  # no slide name reaches dk2


def test_a_drafted_theme_s_footers_and_links_read_on_a_dark_template(sample_copy):
    # RStudio's template: a dark grey background through its colour map, footers on it.
    template = shutil.copy(corpus_file("rstudio.potx"), sample_copy / "assets" / "rstudio.potx")
    runner = CliRunner()
    drafted = runner.invoke(
        main, ["theme", "init", str(template), "-o", "assets/vores.yaml"], catch_exceptions=False
    )
    assert drafted.exit_code == 0, drafted.output
    deck = sample_copy / "decks" / "omu-dialogmoede.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/vores.yaml\n"))
    sets = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
    built = runner.invoke(main, ["build", str(deck), "-o", "build/vores.pptx", *sets])
    assert built.exit_code == 0 and "Warning" not in built.output, built.output
    found = check_file(sample_copy / "build" / "vores.pptx").findings
    assert [f for f in found if f.check == "accessibility.contrast"] == []
    with zipfile.ZipFile(sample_copy / "build" / "vores.pptx") as package:
        last = package.read("ppt/slides/slide18.xml").decode()
    # The call to action's link is drawn in its words' colour, not the template's link blue.
    assert 'hlinkClr xmlns:ahyp="http://schemas.microsoft.com/office/drawing/2018/' in last
    assert 'val="tx"' in last


def test_titles_and_text_the_template_colours_unreadably_get_a_theme_colour_that_reads():
    from deckgen.theme.palette import pick_text_colours

    picked = {"primary": "1F497D", "text": "000000", "background": "FFFFFF", "accent": "4774AA"}
    surfaces = Surfaces(
        texts=[
            # White titles on white (a master's sample colour): every title fails.
            ("title", "title", ["FFFFFF"], "FFFFFF"),
            ("content", "title", ["FFFFFF"], "FFFFFF"),
            # Black text reads on the content slide, not on the section slide's dark band.
            ("content", "body", ["FFFFFF"], "000000"),
            ("section", "body", ["1F1F5F"], "000000"),
            # A picture or pattern that cannot be measured is not judged.
            ("picture", "body", None, "000000"),
        ]
    )
    found = pick_text_colours(picked, surfaces)
    assert found == {"title": "primary", "section.body": "background"}


def test_text_no_colour_reads_on_is_said_as_none():
    from deckgen.theme.palette import pick_text_colours

    picked = {"primary": "1F497D", "text": "000000", "background": "FFFFFF"}
    gradient = Surfaces(texts=[("content", "body", ["815CB4", "EFF9FA"], "000000")])
    assert pick_text_colours(picked, gradient) == {"content.body": None}


def test_a_footer_and_a_slide_number_on_two_ends_of_a_gradient_bar_are_judged_apart():
    surfaces = Surfaces(
        footers=[["86004D", "C20059"], ["CC3379", "F13381"]],
        footer_own=["FFFFFF", "FFFFFF"],
        footer_kinds=["ftr", "sldNum"],
    )
    candidates = [("text", "FFFFFF"), ("background", "000032")]
    assert pick_footer(candidates, surfaces) == (None, False)
    # White reads on the footer's dark end; nothing reads on all of the slide number's.
    assert pick_footer(candidates, surfaces.only("ftr")) == (None, True)
    assert pick_footer(candidates, surfaces.only("sldNum")) == (None, False)


def _with_background(tmp_path, name: str, fill: str):
    """The sample template with its master's background `fill` (DrawingML)."""
    from conftest import DEFAULT_THEME

    source, target = DEFAULT_THEME.parent / "kommune.pptx", tmp_path / f"{name}.pptx"
    master = "ppt/slideMasters/slideMaster1.xml"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == master:
                old = b'<p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill>'
                assert old in data
                data = data.replace(old, b"<p:bgPr>" + fill.encode())
            out.writestr(info, data)
    return target


def test_a_template_s_gradient_or_colour_no_application_writes_is_not_a_traceback(tmp_path):
    """A gradient's stop at `pos="abc"`, an angle `x`, no stops, 5,000 stops (measured at every
    point text stands: 100,000 took two minutes), a colour `ZZZ` or a tint past white:
    `theme init` (and `check`, which reads slides the same way) stopped with a traceback.
    Such a background is one it cannot read; strict Office Open XML's `50%` is read."""

    def gradient(stops: list[tuple[str, str]], angle: str = "5400000") -> str:
        listed = "".join(
            f'<a:gs pos="{pos}"><a:srgbClr val="{colour}"/></a:gs>' for pos, colour in stops
        )
        return f'<a:gradFill><a:gsLst>{listed}</a:gsLst><a:lin ang="{angle}"/></a:gradFill>'

    hostile = {
        "position": gradient([("abc", "003B5C"), ("100000", "FFFFFF")]),
        "angle": gradient([("0", "003B5C"), ("100000", "FFFFFF")], angle="x"),
        "none": gradient([]),
        "thousands": gradient([(str(n * 20), f"{n * 3:06X}") for n in range(5000)]),
        "colour": gradient([("0", "ZZZ"), ("100000", "FFFFFF")]),
        "tint": '<a:solidFill><a:srgbClr val="003B5C"><a:tint val="900000"/></a:srgbClr></a:solidFill>',
    }
    for name, fill in hostile.items():
        template = _with_background(tmp_path, name, fill)
        out = tmp_path / name / "theme.yaml"
        result = CliRunner().invoke(main, ["theme", "init", str(template), "-o", str(out)])
        assert result.exit_code == 0, (name, result.output)
        assert out.is_file()
    # Written as strict Office Open XML writes it: read, and text on navy to white, where no
    # one colour reads, gets a plain panel behind it.
    strict = _with_background(tmp_path, "strict", gradient([("0%", "003B5C"), ("100%", "FFFFFF")]))
    result = CliRunner().invoke(
        main, ["theme", "init", str(strict), "-o", str(tmp_path / "s.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert "\ntext_panels:" in (tmp_path / "s.yaml").read_text(encoding="utf-8")
