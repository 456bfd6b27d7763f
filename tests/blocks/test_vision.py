"""The vision model: native shapes in one described group, laid out for any number of parts."""

import itertools

import pytest
from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError

LAYERED = """
- id: vision
  kind: vision
  title: Vores vision
  headline: Sammen skaber vi livskvalitet for borgerne
  layers:
    - Det gode samarbejde med borgerne
    - Understøttende funktioner
"""

CENTRED = """
- id: velfaerd
  kind: vision
  title: Fremtidens velfærd
  centre: FREMTIDENS VELFÆRD
  sides:
    - REFORMER & FRISÆTTELSE
    - VISIONER, MÅL & FORENKLING
"""


def _model(slide):
    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(groups) == 1, "the model is one group that moves as one"
    others = [s for s in slide.shapes if s.shape_type != MSO_SHAPE_TYPE.GROUP]
    assert all(s.is_placeholder for s in others), "nothing of the model lies outside the group"
    return groups[0]


def _alt_text(group):
    return group._element.nvGrpSpPr.cNvPr.get("descr")


def _texts(group):
    return [s.text_frame.text for s in group.shapes if s.has_text_frame and s.text_frame.text]


def test_layers_stack_under_the_headline_as_a_pyramid(project):
    slide = project.render_one(LAYERED)
    assert slide.slide_layout.name == "Kun titel"
    assert slide.shapes.title.text == "Vores vision"
    group = _model(slide)
    assert _texts(group) == [
        "Sammen skaber vi livskvalitet for borgerne",
        "Det gode samarbejde med borgerne",
        "Understøttende funktioner",
    ]
    bands = list(group.shapes)
    assert len(bands) == 3
    assert all(b.auto_shape_type == MSO_AUTO_SHAPE_TYPE.ROUNDED_RECTANGLE for b in bands)
    tops = [b.top for b in bands]
    assert tops == sorted(tops) and all(
        a.top + a.height < b.top for a, b in itertools.pairwise(bands)
    )
    widths = [b.width for b in bands]
    assert widths[0] < widths[1] < widths[2], "the foundation is the widest"
    centres = {b.left + b.width // 2 for b in bands}
    assert max(centres) - min(centres) <= 2
    alt = _alt_text(group)
    assert (
        "Sammen skaber vi livskvalitet for borgerne" in alt and "Understøttende funktioner" in alt
    )


def test_headline_is_set_larger_than_the_layers_and_in_theme_colours(project):
    group = _model(project.render_one(LAYERED))
    sizes = [s.text_frame.paragraphs[0].runs[0].font.size.pt for s in group.shapes]
    assert sizes[0] > max(sizes[1:])
    headline = group.shapes[0]
    assert str(headline.fill.fore_color.rgb) == "003B5C"  # the theme's primary
    run = headline.text_frame.paragraphs[0].runs[0]
    assert str(run.font.color.rgb) == "FFFFFF" and run.font.name == "Calibri"
    assert run._r.rPr.get("lang") == "da-DK"


def test_centre_between_side_labels_with_arrows_into_it(project):
    slide = project.render_one(CENTRED)
    group = _model(slide)
    assert _texts(group) == [
        "FREMTIDENS VELFÆRD",
        "REFORMER & FRISÆTTELSE",
        "VISIONER, MÅL & FORENKLING",
    ]
    by_type = [s.auto_shape_type for s in group.shapes]
    assert by_type.count(MSO_AUTO_SHAPE_TYPE.OVAL) == 1
    assert by_type.count(MSO_AUTO_SHAPE_TYPE.RIGHT_ARROW) == 1
    assert by_type.count(MSO_AUTO_SHAPE_TYPE.LEFT_ARROW) == 1
    centre, left, right = group.shapes[0], group.shapes[1], group.shapes[2]
    assert centre.width == centre.height, "the centre is a circle"
    assert left.left + left.width < centre.left and right.left > centre.left + centre.width
    assert "FREMTIDENS VELFÆRD mellem REFORMER & FRISÆTTELSE og VISIONER" in _alt_text(group)


@pytest.mark.parametrize(("layers", "sides"), [(1, 0), (5, 0), (0, 1), (0, 6), (3, 4)])
def test_geometry_adapts_to_any_number_of_parts_within_the_free_area(project, layers, sides):
    lines = ["- id: v", "  kind: vision", "  title: Vision", "  headline: Sammen skaber vi"]
    lines += ["  layers:"] * bool(layers) + [f"    - Lag nummer {n}" for n in range(layers)]
    if sides:
        lines += ["  centre: MIDTEN", "  sides:"] + [f"    - SIDE {n}" for n in range(sides)]
    result_slide = project.render_one("\n".join(lines) + "\n")
    group = _model(result_slide)
    shapes = list(group.shapes)
    expected = 1 + layers + (1 + 2 * sides if sides else 0)
    assert len(shapes) == expected
    slide_width = 12192000
    title = result_slide.shapes.title
    for shape in shapes:
        assert shape.left >= 0 and shape.left + shape.width <= slide_width
        assert shape.top >= title.top + title.height, "below the title"
        assert shape.top + shape.height <= 6309360, "above the footer"
    for i, a in enumerate(shapes):
        for b in shapes[i + 1 :]:
            assert not _overlap(a, b), (a.name, b.name)


def _overlap(a, b):
    """Whether two shapes cover the same place: boxes, or a circle (the centre) and a box."""
    if b.auto_shape_type == MSO_AUTO_SHAPE_TYPE.OVAL:
        a, b = b, a
    box = (b.left, b.top, b.left + b.width, b.top + b.height)
    if a.auto_shape_type == MSO_AUTO_SHAPE_TYPE.OVAL:
        cx, cy, radius = a.left + a.width / 2, a.top + a.height / 2, a.width / 2
        nearest_x, nearest_y = min(max(cx, box[0]), box[2]), min(max(cy, box[1]), box[3])
        return (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < radius**2
    return (
        a.left < box[2]
        and box[0] < a.left + a.width
        and a.top < box[3]
        and box[1] < a.top + a.height
    )


def test_text_is_set_to_fit_and_no_warning_is_raised(project):
    from deckgen import api

    project.blocks("blocks:\n" + LAYERED + CENTRED)
    project.deck("- vision\n- velfaerd\n")
    result = api.build_deck(project.deck_path, project.output)
    assert result.warnings == []


def test_overlong_text_is_warned_about_at_the_block(project):
    from deckgen import api

    words = " ".join(["livskvalitet"] * 40)
    project.blocks(
        f"blocks:\n- id: v\n  kind: vision\n  title: V\n  headline: {words}\n  layers: [Et lag]\n"
    )
    project.deck("- v\n")
    result = api.build_deck(project.deck_path, project.output)
    assert any("blocks.yaml:2:" in str(w) and "does not fit" in str(w) for w in result.warnings)


def test_without_a_title_the_headline_is_the_title_and_not_drawn_twice(project):
    slide = project.render_one(LAYERED.replace("  title: Vores vision\n", ""))
    assert slide.shapes.title.text == "Sammen skaber vi livskvalitet for borgerne"
    assert _texts(_model(slide)) == [
        "Det gode samarbejde med borgerne",
        "Understøttende funktioner",
    ]


def test_alt_text_can_be_written_by_hand(project):
    slide = project.render_one(LAYERED + "  alt_text: Visionen som en pyramide.\n")
    assert _alt_text(_model(slide)) == "Visionen som en pyramide."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("  title: V\n", "needs `layers`, a `centre`, or both"),
        ("  title: V\n  layers: [A]\n  sides: [B]\n", "`sides` stand beside a `centre`"),
        ("  layers: [A]\n", "needs a `title` or a `headline`"),
    ],
)
def test_a_vision_without_a_model_is_an_error_at_the_block(project, body, expected):
    with pytest.raises(DeckgenError) as caught:
        project.render_one("- id: v\n  kind: vision\n" + body)
    assert "blocks.yaml:2:" in str(caught.value) and expected in str(caught.value)
    assert not project.output.exists()


def test_no_shape_is_a_picture_of_text(project):
    slide = project.render_one(LAYERED)
    pictures = slide.shapes._spTree.iter(qn("p:pic"))
    assert list(pictures) == []
