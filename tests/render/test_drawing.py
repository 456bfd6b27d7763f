"""Drawing's short cuts give what the long way gives: the slides and placeholder copies
python-pptx makes, and the line breaks of measuring every line in full."""

import random

from conftest import REPO, SAMPLE_PROJECT
from lxml import etree

from deckgen.measure import text_width_pt, wrapped_lines
from deckgen.render.layouts import LayoutInfo
from deckgen.render.package import open_template

TEMPLATE = REPO / "deckgen" / "data" / "theme" / "kommune.pptx"
FONTS = [
    REPO / "deckgen" / "data" / "fonts" / "Carlito-Regular.ttf",
    REPO / "deckgen" / "data" / "fonts" / "Carlito-Bold.ttf",
]


def _layouts(prs):
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def _xml(element):
    return etree.tostring(element)


def test_slides_on_a_layout_are_the_ones_python_pptx_adds():
    ours, theirs = open_template(TEMPLATE), open_template(TEMPLATE)
    for layout, their_layout in zip(_layouts(ours), _layouts(theirs), strict=True):
        info = LayoutInfo(layout)
        for _ in range(2):  # the first slide is cloned, the next copied
            slide = info.add_slide(ours)
            assert _xml(slide._element) == _xml(theirs.slides.add_slide(their_layout)._element)
    assert len(ours.slides) == len(theirs.slides)


def test_a_copied_placeholder_is_the_one_python_pptx_clones():
    ours, theirs = open_template(TEMPLATE), open_template(TEMPLATE)
    for layout, their_layout in zip(_layouts(ours), _layouts(theirs), strict=True):
        info = LayoutInfo(layout)
        slide, their_slide = ours.slides.add_slide(layout), theirs.slides.add_slide(their_layout)
        for shapes in (slide.shapes, their_slide.shapes):  # taking an id, and a name
            shapes.add_textbox(0, 0, 100, 100).name = "Title 4"  # a copy would have
        for placeholder, theirs_ph in zip(
            info.placeholders, their_layout.placeholders, strict=True
        ):
            info.clone(placeholder, slide.shapes, with_text=False)
            their_slide.shapes.clone_placeholder(theirs_ph)
        assert _xml(slide._element) == _xml(their_slide._element)


def _lines_measuring_every_line(text: str, width_pt: float, font_file, size_pt: float) -> int:
    """Word-by-word wrapping that measures the whole line so far at every word."""
    lines = 0
    for hard_line in text.split("\n"):
        lines += 1
        current = ""
        for word in hard_line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width_pt(candidate, font_file, size_pt) > width_pt:
                lines += 1
                current = word
            else:
                current = candidate
            overflow = text_width_pt(current, font_file, size_pt) / max(width_pt, 1.0)
            if overflow > 1:
                lines += int(overflow)
                current = ""
    return lines


def test_wrapping_breaks_where_measuring_every_line_breaks():
    words = sorted(
        {
            word
            for path in (SAMPLE_PROJECT / "decks" / "blocks").glob("*.yaml")
            for word in path.read_text(encoding="utf-8").split()
        }
    )
    words += ["", "AVA", "Ty.", "“Meget", "ledelse”", "Arbejdsmiljørepræsentantsuppleanterne"]
    rng = random.Random(20250312)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        if rng.random() < 0.2:
            text = text.replace(" ", "\n", 2)
        width = rng.choice([rng.uniform(0, 40), rng.uniform(40, 700)])
        size = rng.choice([12.0, 17.55, 18.0, 20.5, 24.0, 28.0, 40.0])
        font = rng.choice(FONTS)
        expected = _lines_measuring_every_line(text, width, font, size)
        assert wrapped_lines(text, width, font, size) == expected, (text, width, size)
