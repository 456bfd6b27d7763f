"""Fit: text is measured with the theme's font files as PowerPoint lays it out, and text that
will not fit its placeholder or shape is a warning at the block's line, as build warns."""

import pytest
from checking import drawn_deck, findings
from conftest import SAMPLE_PROJECT
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from deckgen.check import Severity, open_deck
from deckgen.check.overflow import measure
from deckgen.measure import FontSet, line_height_pt
from deckgen.theme import load_theme

SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"
INSET_X, INSET_Y = 91440, 45720
LINE = "Et punkt med en ret lang tekst, der fylder godt op på linjen i kassen"


def _regular_line_pt(size: float) -> float:
    theme = load_theme()
    return line_height_pt(theme.path(theme.fonts.files.regular), size)


def _text_box(height_pt: float, paragraphs: list[str], *, shape=None, size: float = 20):
    """A draw function: a 4-inch-wide box `height_pt` high (insets included) with `paragraphs`."""

    def draw(slide):
        left, top, width = Emu(914400), Emu(2000000), Emu(4 * 914400)
        height = Emu(round(height_pt * 12700))
        if shape is None:
            box = slide.shapes.add_textbox(left, top, width, height)
        else:
            box = slide.shapes.add_shape(shape, left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
        box.name = "Kassen"

    return draw


def test_an_overflowing_block_is_a_warning_at_its_line_as_in_build(project):
    items = "".join(f"      - {LINE} ({n})\n" for n in range(16))
    project.blocks(
        f"blocks:\n  - id: for-meget\n    kind: bullets\n    title: For meget\n    items:\n{items}"
    )
    project.deck("- for-meget\n")
    found = findings(project.deck_path, "fit")
    assert [f.severity for f in found] == [Severity.WARNING]
    text = str(found[0])
    assert "blocks.yaml:2:5: slide 1 (for-meget): [fit.text] the text runs off the body " in text
    assert "placeholder even shrunk as far as allowed (needs " in text
    assert "— shorten the text or split it over two blocks" in text


def test_three_lines_fit_a_box_made_for_three_and_a_fourth_runs_off(tmp_path):
    line = _regular_line_pt(20)
    height = 3 * line + 2 * INSET_Y / 12700 + 0.5
    deck = drawn_deck(
        tmp_path / "deck.pptx",
        _text_box(height, ["Et", "To", "Tre"]),
        _text_box(height, ["Et", "To", "Tre", "Fire"]),
    )
    found = findings(deck, "fit")
    assert [(f.slide, f.check) for f in found] == [(2, "fit.text")]
    assert "the text runs off the shape 'Kassen' (needs 3.4 cm of 2.6 cm)" in found[0].message


def test_wrapped_lines_count_with_the_real_font_widths(tmp_path):
    deck = drawn_deck(tmp_path / "deck.pptx", _text_box(400, [LINE * 3]))
    opened = open_deck(deck)
    box = next(s for s in opened.slides[0].shapes if s.name == "Kassen")
    fit = measure(box, FontSet.of_theme(opened.theme))
    assert fit.width == pytest.approx((4 * 914400 - 2 * INSET_X) / 12700)
    # LibreOffice breaks these 204 characters into 7 lines too (see the test below).
    assert fit.needed == pytest.approx(7 * _regular_line_pt(20))


WRAPPING = [
    (LINE, 18),
    (LINE * 2, 24),
    ("Kort", 28),
    ("Vi forbereder os på fremtidens krav og muligheder, sammen med borgerne " * 3, 20),
    ("MEGET MERE LEDELSE – AKTØRSKAB OG HANDLEKRAFT I HVERDAGEN " * 2, 26),
    ("Illustration: Møllerup Kommune efter Anders Trillingsgaard, “Meget mere ledelse”", 18),
]


def test_lines_break_where_libreoffice_breaks_them(tmp_path):
    """The measure wraps text into as many lines as LibreOffice's layout does."""
    import subprocess

    from office import require_office

    from deckgen.preview.render import LibreOffice

    require_office()
    draws = [_text_box(500, [text], size=size) for text, size in WRAPPING]
    deck = drawn_deck(tmp_path / "wrap.pptx", *draws)
    opened = open_deck(deck)
    fonts = FontSet.of_theme(opened.theme)
    expected = []
    for view, (_, size) in zip(opened.slides, WRAPPING, strict=True):
        box = next(s for s in view.shapes if s.name == "Kassen")
        expected.append(round(measure(box, fonts).needed / _regular_line_pt(size)))
    with LibreOffice(fonts.files.values()) as office:
        pdf = office.to_pdf([deck], tmp_path)[0]
    rendered = []
    for page in range(1, len(WRAPPING) + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line for line in text.splitlines() if line.strip()]
        rendered.append(len(lines) - 1)  # less the title, "Dias N"
    assert expected == rendered, (expected, rendered)


def test_an_ellipse_leaves_less_room_than_its_box(tmp_path):
    height = 4 * _regular_line_pt(20) + 2 * INSET_Y / 12700 + 1
    texts = ["Et", "To", "Tre"]
    deck = drawn_deck(
        tmp_path / "deck.pptx",
        _text_box(height, texts, shape=MSO_SHAPE.RECTANGLE),
        _text_box(height, texts, shape=MSO_SHAPE.OVAL),
    )
    assert [f.slide for f in findings(deck, "fit.text")] == [2]


def test_autofit_shrink_is_honoured_and_a_growing_box_must_stay_on_the_slide(tmp_path):
    ten = [f"Linje {n}" for n in range(10)]

    def shrunk(slide):
        _text_box(120, ten)(slide)
        autofit = slide.shapes[-1].text_frame._txBody.bodyPr.get_or_change_to_normAutofit()
        autofit.set("fontScale", "40000")

    def growing(slide):
        _text_box(40, ten * 3)(slide)
        slide.shapes[-1].text_frame.auto_size = MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT

    deck = drawn_deck(tmp_path / "deck.pptx", shrunk, growing)
    found = findings(deck, "fit.text")
    assert [f.slide for f in found] == [2]
    assert found[0].message == (
        "the shape 'Kassen' grows with its text and runs off the bottom of the slide"
    )


def test_a_word_wider_than_its_shape_is_a_warning(tmp_path):
    def narrow(slide):
        box = slide.shapes.add_textbox(Emu(914400), Emu(2000000), Emu(914400), Emu(2000000))
        box.name = "Smal"
        box.text_frame.word_wrap = True
        run = box.text_frame.paragraphs[0].add_run()
        run.text = "Donaudampfschifffahrtsgesellschaftskapitæn"
        run.font.size = Pt(20)

    found = findings(drawn_deck(tmp_path / "deck.pptx", narrow), "fit.text")
    assert [(f.severity, f.message) for f in found] == [
        (
            Severity.WARNING,
            "the word 'Donaudampfschifffahrtsgesellschaftskapitæn' is wider than the shape "
            "'Smal' and is broken in the middle",
        )
    ]


def test_the_sample_deck_fits():
    assert findings(SAMPLE, "fit") == []
