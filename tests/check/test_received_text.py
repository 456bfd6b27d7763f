"""Text from elsewhere that Pillow's text layout (raqm) cannot take: paragraph separators."""

from pathlib import Path

import pytest
from checking import A, drawn_deck, findings
from pptx.util import Emu, Pt

from deckgen.measure import text_width_pt, wrapped_lines
from deckgen.theme import load_theme

SEPARATORS = ["\r", "\x85", "\u2029", "\x1c", "\x1d", "\x1e"]
"""The first three XML can hold (`&#13;`); the others only text in memory can."""


def _box_with(text: str):  # type: ignore[no-untyped-def]
    def draw(slide):  # type: ignore[no-untyped-def]
        box = slide.shapes.add_textbox(Emu(914400), Emu(2000000), Emu(3657600), Emu(914400))
        run = box.text_frame.paragraphs[0].add_run()
        run.font.size = Pt(20)
        run.text = "x"
        run._r.find(f"{A}t").text = text  # written as the received deck has it: &#13; and all
        box.name = "Kassen"

    return draw


@pytest.mark.parametrize("separator", SEPARATORS[:3], ids=lambda c: f"U+{ord(c):04X}")
def test_check_measures_text_with_a_paragraph_separator_without_crashing(
    tmp_path: Path, separator: str
) -> None:
    long = f"Et punkt{separator}med en lang tekst, " * 20
    deck = drawn_deck(
        tmp_path / "modtaget.pptx", _box_with(f"Kort{separator}tekst"), _box_with(long)
    )
    found = findings(deck, "fit")
    assert [(f.slide, f.check) for f in found] == [(2, "fit.text")]


def test_the_measurer_takes_every_paragraph_separator() -> None:
    font = load_theme().path(load_theme().fonts.files.regular)
    plain = text_width_pt("Kort tekst", font, 20)
    for separator in SEPARATORS:
        assert text_width_pt(f"Kort{separator}tekst", font, 20) == pytest.approx(plain)
        assert wrapped_lines(f"Kort{separator}tekst " * 30, 200, font, 20) > 1
