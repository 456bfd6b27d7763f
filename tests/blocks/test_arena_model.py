"""The arena model (opsamling): arenas, their groups of points, arrows and the closing question,
drawn as native shapes in one described group that a new theme restyles."""

import itertools

import pytest
from conftest import DEFAULT_THEME
from pptx import Presentation
from pptx.enum.shapes import MSO_AUTO_SHAPE_TYPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from deckgen import api
from deckgen.errors import DeckgenError

OPSAMLING = """
- id: opsamling
  kind: arena_model
  title: Opsamling
  arenas:
    - heading: Den politiske arena
      groups:
        - heading: Nationalpolitiske krav om frisættelse
          items: [Reformer, Afbureaukratisering, Systemer & strukturer]
        - heading: Lokalpolitiske krav
          items: [Forenkling, Ny vision - skal være retningsgivende]
    - heading: Den organisatoriske arena
      groups:
        - heading: Organisatoriske greb til hvordan vi lykkes med frisættelse og forenkling
          items: [Styrket aktørskab, Faglig sparring og ledelse tæt på]
    - heading: Lokale arbejdspladser
      groups:
        - heading: Målet er at styrket aktørskab viser sig konkret i vores
          items: [Opgaveløsning, Arbejdsfællesskaber, Arbejdsmiljøer, Ansvar og handlinger]
  question: … men hvordan?
"""


def _model(slide):
    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(groups) == 1
    assert all(s.is_placeholder for s in slide.shapes if s.shape_type != MSO_SHAPE_TYPE.GROUP)
    return groups[0]


def _named(group, prefix):
    return [s for s in group.shapes if s.name.startswith(prefix)]


def test_three_arenas_with_groups_arrows_and_question_in_one_group(project):
    slide = project.render_one(OPSAMLING)
    assert slide.slide_layout.name == "Kun titel"
    assert slide.shapes.title.text == "Opsamling"
    group = _model(slide)
    assert len(group.shapes) == 3 + 3 + 2 + 1
    headings = [s for s in group.shapes if s.name in ("Arena 1", "Arena 2", "Arena 3")]
    assert [h.text_frame.text for h in headings] == [
        "Den politiske arena",
        "Den organisatoriske arena",
        "Lokale arbejdspladser",
    ]
    assert [h.left for h in headings] == sorted(h.left for h in headings)
    political = _named(group, "Arena 1, indhold")[0].text_frame.paragraphs
    assert [p.text for p in political] == [
        "Nationalpolitiske krav om frisættelse",
        "Reformer",
        "Afbureaukratisering",
        "Systemer & strukturer",
        "Lokalpolitiske krav",
        "Forenkling",
        "Ny vision - skal være retningsgivende",
    ]
    bulleted = [p._p.pPr.find(qn("a:buChar")) is not None for p in political]
    assert bulleted == [False, True, True, True, False, True, True]
    assert [p.runs[0].font.bold for p in political][:2] == [True, False]
    arrows = [s for s in group.shapes if s.auto_shape_type == MSO_AUTO_SHAPE_TYPE.RIGHT_ARROW]
    assert len(arrows) == 2
    for arrow, (before, after) in zip(arrows, itertools.pairwise(headings), strict=True):
        assert before.left + before.width <= arrow.left < arrow.left + arrow.width <= after.left
    question = _named(group, "Spørgsmål")[0]
    assert question.text_frame.text == "… men hvordan?"


def test_alt_text_describes_the_whole_model(project):
    alt = _model(project.render_one(OPSAMLING))._element.nvGrpSpPr.cNvPr.get("descr")
    assert alt.startswith("Model med 3 arenaer")
    for words in (
        "Den politiske arena",
        "Lokalpolitiske krav: Forenkling, Ny vision - skal være retningsgivende",
        "Lokale arbejdspladser",
        "… men hvordan?",
    ):
        assert words in alt


def test_parallel_parts_share_one_text_size_that_fits(project):
    project.blocks("blocks:\n" + OPSAMLING)
    project.deck("- opsamling\n")
    result = api.build_deck(project.deck_path, project.output)
    assert result.warnings == []
    group = _model(Presentation(str(project.output)).slides[0])
    body_sizes = {
        run.font.size.pt
        for shape in _named(group, "Arena ")
        if "indhold" in shape.name
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert len(body_sizes) == 1 and 14 <= body_sizes.pop() <= 20
    for shape in group.shapes:
        if shape.has_text_frame and shape.text_frame.text:
            assert shape.text_frame.word_wrap is True
            assert shape.text_frame.paragraphs[0].runs[0]._r.rPr.get("lang") == "da-DK"


@pytest.mark.parametrize("count", [2, 4])
def test_two_to_four_arenas_share_the_width(project, count):
    arenas = "".join(
        f"    - heading: Arena {n}\n      groups:\n        - heading: Gruppe\n          items: [Punkt]\n"
        for n in range(count)
    )
    slide = project.render_one(
        f"- id: a\n  kind: arena_model\n  title: Arenaer\n  arenas:\n{arenas}"
    )
    group = _model(slide)
    assert len(group.shapes) == 2 * count + count - 1
    bodies = [s for s in group.shapes if s.name.endswith("indhold")]
    assert len({b.width for b in bodies}) == 1 and len({b.height for b in bodies}) == 1
    assert bodies[0].left >= 0 and bodies[-1].left + bodies[-1].width <= 12192000


@pytest.mark.parametrize("count", [1, 5])
def test_fewer_than_two_or_more_than_four_arenas_is_an_error(project, count):
    arenas = "".join(
        f"    - heading: A{n}\n      groups: [{{heading: G, items: [P]}}]\n" for n in range(count)
    )
    with pytest.raises(DeckgenError) as caught:
        project.render_one(f"- id: a\n  kind: arena_model\n  title: T\n  arenas:\n{arenas}")
    assert "blocks.yaml:5:" in str(caught.value) and "arenas" in str(caught.value)
    assert not project.output.exists()


def test_switching_the_theme_file_restyles_the_model(project):
    theme = DEFAULT_THEME.read_text(encoding="utf-8")
    assets = DEFAULT_THEME.parent
    theme = (
        theme.replace('primary: "003B5C"', 'primary: "6B1F3A"')
        .replace('light: "E6EEF3"', 'light: "F4ECE6"')
        .replace("template: kommune.pptx", f"template: {assets / 'kommune.pptx'}")
        .replace("logo: logo.png", f"logo: {assets / 'logo.png'}")
        .replace("../fonts/", f"{assets.parent / 'fonts'}/")
        .replace("heading: Calibri", "heading: Carlito")
    )
    (project.root / "anden.yaml").write_text(theme, encoding="utf-8")
    project.blocks("blocks:\n" + OPSAMLING)
    project.deck_path.write_text(
        "deck:\n  title: T\n  theme: ../anden.yaml\n  footer: ''\nslides: [opsamling]\n",
        encoding="utf-8",
    )
    group = _model(project.build().slides[0])
    heading = _named(group, "Arena 1")[0]
    body = _named(group, "Arena 1, indhold")[0]
    assert str(heading.fill.fore_color.rgb) == "6B1F3A"
    assert str(body.fill.fore_color.rgb) == "F4ECE6"
    assert heading.text_frame.paragraphs[0].runs[0].font.name == "Carlito"


def test_a_tall_title_box_leaves_its_unused_room_to_the_model(project):
    """A template whose 'Title only' layout gives the title half the slide (LibreOffice's
    Midnightblue, Progress): the title is made only as tall as its text, and the model takes
    the room under it at a readable size instead of shrinking below it."""
    theme = DEFAULT_THEME.read_text(encoding="utf-8")
    assets = DEFAULT_THEME.parent
    template = Presentation(str(assets / "kommune.pptx"))
    layout = next(lay for lay in template.slide_layouts if lay.name == "Kun titel")
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
    # Two thirds down the slide (all four set: python-pptx writes 0 for those left out).
    title.left, title.top, title.width, title.height = 609600, 320040, 10972800, 4114800
    template.save(str(project.root / "hoj-titel.pptx"))
    theme = (
        theme.replace("template: kommune.pptx", f"template: {project.root / 'hoj-titel.pptx'}")
        .replace("logo: logo.png", f"logo: {assets / 'logo.png'}")
        .replace("../fonts/", f"{assets.parent / 'fonts'}/")
    )
    (project.root / "hoj.yaml").write_text(theme, encoding="utf-8")
    project.blocks("blocks:\n" + OPSAMLING)
    project.deck_path.write_text(
        "deck:\n  title: T\n  theme: ../hoj.yaml\n  footer: ''\nslides: [opsamling]\n",
        encoding="utf-8",
    )
    slide = project.build().slides[0]
    assert slide.shapes.title.text == "Opsamling"
    assert slide.shapes.title.height < 4114800 // 2
    group = _model(slide)
    assert group.top >= slide.shapes.title.top + slide.shapes.title.height
    assert group.top < 320040 + 4114800  # in the room the title did not use
    sizes = [
        run.font.size.pt
        for shape in group.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.font.size is not None
    ]
    assert sizes and min(sizes) >= 18


def test_headings_grow_to_a_third_line_rather_than_shrink_below_readable(project):
    """A 27.5 cm wide template set in Verdana (Apache POI's aes-conference): 'Den
    organisatoriske arena' takes three lines at the readable 18 pt in a third of the slide.
    The headings were kept at their usual height and set at 17 pt, which the gate fails;
    they now grow to hold the third line, the bodies below giving up that room."""
    theme = DEFAULT_THEME.read_text(encoding="utf-8")
    assets = DEFAULT_THEME.parent
    template = Presentation(str(assets / "kommune.pptx"))
    narrower = 9906000 / template.slide_width
    template.slide_width = 9906000
    for layout in template.slide_layouts:
        for placeholder in layout.placeholders:
            # All four set: python-pptx writes 0 for those left out.
            left, top, width, height = (
                placeholder.left,
                placeholder.top,
                placeholder.width,
                placeholder.height,
            )
            placeholder.left, placeholder.width = round(left * narrower), round(width * narrower)
            placeholder.top, placeholder.height = top, height
    template.save(str(project.root / "smal.pptx"))
    head, rest = theme.split("fonts:\n", 1)
    theme = (
        head
        + "fonts:\n  heading: Verdana\n  body: Verdana\nemphasis:"
        + rest.split("emphasis:", 1)[1]
    )
    theme = theme.replace("template: kommune.pptx", f"template: {project.root / 'smal.pptx'}")
    theme = theme.replace("logo: logo.png", f"logo: {assets / 'logo.png'}")
    (project.root / "smal.yaml").write_text(theme, encoding="utf-8")
    project.blocks("blocks:\n" + OPSAMLING)
    project.deck_path.write_text(
        "deck:\n  title: T\n  theme: ../smal.yaml\n  footer: ''\nslides: [opsamling]\n",
        encoding="utf-8",
    )
    result = api.build_deck(project.deck_path, project.output)
    assert [w.message for w in result.warnings] == []
    group = _model(Presentation(str(project.output)).slides[0])
    sizes = {
        run.font.size.pt
        for shape in group.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert min(sizes) >= 18
