"""A deck's inputs are the bytes it was built from, pictures, presentations and the theme's
files included: one replaced under the same name makes the decks showing it outdated, and the
tour builds them again (issue 24)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner
from pictures import GREEN, two_tone
from PIL import Image
from sample_project import write_schedule
from test_tour import GOOD, NAMES

from deckgen.cli.commands import main

PICTURE = "assets/pictures/meget-mere-ledelse.png"
FONTS = Path(__file__).resolve().parents[1] / "deckgen" / "data" / "fonts"


def _run(*args: object) -> str:
    result = CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _replace_picture(root: Path) -> None:
    """The same name, other bytes: a green picture instead."""
    path = root / PICTURE
    with Image.open(path) as old:
        size = old.size
    two_tone(*size, top=GREEN, bottom=GREEN).save(path, format="PNG")


def _has_green_picture(deck: Path) -> bool:
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if name.startswith("ppt/media/"):
                with Image.open(io.BytesIO(package.read(name))) as picture:
                    colour = picture.convert("RGB").getpixel((picture.width // 2, 1))
                if colour == GREEN:
                    return True
    return False


def test_a_picture_replaced_under_its_name_makes_its_decks_outdated_and_the_tour_rebuilds_them(
    sample_copy: Path,
) -> None:
    schedule = write_schedule(sample_copy, GOOD)
    build = sample_copy / "build"
    _run("tour", schedule, "-o", build)
    assert "0 decks show an older version" in _run("provenance", build, "--outdated")

    _replace_picture(sample_copy)
    listed = _run("provenance", build, "--outdated")
    assert f"{PICTURE} has changed since (or is gone): the deck shows it as it was" in listed
    shown = [name for name in NAMES if f"build/{name}" in listed]
    assert shown  # the decks showing the picture, and only those
    out = _run("tour", schedule, "-o", build)
    assert f"Built {len(shown)} of 3 decks" in out
    for name in shown:
        assert _has_green_picture(build / name), name
    assert "0 decks show an older version" in _run("provenance", build, "--outdated")


def test_the_themes_logo_and_template_replaced_under_their_names_are_changed_inputs(
    project, monkeypatch
) -> None:
    import shutil

    from conftest import DEFAULT_THEME

    monkeypatch.chdir(project.root)
    theme = project.root / "tema"
    shutil.copytree(DEFAULT_THEME.parent, theme)
    text = (theme / "kommune.yaml").read_text("utf-8").replace("../fonts/", f"{FONTS}/")
    (theme / "kommune.yaml").write_text(text, encoding="utf-8")
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n", theme=theme / "kommune.yaml")
    _run("build", project.deck_path, "-o", project.output)
    assert "0 decks show an older version" in _run("provenance", project.output, "--outdated")
    two_tone(40, 20, top=GREEN, bottom=GREEN).save(theme / "logo.png", format="PNG")
    listed = _run("provenance", project.output, "--outdated")
    assert "tema/logo.png has changed since" in listed
    with zipfile.ZipFile(theme / "kommune.pptx", "a") as template:
        template.comment = b"saved again"
    listed = _run("provenance", project.output, "--outdated")
    assert "tema/kommune.pptx has changed since" in listed
    _run("build", project.deck_path, "-o", project.output)
    assert "0 decks show an older version" in _run("provenance", project.output, "--outdated")
