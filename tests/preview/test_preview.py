"""`deckgen render`: one LibreOffice for many decks, a PDF, a PNG per slide and a contact
sheet; a clear error when LibreOffice is missing."""

import subprocess

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_PROJECT
from office import require_office
from PIL import Image

from deckgen import api
from deckgen.cli.commands import main
from deckgen.errors import DeckgenError
from deckgen.preview import render as preview

PRIMARY = (0x00, 0x3B, 0x5C)


def _close(pixel, colour, tolerance=8):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def _two_slides(project):
    project.blocks(
        """\
        blocks:
          - {id: forside, kind: title, title: Dialogmøde, subtitle: "{{ omu }}"}
          - {id: punkter, kind: bullets, title: Vejen videre, items: [Et, To, Tre]}
        """
    )
    return project.deck("- forside\n- punkter\n")


def test_decks_and_pptx_render_in_one_libreoffice_run(project, tmp_path, monkeypatch):
    require_office()
    deck = _two_slides(project)
    project.build()
    built = project.root / "build" / "bygget.pptx"
    project.output.rename(built)
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(command[0])
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(preview.subprocess, "run", counting_run)
    out = tmp_path / "preview"
    previews = api.render_previews([deck, built], out)

    assert [c for c in calls if c.endswith("soffice")] == [preview.shutil.which("soffice")]
    assert [p.pdf.name for p in previews] == ["deck.pdf", "bygget.pdf"]
    for item in previews:
        assert item.pdf.read_bytes().startswith(b"%PDF")
        assert [p.name for p in item.slides] == ["01.png", "02.png"]
        with Image.open(item.slides[0]) as cover:
            assert cover.size == (1280, 720)
            # The cover's dark blue background: LibreOffice drew the template.
            assert _close(cover.convert("RGB").getpixel((20, 20)), PRIMARY)
        with Image.open(item.sheet) as sheet:
            assert sheet.width > 2 * 400
            assert _close(sheet.convert("RGB").getpixel((16 + 20, 60 + 20)), PRIMARY)


def test_missing_libreoffice_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(preview.shutil, "which", lambda name: None)
    with pytest.raises(DeckgenError) as caught:
        preview.LibreOffice()
    assert str(caught.value) == (
        "soffice is not installed, so decks cannot be rendered — install it: sudo apt-get "
        "install libreoffice-impress (Debian/Ubuntu), or from libreoffice.org; then run the "
        "command again"
    )
    result = CliRunner().invoke(
        main, ["render", str(SAMPLE_PROJECT / "decks"), "-o", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "Error: soffice is not installed" in result.output
    assert "Traceback" not in result.output


def test_contact_sheet_lays_out_every_slide_with_its_number(tmp_path):
    colours = [(200, 30, 30), (30, 160, 60), (30, 30, 200), (220, 180, 40), (90, 90, 90)]
    paths = []
    for number, colour in enumerate(colours, 1):
        path = tmp_path / f"{number:02d}.png"
        Image.new("RGB", (640, 360), colour).save(path)
        paths.append(path)
    sheet = preview.contact_sheet(paths, "Fem dias", columns=4, thumb_width=200)
    # 4 columns, 2 rows of 200 × 112 thumbnails with 16 px gaps under a 60 px heading.
    assert sheet.size == (4 * 216 + 16, 60 + 2 * (112 + 30 + 16))
    for index, colour in enumerate(colours):
        x = 16 + (index % 4) * 216 + 100
        y = 60 + (index // 4) * (112 + 30 + 16) + 56
        assert _close(sheet.getpixel((x, y)), colour)


def test_render_command_reports_what_it_wrote(project, tmp_path):
    require_office()
    deck = _two_slides(project)
    out = tmp_path / "ud"
    result = CliRunner().invoke(main, ["render", str(deck), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{deck}: {out}/deck.pdf, 2 slides in {out}/deck/, contact sheet " in result.output
    assert (out / "deck-contact-sheet.png").is_file()


def test_decks_with_the_same_name_get_renders_of_their_own(project, tmp_path):
    require_office()
    _two_slides(project)
    project.build()  # build/deck.pptx: two slides
    deck = project.deck("- forside\n")  # decks/deck.yaml: now one slide
    out = tmp_path / "ud"
    previews = api.render_previews([deck, project.output], out)
    assert [p.pdf.name for p in previews] == ["deck.pdf", "deck-2.pdf"]
    assert [p.sheet.name for p in previews] == [
        "deck-contact-sheet.png",
        "deck-2-contact-sheet.png",
    ]
    assert [len(p.slides) for p in previews] == [1, 2]
    assert sorted(p.name for p in (out / "deck").iterdir()) == ["01.png"]
    assert sorted(p.name for p in (out / "deck-2").iterdir()) == ["01.png", "02.png"]


def test_the_contact_sheet_font_is_loaded_once(monkeypatch):
    loads = []
    real = preview.load_theme

    def counting(*args, **kwargs):
        loads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(preview, "load_theme", counting)
    preview._sheet_font_files.cache_clear()
    for bold, size in [(True, 28), (False, 18), (True, 28), (False, 12)]:
        assert preview._font(bold, size).size == size
    assert len(loads) == 1


def test_approve_refuses_set_values(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(SAMPLE_PROJECT / "decks"),
            "--approve",
            "--set",
            "omu=X",
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    assert (
        "--approve and --compare render decks as they are written; leave out --set" in result.output
    )
