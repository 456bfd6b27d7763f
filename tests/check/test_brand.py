"""Brand: the theme's colours and fonts only; the logo and the footer where the layout has them."""

from checking import drawn_deck, edited, findings
from conftest import SAMPLE_PROJECT
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu

from deckgen.check import Severity

SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"


def _bullets(project):
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et, To]}\n")
    project.deck("- en\n")
    project.build()
    return project.output


def test_a_colour_or_font_outside_the_theme_is_a_warning(project, tmp_path):
    def off_brand(prs):
        run = prs.slides[0].placeholders[1].text_frame.paragraphs[0].runs[0]
        run.font.color.rgb = RGBColor.from_string("FF00FF")
        run.font.name = "Comic Sans MS"

    deck = edited(_bullets(project), tmp_path / "off.pptx", off_brand)
    found = findings(deck, "brand")
    assert [(f.severity, f.check, f.block, f.message) for f in found] == [
        (
            Severity.WARNING,
            "brand.colors",
            None,  # edited since it was built: by slide number
            "the colour #FF00FF is not one of the theme's colours",
        ),
        (
            Severity.WARNING,
            "brand.fonts",
            None,
            "the font 'Comic Sans MS' is not the theme's (Calibri)",
        ),
    ]
    assert "use a theme colour: primary #003B5C, accent #00806E" in found[0].hint


def test_the_logo_must_not_be_covered_or_hidden(tmp_path):
    def cover(slide):
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(9_500_000), Emu(300_000), Emu(2_500_000), Emu(900_000)
        )
        shape.name = "Stjerne"

    def hide(slide):
        slide._element.set("showMasterSp", "0")

    found = findings(drawn_deck(tmp_path / "d.pptx", cover, hide), "brand.logo")
    assert [(f.slide, f.message) for f in found] == [
        (1, "the shape 'Stjerne' covers the logo"),
        (2, "the slide hides the layout's logo (background graphics are turned off)"),
    ]


def test_the_footer_is_there_where_the_layout_has_one(project, tmp_path):
    def drop_footer(prs):
        for shape in list(prs.slides[0].placeholders):
            if shape.placeholder_format.type.name == "FOOTER":
                shape._element.getparent().remove(shape._element)

    deck = edited(_bullets(project), tmp_path / "uden.pptx", drop_footer)
    assert [f.message for f in findings(deck, "brand.footer")] == [
        "the slide has no footer, though its layout has one"
    ]


def test_the_sample_deck_is_on_brand():
    assert findings(SAMPLE, "brand") == []
