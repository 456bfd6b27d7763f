"""`deckgen catalogue`: every block of the library drawn as its slide, on a page and a sheet,
with its id, kind, tags and where it is written; blocks that cannot be drawn are listed."""

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from office import require_office
from PIL import Image

from deckgen import api
from deckgen.cli.commands import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE_PROJECT = REPO / "tests" / "fixtures" / "sample"

LIBRARY = """\
blocks:
  - id: forside
    kind: title
    title: Dialogmøde med {{ omu }}
    tags: [intro]
  - id: vejen-videre
    kind: bullets
    title: Vejen videre
    items: [Indsats i to spor, Besøg i 2025]
    tags: [vejen-videre, plan]
  - id: mening
    kind: dialogue
    question: Hvad giver mening?
"""


def test_catalogue_shows_every_block_with_id_kind_tags_and_place(project, tmp_path):
    require_office()
    library = project.blocks(LIBRARY).parent
    out = tmp_path / "katalog"
    catalogue = api.make_catalogue(out, library)

    assert [(e.block_id, e.kind) for e in catalogue.entries] == [
        ("forside", "title"),
        ("vejen-videre", "bullets"),
        ("mening", "dialogue"),
    ]
    assert catalogue.entries[0].heading == "Dialogmøde med ‹omu›"
    page = catalogue.page.read_text(encoding="utf-8")
    for entry in catalogue.entries:
        assert f'<figure id="{entry.block_id}">' in page
        assert f'<img src="blocks/{entry.block_id}.png"' in page
        with Image.open(out / "blocks" / f"{entry.block_id}.png") as picture:
            assert picture.size == (640, 360)
    assert '<span class="kind">bullets</span>' in page
    assert "Tags: vejen-videre, plan" in page
    assert "blocks.yaml:6:5" in page
    with Image.open(catalogue.sheet) as sheet, Image.open(catalogue.entries[0].picture) as cover:
        assert sheet.width > 3 * 360
        # The title block's slide is dark blue: the sheet shows the rendered slides.
        assert (
            cover.convert("RGB").getpixel((10, 10))[2] > cover.convert("RGB").getpixel((10, 10))[0]
        )


def test_blocks_that_cannot_be_drawn_are_listed_and_the_rest_shown(project, tmp_path):
    require_office()
    library = project.blocks(
        LIBRARY
        + "  - id: billede\n    kind: image\n    title: Mangler\n    file: findes-ikke.png\n"
        "    alt_text: Et billede\n"
    ).parent
    result = CliRunner().invoke(main, ["catalogue", "-o", str(tmp_path), "--library", str(library)])
    # Written, but not one to hand out: the command fails, naming the block it could not show.
    assert result.exit_code == 1, result.output
    assert f"Wrote {tmp_path}/index.html and {tmp_path}/catalogue.png (3 blocks)" in result.output
    assert "Error: " in result.output and "findes-ikke.png" in result.output
    assert "1 block could not be shown, so the catalogue is not complete" in result.output
    assert "Blokke der ikke kan vises" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_the_catalogue_deck_is_the_same_bytes_whatever_python_s_hash_seed():
    # Sets iterate in an order that changes with the seed; nothing they hold may reach the file.
    script = (
        "import hashlib, sys; from pathlib import Path; from deckgen.api import render_composed;"
        "from deckgen.preview.catalogue import catalogue_deck; from deckgen.theme import load_theme;"
        "theme = load_theme(); deck, _ = catalogue_deck(Path('decks/blocks'), theme);"
        "print(hashlib.sha256(render_composed(deck, theme)[0]).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=SAMPLE_PROJECT,
            env={**os.environ, "PYTHONHASHSEED": seed, "DECKGEN_CACHE": "off"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1
