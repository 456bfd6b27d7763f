"""Edits are never lost: rebuilding over an edited deck refuses, `--force` keeps a copy that
still opens (`<name> (før genopbygning).pptx`), and a failed or interrupted build leaves the
old file whole and no temporary file behind."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner
from conftest import REPO
from office import require_office
from pptx import Presentation

from deckgen import api, output
from deckgen.cli.commands import main
from deckgen.errors import DeckgenError
from deckgen.output import Existing, existing_file


@pytest.fixture
def built(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n    notes: Sig hej\n")
    project.deck("- a\n")
    api.build_deck(project.deck_path, project.output)
    return project


def _edit(path, title="Redigeret i PowerPoint"):
    prs = Presentation(str(path))
    prs.slides[0].shapes.title.text_frame.text = title
    prs.save(str(path))
    return path.read_bytes()


def _build(project, *args):
    command = ["build", str(project.deck_path), "-o", str(project.output), *args]
    return CliRunner().invoke(main, command, catch_exceptions=False)


def test_an_unedited_deck_is_simply_replaced(built):
    assert existing_file(built.output) is Existing.UNEDITED
    built.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej igen\n")
    result = _build(built)
    assert result.exit_code == 0, result.output
    assert Presentation(str(built.output)).slides[0].shapes.title.text == "Hej igen"
    assert [p.name for p in built.output.parent.iterdir()] == ["deck.pptx"]


def test_an_edited_deck_is_refused_then_kept_as_bak_with_force(built):
    edited = _edit(built.output)
    assert existing_file(built.output) is Existing.EDITED

    refused = _build(built)
    assert refused.exit_code == 1
    assert "deck.pptx: this deck has been changed since deckgen built it" in refused.output
    assert (
        "pass --force to rebuild it and keep the edited deck as deck (før genopbygning).pptx"
        in refused.output
    )
    assert built.output.read_bytes() == edited

    forced = _build(built, "--force")
    assert forced.exit_code == 0, forced.output
    assert "Kept the file that was there as" in forced.output
    assert (built.output.parent / "deck (før genopbygning).pptx").read_bytes() == edited
    assert Presentation(str(built.output)).slides[0].shapes.title.text == "Hej"
    kept = Presentation(str(built.output.parent / "deck (før genopbygning).pptx"))
    assert kept.slides[0].shapes.title.text != "Hej"  # the edited deck, and it opens

    # A second forced rebuild over new edits keeps both earlier versions.
    again = _edit(built.output, "Redigeret igen")
    assert _build(built, "--force").exit_code == 0
    assert (built.output.parent / "deck (før genopbygning).pptx").read_bytes() == edited
    assert (built.output.parent / "deck (før genopbygning 2).pptx").read_bytes() == again


def test_edited_notes_count_as_an_edit(built):
    prs = Presentation(str(built.output))
    prs.slides[0].notes_slide.notes_text_frame.text = "Mine egne noter"
    prs.save(str(built.output))
    assert existing_file(built.output) is Existing.EDITED


def _rewrite_member(path, name, change):
    """Rewrite the member `name` of the zip at `path` with `change(bytes)`, all else as is."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, change(data) if info.filename == name else data)


@pytest.mark.parametrize(
    ("part", "old", "new"),
    [
        ("docProps/core.xml", b"</dc:title>", b" (min udgave)</dc:title>"),
        ("docProps/core.xml", b"<dc:creator>", b"<dc:creator>Mette Holm; "),
        ("docProps/app.xml", b"</Properties>", b"<Company>OMU</Company></Properties>"),
    ],
    ids=["title", "author", "app"],
)
def test_edited_document_properties_count_as_an_edit(built, part, old, new):
    import zipfile

    with zipfile.ZipFile(built.output) as package:
        assert old in package.read(part)
    _rewrite_member(built.output, part, lambda data: data.replace(old, new, 1))
    assert existing_file(built.output) is Existing.EDITED
    assert _build(built).exit_code == 1
    assert _build(built, "--force").exit_code == 0
    assert (built.output.parent / "deck (før genopbygning).pptx").exists()


def test_a_deck_saved_by_libreoffice_counts_as_edited(built, tmp_path):
    import subprocess

    require_office()
    saved = tmp_path / "saved"
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: runs beside other tests
    command = [
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pptx",
        "--outdir",
        str(saved),
        str(built.output),
    ]
    subprocess.run(command, capture_output=True, check=True, timeout=180)
    assert existing_file(saved / "deck.pptx") is Existing.EDITED


def test_a_file_deckgen_did_not_make_is_kept_as_bak_when_forced(built):
    foreign = built.output.parent / "andet.pptx"
    shutil.copy(REPO / "deckgen" / "data" / "theme" / "kommune.pptx", foreign)
    before = foreign.read_bytes()
    api.build_deck(built.deck_path, foreign, force=True)
    assert (foreign.parent / "andet (før genopbygning).pptx").read_bytes() == before


def test_a_failed_build_leaves_the_old_deck_and_no_temporary_file(built):
    before = built.output.read_bytes()
    built.blocks("blocks:\n  - id: a\n    kind: statement\n    txt: Hej\n")
    assert _build(built).exit_code == 1
    assert built.output.read_bytes() == before
    assert [p.name for p in built.output.parent.iterdir()] == ["deck.pptx"]


def test_an_interrupted_write_leaves_the_old_deck_no_temporary_file_and_no_bak(built, monkeypatch):
    edited = _edit(built.output)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.build_deck(built.deck_path, built.output, force=True)
    assert built.output.read_bytes() == edited
    assert [p.name for p in built.output.parent.iterdir()] == ["deck.pptx"]


def test_a_write_that_fails_at_the_rename_removes_its_backup(built, monkeypatch):
    edited = _edit(built.output)

    def locked(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.os, "replace", locked)
    with pytest.raises(DeckgenError, match="any earlier file is unchanged"):
        api.build_deck(built.deck_path, built.output, force=True)
    assert built.output.read_bytes() == edited
    assert [p.name for p in built.output.parent.iterdir()] == ["deck.pptx"]


def test_backups_never_overwrite_each_other_without_hard_links(built, monkeypatch):
    _edit(built.output)
    monkeypatch.setattr(output.os, "link", lambda *a: (_ for _ in ()).throw(OSError("no links")))
    api.build_deck(built.deck_path, built.output, force=True)
    _edit(built.output, "Igen")
    api.build_deck(built.deck_path, built.output, force=True)
    assert sorted(p.name for p in built.output.parent.iterdir()) == [
        "deck (før genopbygning 2).pptx",
        "deck (før genopbygning).pptx",
        "deck.pptx",
    ]
    assert os.access(built.output, os.R_OK)


def test_a_link_where_the_backup_goes_is_never_written_through(built, tmp_path):
    """A dangling link where the edited deck is kept (and at the copy's temporary name) counted
    as a free name: the edited deck was written wherever the link pointed, and "kept as …"
    named a link."""
    edited = _edit(built.output)
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = built.output.parent
    (folder / "deck (før genopbygning).pptx").symlink_to(outside / "bak")
    (folder / ".deck (før genopbygning).pptx.tmp").symlink_to(outside / "tmp")
    forced = _build(built, "--force")
    assert forced.exit_code == 0, forced.output
    assert list(outside.iterdir()) == []
    assert forced.output.endswith("deck (før genopbygning 2).pptx\n")
    kept = folder / "deck (før genopbygning 2).pptx"
    assert not kept.is_symlink() and kept.read_bytes() == edited


def test_a_deck_whose_name_is_near_the_file_name_limit_is_written(tmp_path):
    """A 245-byte name (120 × æ) is a valid file name, but its temporary file's name
    (`.<name>.<pid>.<random>.tmp`) was not: "cannot write there: File name too long — check
    the folder" blamed the folder."""
    target = tmp_path / ("æ" * 120 + ".pptx")
    output.write_atomic(target, b"deck")
    assert target.read_bytes() == b"deck"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    output.write_atomic(target, b"again", backup=True)
    assert sorted(p.read_bytes() for p in tmp_path.iterdir()) == [b"again", b"deck"]
