"""The corporate theme: layouts by name, own templates (.pptx and .potx), clear errors."""

import io
import shutil
import zipfile

import pytest
from conftest import DEFAULT_THEME, REPO
from pptx import Presentation

from deckgen.errors import DeckgenError, InvalidInput

TEMPLATE = REPO / "deckgen" / "data" / "theme" / "kommune.pptx"


def _theme_copy(project, **replace):
    """A copy of the default theme in the project, with some lines replaced."""
    folder = project.root / "theme"
    folder.mkdir()
    shutil.copy(TEMPLATE, folder / "kommune.pptx")
    text = DEFAULT_THEME.read_text(encoding="utf-8").replace(
        "../fonts/", f"{REPO}/deckgen/data/fonts/"
    )
    text = text.replace("logo: logo.png\n", "")
    for old, new in replace.items():
        text = text.replace(old, new)
    path = folder / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _statement_deck(project, theme_path):
    project.blocks("blocks:\n  - id: a\n    kind: section\n    title: Fælles og lokal tilgang\n")
    project.deck("- a\n", theme=theme_path)


def test_missing_layout_lists_what_the_template_has(project):
    theme = _theme_copy(project, **{"section: Afsnitsoverskrift": "section: Sektion"})
    _statement_deck(project, theme)
    with pytest.raises(DeckgenError) as caught:
        project.build()
    message = str(caught.value)
    assert (
        "theme.yaml:7:3: layouts.section: the template kommune.pptx has no layout named 'Sektion'"
        in message
    )
    assert "'Titeldias', 'Titel og indhold', 'Afsnitsoverskrift'" in message
    assert not project.output.exists()


def test_a_potx_template_works(project):
    potx = project.root / "theme" / "kommune.potx"
    theme = _theme_copy(project, **{"template: kommune.pptx": "template: kommune.potx"})
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(potx, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            target.writestr(info, data)
    _statement_deck(project, theme)
    slide = project.build().slides[0]
    assert slide.slide_layout.name == "Afsnitsoverskrift"


def test_a_file_that_is_not_a_presentation_is_refused(project):
    theme = _theme_copy(project)
    (project.root / "theme" / "kommune.pptx").write_text("ikke en præsentation", encoding="utf-8")
    _statement_deck(project, theme)
    with pytest.raises(DeckgenError, match=r"kommune.pptx: the template is not a PowerPoint file"):
        project.build()


def test_theme_colours_restyle_the_emphasis(project):
    theme = _theme_copy(project, **{'muted: "4A6373"': 'muted: "7A1F1F"'})
    project.blocks(
        "blocks:\n  - id: p\n    kind: principles\n    title: P\n"
        "    items: [{text: En}]\n    attribution: Fra bogen\n"
    )
    project.deck("- p\n", theme=theme)
    paragraph = project.build().slides[0].placeholders[1].text_frame.paragraphs[-1]
    assert str(paragraph.runs[0].font.color.rgb) == "7A1F1F"


def test_bad_colour_in_theme_shows_the_allowed_form(project):
    theme = _theme_copy(project, **{'accent: "00806E"': "accent: teal"})
    from deckgen.theme import load_theme

    with pytest.raises(InvalidInput) as caught:
        load_theme(theme)
    assert (
        'theme.yaml:15:3: colors.accent: \'teal\' is not allowed here — write a colour as six hex digits in quotes, e.g. "003B5C", or one of the template\'s colour scheme, e.g. "scheme:accent1"'
        in str(caught.value)
    )


def test_template_example_slides_are_dropped(project, tmp_path):
    with_slides = Presentation(str(TEMPLATE))
    with_slides.slides.add_slide(with_slides.slide_layouts[0]).shapes.title.text = "Eksempel"
    buffer = io.BytesIO()
    with_slides.save(buffer)
    theme = _theme_copy(project)
    (project.root / "theme" / "kommune.pptx").write_bytes(buffer.getvalue())
    _statement_deck(project, theme)
    slides = project.build().slides
    assert [s.shapes.title.text for s in slides] == ["Fælles og lokal tilgang"]


def test_layout_without_the_needed_placeholder_lists_what_it_has(project):
    theme = _theme_copy(project, **{"content: Titel og indhold": "content: Kun titel"})
    project.blocks("blocks:\n  - id: b\n    kind: bullets\n    title: B\n    items: [En]\n")
    project.deck("- b\n", theme=theme)
    with pytest.raises(DeckgenError) as caught:
        project.build()
    # Found when the theme is read, at the theme's line, not when a block is drawn.
    assert str(caught.value).endswith(
        "theme.yaml:9:3: layouts.content: layout 'Kun titel' has no text placeholder, which "
        "'bullets' blocks fill; it has: title (idx –), date (idx 10), footer (idx 11), "
        "slide number (idx 12) — use a layout that has, e.g. 'Titel og indhold'"
    )
    assert not project.output.exists()


def test_validate_lists_every_layout_the_template_lacks(project):
    from deckgen import api

    theme = _theme_copy(
        project,
        **{
            "section: Afsnitsoverskrift": "section: Sektion",
            "title_only: Kun titel": "title_only: Kun Titel",
        },
    )
    errors, _warnings, _count = api.validate_paths([theme])
    messages = [str(e).split("theme.yaml:", 1)[1] for e in errors]
    assert [m.split(";")[0] for m in messages] == [
        "7:3: layouts.section: the template kommune.pptx has no layout named 'Sektion'",
        "10:3: layouts.title_only: the template kommune.pptx has no layout named 'Kun Titel'",
    ]


def test_a_missing_role_with_a_hostile_template_neither_hangs_nor_unpacks_it(project):
    """Listing the template's layouts for the hint opened it with zipfile directly: a FIFO as
    the template hung, and a layout that unpacks to 300 MB took 1.2 GB."""
    import os
    import signal

    theme = _theme_copy(project, **{"  closing: Afslutning\n": ""})
    _statement_deck(project, theme)
    with zipfile.ZipFile(TEMPLATE) as source:
        layout = source.read("ppt/slideLayouts/slideLayout1.xml")
    bomb = layout.replace(b"<p:cSld", b"<!--" + b" " * 300_000_000 + b"--><p:cSld", 1)
    template = project.root / "theme" / "kommune.pptx"
    with (
        zipfile.ZipFile(TEMPLATE) as source,
        zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            name = info.filename
            target.writestr(name, bomb if name.endswith("slideLayout1.xml") else source.read(info))
    del bomb

    def hung(*_):
        raise AssertionError("reading the template hung")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        with pytest.raises(DeckgenError) as caught:
            project.build()
        assert "no layout named for role 'closing'" in str(caught.value)
        template.unlink()
        os.mkfifo(template)
        with pytest.raises(DeckgenError) as caught:
            project.build()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert "no layout named for role 'closing'" in str(caught.value)
    assert not project.output.exists()
