"""`deckgen theme init`: a theme drafted from a template none of us made builds the sample deck
without hand edits, and every text lands in the same kind of placeholder as in our theme."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import DEFAULT_THEME
from office import require_office
from pptx import Presentation
from pptx.oxml.ns import qn
from templates import (  # noqa: F401  (fixtures)
    foreign_templates,
    libreoffice_template,
    two_masters,
)

from deckgen.cli import main

SETS = ["--set", "omu=OMU Børn og Familie", "--set", "dato=2025-03-12"]
DECK = "decks/omu-dialogmoede.yaml"


def _run(*args):
    return CliRunner().invoke(main, [*args])


def _texts_by_kind(path):
    """Per slide: the text of each title placeholder and each text placeholder, sorted."""
    slides = []
    for slide in Presentation(str(path)).slides:
        found = []
        for shape in slide.placeholders:
            kind = shape._element.find(".//" + qn("p:ph")).get("type", "obj")
            if kind in ("ftr", "sldNum", "dt") or not shape.has_text_frame:
                continue
            found.append(("title" if kind in ("title", "ctrTitle") else "text", shape.text))
        slides.append(sorted(found))
    return slides


def _init_and_build(template, root):
    """Draft a theme for `template` in the sample project at `root` and build the sample deck
    in it; returns the drafted text and the built deck's path."""
    # A name of its own per template: the renderer keeps templates by path as written, and
    # each test here runs in a sample project of its own under the same relative paths.
    copy = root / "assets" / f"{template.parent.name}-{template.name}"
    shutil.copy(template, copy)
    drafted = _run("theme", "init", str(copy), "-o", str(root / "assets" / "vores.yaml"))
    assert drafted.exit_code == 0, drafted.output
    deck = root / DECK
    text = deck.read_text(encoding="utf-8")
    assert "\ndeck:\n" in text and "theme:" not in text  # the sample uses the default theme
    deck.write_text(
        text.replace("\ndeck:\n", "\ndeck:\n  theme: ../assets/vores.yaml\n"), encoding="utf-8"
    )
    built = _run("build", DECK, "-o", "build/vores.pptx", *SETS)
    assert built.exit_code == 0, built.output
    return drafted.output, root / "build" / "vores.pptx"


def _reference(root):
    built = _run("build", DECK, "-o", "build/kommune.pptx", *SETS)
    assert built.exit_code == 0, built.output
    return _texts_by_kind(root / "build" / "kommune.pptx")


@pytest.mark.parametrize("kind", ["pptx", "potx"])
def test_a_drafted_theme_builds_the_sample_deck_in_python_pptx_s_template(
    sample_copy,
    foreign_templates,  # noqa: F811
    kind,
):
    expected = _reference(sample_copy)
    output, deck = _init_and_build(foreign_templates[kind], sample_copy)
    assert "vores.yaml: master 1 'Office Theme'" in output
    assert "  layouts.content     'Title and Content' (by name)" in output
    assert _texts_by_kind(deck) == expected
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's 4:3
    assert len(prs.slides) == len(expected)


def test_a_drafted_theme_builds_the_sample_deck_in_a_libreoffice_template(
    sample_copy,
    libreoffice_template,  # noqa: F811
):
    expected = _reference(sample_copy)
    output, deck = _init_and_build(libreoffice_template, sample_copy)
    assert "  layouts.content     'Title, Content' (by name)" in output
    assert (
        "Check: section → 'Title Slide': no layout is named for section; chosen for its "
        "placeholders (title, subtitle)"
    ) in output
    assert _texts_by_kind(deck) == expected


def test_the_drafted_file_says_what_it_guessed_and_takes_the_template_s_theme(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    shutil.copy(foreign_templates["pptx"], sample_copy / "skabelon.pptx")
    result = _run("theme", "init", "skabelon.pptx", "-o", "assets/theme/vores.yaml")
    assert result.exit_code == 0, result.output
    text = (sample_copy / "assets" / "theme" / "vores.yaml").read_text(encoding="utf-8")
    assert 'template: "../../skabelon.pptx"' in text
    # No font files written: the theme measures with what the machine it is used on has
    # (deckgen's own Carlito for Calibri), so it survives an upgrade of deckgen or a move.
    assert "files:" not in text
    assert "site-packages" not in text and "/data/fonts" not in text
    assert (
        '  statement: "Title Slide"  # CHECK: no layout is named for statement; chosen for' in text
    )
    assert '  title: "Title Slide"  # named for it' in text
    # The template's own colours are referred to, so they follow its theme…
    assert '  primary: "scheme:dk2"  # dk2 of the template\'s colour scheme (now 1F497D)' in text
    # …but one that must be darkened to read on white is written out.
    assert '  accent: "4774AA"  # accent1 of the scheme, darkened from 4F81BD so that' in text
    assert '  heading: "Calibri"' in text
    assert "Carlito has Calibri's metrics" in text
    assert "master:" not in text  # one master: nothing to choose


def test_a_template_with_two_masters_gets_the_master_named(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    template = two_masters(foreign_templates["pptx"], sample_copy)
    result = _run("theme", "init", template.name, "-o", "vores.yaml")
    assert result.exit_code == 0, result.output
    text = (sample_copy / "vores.yaml").read_text(encoding="utf-8")
    assert (
        "master: 1  # 'Office Theme': the most roles fit its layouts; the others: 2 'Fokus'" in text
    )
    assert "Check: the master: master 1 'Office Theme' (others: 2 'Fokus')" in result.output
    assert _run("validate", "vores.yaml").exit_code == 0


def test_init_never_replaces_a_file(sample_copy, foreign_templates):  # noqa: F811
    existing = sample_copy / "vores.yaml"
    existing.write_text("# mine\n", encoding="utf-8")
    result = _run("theme", "init", str(foreign_templates["pptx"]), "-o", "vores.yaml")
    assert result.exit_code == 1
    assert "Error: vores.yaml: vores.yaml is already there; theme init does not replace files" in (
        result.output
    )
    assert existing.read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.name for p in sample_copy.iterdir() if p.name.startswith(".vores")) == []


def test_our_danish_template_is_drafted_by_name_with_its_logo(sample_copy):
    template = sample_copy / "assets" / "kommune.pptx"
    shutil.copy(DEFAULT_THEME.parent / "kommune.pptx", template)
    result = _run("theme", "init", str(template), "-o", str(sample_copy / "assets/dansk.yaml"))
    assert result.exit_code == 0, result.output
    # Every role by its Danish name, nothing guessed; the footer keeps the template's own
    # colours, which read where it stands (measured on the coloured section slides too).
    checks = [line for line in result.output.splitlines() if line.startswith("Check:")]
    assert checks == []
    text = (sample_copy / "assets" / "dansk.yaml").read_text(encoding="utf-8")
    for line in [
        "  # color: left out: the template's own footer colours  # they read where the footers "
        "stand",
        '  section: "Afsnitsoverskrift"  # named for it',
        '  statement: "Udsagn"  # named for it',
        '  closing: "Afslutning"  # named for it',
        'logo: "dansk-logo.png"',
    ]:
        assert line in text
    logo = sample_copy / "assets" / "dansk-logo.png"
    assert logo.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_built_deck_is_checked_against_the_theme_it_was_built_in(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    from deckgen import api

    _, deck = _init_and_build(foreign_templates["pptx"], sample_copy)

    def brand(theme=None):
        (report,) = api.check_decks([deck], theme=theme)
        return [str(f) for f in report.findings if "[brand." in str(f)], report.note

    own, note = brand()
    assert own == []
    assert note == ""
    # Judged against our theme instead, its Office colours are off-brand.
    kommune, _ = brand(DEFAULT_THEME)
    assert any("[brand.colors]" in finding for finding in kommune)


def test_a_built_deck_whose_deck_file_is_gone_says_which_theme_judged_it(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    from deckgen import api

    _, deck = _init_and_build(foreign_templates["pptx"], sample_copy)
    (sample_copy / DECK).unlink()
    (report,) = api.check_decks([deck])
    assert report.note == (
        "its deck file decks/omu-dialogmoede.yaml is not here: judged against the default theme"
    )


def test_init_writes_nothing_through_a_link_and_not_to_standard_output(sample_copy, tmp_path):
    """A dangling link where the theme, its logo or its temporary file goes was written
    through (creating a file wherever it pointed), and `-o -` wrote files called `-`."""
    template = sample_copy / "assets" / "kommune.pptx"
    shutil.copy(DEFAULT_THEME.parent / "kommune.pptx", template)
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ["vores.yaml", "vores-logo.png", ".vores.yaml.draft"]:
        link = sample_copy / name
        link.symlink_to(outside / name)
        result = _run("theme", "init", str(template), "-o", "vores.yaml")
        assert result.exit_code == 1, (name, result.output)
        assert f"{name} is already there; theme init does not replace files" in result.output
        assert list(outside.iterdir()) == []
        assert link.is_symlink()
        link.unlink()
    result = _run("theme", "init", str(template), "-o", "-")
    assert result.exit_code == 1
    assert "writing to standard output (-o -) is not supported" in result.output
    assert not any(p.name.startswith("-") for p in sample_copy.iterdir())


def test_footers_of_a_drafted_theme_are_danish_readable_and_styled_on_the_slide(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    from deckgen import api

    _, deck = _init_and_build(foreign_templates["pptx"], sample_copy)
    text = (sample_copy / "assets" / "vores.yaml").read_text(encoding="utf-8")
    assert "  color: muted  # CHECK: footer and slide number in the muted colour" in text
    slide = Presentation(str(deck)).slides[2]
    footers = {
        ph.get("type"): shape._element
        for shape in slide.placeholders
        if (ph := shape._element.find(".//" + qn("p:ph"))).get("type") in ("ftr", "sldNum")
    }
    assert set(footers) == {"ftr", "sldNum"}
    for element in footers.values():
        langs = {r.get("lang") for r in element.iter(qn("a:rPr"), qn("a:endParaRPr"))}
        assert langs == {"da-DK"}
        # The master's 12 pt, in the theme's muted colour, on the slide itself.
        level = element.find(".//" + qn("a:lstStyle") + "/" + qn("a:lvl1pPr"))
        assert level.find(qn("a:defRPr")).get("sz") == "1200"
        assert level.find(".//" + qn("a:srgbClr")).get("val") == "595959"
    (report,) = api.check_decks([deck])
    found = [str(f) for f in report.findings]
    assert not [f for f in found if "ftr" in f or "sldNum" in f], found


def test_the_template_s_sample_slides_leave_no_trace_in_app_xml(
    sample_copy,
    foreign_templates,  # noqa: F811
):
    import zipfile

    source = foreign_templates["pptx"]
    template = sample_copy / "med-eksempler.pptx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(template, "w") as new:
        for item in old.namelist():
            data = old.read(item)
            if item == "docProps/app.xml":
                data = (
                    data.replace(b"<Words>0</Words>", b"<Words>123</Words>")
                    .replace(
                        b"<vt:lpstr>Slide Titles</vt:lpstr></vt:variant><vt:variant><vt:i4>0",
                        b"<vt:lpstr>Slide Titles</vt:lpstr></vt:variant><vt:variant><vt:i4>2",
                    )
                    .replace(
                        b'<vt:vector size="1" baseType="lpstr"><vt:lpstr>Office Theme</vt:lpstr>',
                        b'<vt:vector size="3" baseType="lpstr"><vt:lpstr>Office Theme</vt:lpstr>'
                        b"<vt:lpstr>Eksempel: Velkommen</vt:lpstr><vt:lpstr>Eksempel 2</vt:lpstr>",
                    )
                )
                assert b"Eksempel 2" in data and b"Macintosh" in data
            new.writestr(item, data)
    _, deck = _init_and_build(template, sample_copy)
    with zipfile.ZipFile(deck) as built:
        app = built.read("docProps/app.xml").decode()
    assert "<Application>deckgen</Application>" in app
    assert "<Words>0</Words>" in app and "<Slides>18</Slides>" in app
    for trace in ("Eksempel", "Slide Titles", "Macintosh"):
        assert trace not in app
    assert '<vt:vector size="1" baseType="lpstr"><vt:lpstr>Office Theme</vt:lpstr>' in app


def test_text_in_a_libreoffice_template_is_measured_at_the_master_s_sample_sizes(
    sample_copy,
    libreoffice_template,  # noqa: F811
):
    from deckgen import api

    output, deck = _init_and_build(libreoffice_template, sample_copy)
    del output
    built = _run("build", DECK, "-o", "build/igen.pptx", *SETS)
    # LibreOffice draws body text at the master's 32 pt: the build shrinks the long texts as
    # autofit would, to no less than the slide's minimum (14.5 pt on its 15.75 cm height)…
    assert "runs off" not in built.output, built.output
    slide = Presentation(str(deck)).slides[10]  # naar-vi-lykkes
    body = next(s for s in slide.placeholders if s.placeholder_format.type != 1)
    autofit = body.text_frame._txBody.bodyPr.find(qn("a:normAutofit"))
    scale = int(autofit.get("fontScale", "100000")) / 100000
    assert 14.5 / 32 <= scale < 1.0
    # …and the check agrees that it fits.
    (report,) = api.check_decks([deck])
    assert not [f for f in report.findings if "[fit.text]" in str(f)]
    # Colours come from the sample paragraphs too: the text's contrast is measured.
    assert not [f for f in report.findings if "cannot be resolved" in str(f)]
    # LibreOffice writes no view properties; without them PowerPoint offers a repair.
    assert not [f for f in report.findings if "[package." in str(f)]


@pytest.mark.parametrize("kind", ["pptx", "potx", "libreoffice", "two-masters"])
def test_decks_built_with_drafted_themes_are_valid_open_xml(
    sample_copy,
    foreign_templates,  # noqa: F811
    kind,
):
    from ooxml_sdk import require_validator, sdk_errors

    from deckgen import api

    require_validator()
    if kind == "libreoffice":
        require_office()
    source = foreign_templates["pptx" if kind == "two-masters" else kind]
    template = two_masters(source, sample_copy) if kind == "two-masters" else source
    _, deck = _init_and_build(template, sample_copy)
    assert sdk_errors([deck]) == {str(deck): []}
    # openxml-audit, which `deckgen check` runs, agrees.
    (report,) = api.check_decks([deck])
    assert not [str(f) for f in report.findings if "[package." in str(f)]
