"""Layouts and placeholders chosen by what they can hold, in real templates: points go into the
large content placeholder, not a header bar's small text box; a cover's small subtitle box
grows into the free room under it; `theme init` passes over a layout named for a role whose
text area is too small, and over vertical-text layouts; the title is read first."""

from __future__ import annotations

import io
import shutil
import zipfile

from pptx import Presentation
from pptx.oxml.ns import qn
from real_templates import corpus_file
from templates import theme_for

from deckgen.theme import required_layout_roles
from deckgen.theme.draft import draft_theme

MECANON_LAYOUTS = {
    "title": "Title Slide",
    "section": "Title Slide",
    "statement": "Title Slide",
    "content": "Conteúdo",
    "title_only": "Conteúdo",
    "picture": "Conteúdo",
    "closing": "Title Slide",
}


def _idx(shape) -> int | None:
    found = shape._element.find(".//" + qn("p:ph")).get("idx")
    return None if found is None else int(found)


def test_points_go_into_the_content_placeholder_not_the_header_bar_s_text_box(project):
    template = shutil.copy(corpus_file("ufrj-mecanon.potx"), project.root / "mecanon.potx")
    theme = theme_for(template, MECANON_LAYOUTS, project.root, extra="master: 2\n")
    project.blocks(
        "blocks:\n  - {id: p, kind: bullets, title: Vejen videre, items: [Et, To, Tre]}\n"
    )
    project.deck("- p\n", theme=theme)
    slide = project.build().slides[0]
    holder = next(s for s in slide.placeholders if s.text_frame.text.startswith("Et"))
    assert _idx(holder) == 1  # Content Placeholder 2, under the title
    assert all(_idx(s) != 13 for s in slide.placeholders)  # the header's box is left off


def test_the_title_is_read_first_though_the_layout_lists_it_last(project):
    template = shutil.copy(corpus_file("ufrj-mecanon.potx"), project.root / "mecanon.potx")
    theme = theme_for(template, MECANON_LAYOUTS, project.root, extra="master: 2\n")
    project.blocks(
        "blocks:\n  - {id: t, kind: title, title: Dialogmøde, subtitle: Styrket aktørskab}\n"
    )
    project.deck("- t\n", theme=theme)
    slide = project.build().slides[0]
    first = next(iter(slide.shapes))
    assert first.is_placeholder and first.placeholder_format.type in (1, 3)  # title, ctrTitle
    assert first.text_frame.text == "Dialogmøde"


def test_a_cover_s_small_subtitle_box_grows_into_the_room_under_it(project):
    from deckgen import api

    template = shutil.copy(corpus_file("poi-aptia.pptx"), project.root / "aptia.pptx")
    layouts = dict(MECANON_LAYOUTS, content="Title and Content", title_only="Blank")
    layouts.update(picture="Picture with Caption", closing="Title and Content")
    project.blocks(
        """
        blocks:
          - id: forside
            kind: title
            title: Dialogmøde med Områdeudvalget
            subtitle: "Tema: Styrket aktørskab og handlekraft"
            details: ["OMU Børn og Familie · 12. marts 2025", Direktionen]
        """
    )
    project.deck("- forside\n", theme=theme_for(template, layouts, project.root))
    result = api.build_deck(project.deck_path, project.output)
    assert result.warnings == []
    slide = Presentation(str(project.output)).slides[0]
    subtitle = next(s for s in slide.placeholders if "Tema" in s.text_frame.text)
    layout_box = next(s for s in slide.slide_layout.placeholders if _idx(s) == 1)
    assert subtitle.top == layout_box.top and subtitle.left == layout_box.left
    assert layout_box.height < subtitle.height <= 19.05 * 360000 * 0.9 - subtitle.top


def _with_tiny_body(path, tmp_path):
    """python-pptx's template whose 'Title and Content' body is a 0.77 cm strip at the foot of
    the slide: named for content, but with no room for points."""
    prs = Presentation()
    layout = next(item for item in prs.slide_layouts if item.name == "Title and Content")
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    body.top, body.height = 6858000 - 277200 - 100000, 277200
    buffer = io.BytesIO()
    prs.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_theme_init_passes_over_a_layout_named_for_content_that_cannot_hold_it(tmp_path):
    template = _with_tiny_body(tmp_path / "tiny.pptx", tmp_path)
    drafted = draft_theme(template, tmp_path / "t.yaml", required_layout_roles())
    assert drafted.layouts["content"].layout.name != "Title and Content"
    assert not drafted.layouts["content"].by_name
    assert "content →" in "\n".join(drafted.checks)


def test_theme_init_never_chooses_a_vertical_text_layout(tmp_path):
    drafted = draft_theme(
        corpus_file("poi-aptia.pptx"), tmp_path / "t.yaml", required_layout_roles()
    )
    chosen = {choice.layout.name for choice in drafted.layouts.values()}
    assert not {"Vertical Title and Text", "Title and Vertical Text"} & chosen
    assert drafted.layouts["title"].layout.name == "Title Slide"
    with zipfile.ZipFile(corpus_file("poi-aptia.pptx")) as package:  # the template does have them
        assert b'orient="vert"' in package.read("ppt/slideLayouts/slideLayout10.xml")
