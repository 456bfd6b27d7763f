"""`render` and `catalogue` replace only files deckgen made and nobody changed since; anything
else in the way is left untouched (or with --force kept as .bak), and temporary folders of a
killed run are removed by the next."""

from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner
from office import require_office

from deckgen import api
from deckgen.cli import main
from deckgen.errors import DeckgenError
from deckgen.preview import scratch
from deckgen.preview.owned import RECORD_NAME, OutputFolder


def _deck(project, slides: int):
    items = "".join(f"  - {{id: s{n}, kind: statement, text: Udsagn {n}}}\n" for n in range(slides))
    project.blocks("blocks:\n" + items, name="pictures.yaml")
    deck = project.deck("".join(f"- s{n}\n" for n in range(slides)))
    return deck.rename(deck.with_name("pictures.yaml"))


def test_render_leaves_a_picture_it_did_not_make_and_replaces_its_own(project, tmp_path):
    require_office()
    deck = _deck(project, 3)
    assets = tmp_path / "assets"
    (assets / "pictures").mkdir(parents=True)
    mine = assets / "pictures" / "02.png"
    mine.write_bytes(b"the project's own picture")
    other = assets / "pictures" / "logo.png"
    other.write_bytes(b"another picture")
    result = CliRunner().invoke(main, ["render", str(deck), "-o", str(assets)])
    assert result.exit_code == 1
    assert "a file that deckgen did not make, or that was changed since, is in the way" in (
        result.output
    )
    assert "(pictures/02.png); nothing was written — choose another -o folder, or pass --force" in (
        result.output
    )
    assert sorted(p.name for p in assets.rglob("*")) == ["02.png", "logo.png", "pictures"]
    assert mine.read_bytes() == b"the project's own picture"

    out = tmp_path / "preview"
    first = api.render_previews([deck], out)[0]
    assert [p.name for p in first.slides] == ["01.png", "02.png", "03.png"]
    again = api.render_previews([deck], out)[0]  # its own files: replaced without asking
    assert again.slides == first.slides

    (out / "pictures" / "notes.txt").write_text("mine", encoding="utf-8")
    deck = _deck(project, 2)
    api.render_previews([deck], out)
    # The slide no longer made is deleted, because deckgen made it; the user's file stays.
    assert sorted(p.name for p in (out / "pictures").iterdir()) == ["01.png", "02.png", "notes.txt"]

    (out / "pictures.pdf").write_bytes(b"edited since")
    with pytest.raises(DeckgenError, match=r"\(pictures.pdf\); nothing was written"):
        api.render_previews([deck], out)
    assert (out / "pictures.pdf").read_bytes() == b"edited since"
    api.render_previews([deck], out, force=True)
    assert (out / "pictures.pdf.bak").read_bytes() == b"edited since"
    assert (out / "pictures.pdf").read_bytes().startswith(b"%PDF")


def test_catalogue_leaves_a_page_it_did_not_make(project, tmp_path):
    require_office()
    library = project.blocks("blocks:\n  - {id: a, kind: statement, text: Hej}\n").parent
    site = tmp_path / "site"
    (site / "blocks").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Our site</h1>", encoding="utf-8")
    (site / "blocks" / "photo.png").write_bytes(b"a photo")
    with pytest.raises(DeckgenError, match=r"\(index.html\); nothing was written"):
        api.make_catalogue(site, library)
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>Our site</h1>"
    assert sorted(p.name for p in site.rglob("*")) == ["blocks", "index.html", "photo.png"]
    (site / "index.html").unlink()
    api.make_catalogue(site, library)
    api.make_catalogue(site, library)  # its own page: replaced
    assert sorted(p.name for p in (site / "blocks").iterdir()) == ["a.png", "photo.png"]
    assert (site / "blocks" / "photo.png").read_bytes() == b"a photo"


def test_a_path_that_is_not_a_plain_file_is_never_replaced(tmp_path):
    staged = tmp_path / "staged.png"
    staged.write_bytes(b"new")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").symlink_to(os.devnull)
    os.mkfifo(out / "catalogue.png")
    for name, what in (("index.html", "a symbolic link"), ("catalogue.png", "a named pipe")):
        with pytest.raises(DeckgenError, match=what):
            OutputFolder.open(out, force=True).publish({name: staged})
    assert (out / "index.html").is_symlink()


def test_a_link_to_a_folder_inside_the_output_folder_is_not_written_through(tmp_path):
    """`build/preview/deck -> /elsewhere`: the slide pictures went to /elsewhere, outside the
    folder the user named; deleting a shrunk deck's pictures would have followed it too."""
    staged = tmp_path / "staged.png"
    staged.write_bytes(b"new")
    out = tmp_path / "out"
    OutputFolder.open(out).publish({"deck/01.png": staged, "deck/02.png": staged})
    elsewhere = tmp_path / "elsewhere"
    (out / "deck").rename(elsewhere)
    (out / "deck").symlink_to(elsewhere)
    for force in (False, True):
        with pytest.raises(DeckgenError, match="deck is a symbolic link to a folder"):
            OutputFolder.open(out, force=force).publish({"deck/01.png": staged}, ["deck"])
    assert sorted(p.name for p in elsewhere.iterdir()) == ["01.png", "02.png"]
    assert (out / "deck").is_symlink()


def test_a_damaged_record_recognises_nothing(tmp_path):
    staged = tmp_path / "staged.png"
    staged.write_bytes(b"new")
    out = tmp_path / "out"
    OutputFolder.open(out).publish({"a.png": staged})
    OutputFolder.open(out).publish({"a.png": staged})
    for damaged in ("", "{not json", '{"files": {"../../etc/passwd": []}}', "[]"):
        (out / RECORD_NAME).write_text(damaged, encoding="utf-8")
        with pytest.raises(DeckgenError, match=r"\(a.png\); nothing was written"):
            OutputFolder.open(out).publish({"a.png": staged})


def test_temporary_folders_of_a_killed_run_are_removed_by_the_next(tmp_path):
    import subprocess
    import sys

    killed = subprocess.Popen([sys.executable, "-c", "pass"])
    killed.wait()
    stale = tmp_path / f"deckgen-render-{killed.pid}-abc123"
    fresh = tmp_path / f"deckgen-render-{killed.pid}-def456"
    running = tmp_path / f"deckgen-render-{os.getpid()}-ghi789"
    other = tmp_path / "deckgen-notes"
    for folder in (stale, fresh, running, other):
        (folder / "inside").mkdir(parents=True)
    old = time.time() - 11 * 60
    for folder in (stale, running, other):
        os.utime(folder, (old, old))
    assert scratch.remove_stale(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (fresh, running, other)
    )


def test_no_name_leads_out_of_the_output_folder(tmp_path):
    from deckgen.preview.owned import output_stem

    assert [output_stem(s) for s in ("..", ".", "omu")] == ["deck", "deck", "omu"]
    # A deck file named near the file system's 255 bytes: its contact sheet's name would not be.
    long = output_stem("æ" * 120)
    assert long.startswith("æææ") and len(f"{long}-contact-sheet.png".encode()) <= 255
    staged = tmp_path / "staged.png"
    staged.write_bytes(b"new")
    with pytest.raises(DeckgenError, match="would be written outside the output folder"):
        OutputFolder.open(tmp_path / "out").publish({"../01.png": staged})
    assert not (tmp_path / "01.png").exists()
