"""The on-disk cache: a second build reuses the re-encoded picture and the QR code, byte for
byte."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from pictures import photo_like, save_png

from deckgen import assets, measure
from deckgen.project import DATA


def _prepare_fresh(path):
    assets._prepare_cached.cache_clear()  # as a new process would
    return assets.prepare_image(path)


def test_a_cached_picture_is_the_same_as_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    picture = save_png(tmp_path / "a.png", photo_like(300, 200))
    first = _prepare_fresh(picture)
    entries = list((tmp_path / "cache" / "pictures").iterdir())
    assert len(entries) == 1
    second = _prepare_fresh(picture)
    assert second == first
    assert list((tmp_path / "cache" / "pictures").iterdir()) == entries


def test_an_edited_picture_is_not_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    picture = save_png(tmp_path / "a.png", photo_like(300, 200))
    first = _prepare_fresh(picture)
    save_png(picture, photo_like(200, 300))
    assert (_prepare_fresh(picture).width, _prepare_fresh(picture).height) == (200, 300)
    assert first.width == 300


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _prepare_fresh(save_png(tmp_path / "a.png", photo_like(300, 200)))
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DECKGEN_CACHE", str(blocker))
    prepared = _prepare_fresh(save_png(tmp_path / "a.png", photo_like(300, 200)))
    assert prepared.width == 300


def _qr_fresh(link):
    from deckgen.render import qr

    qr._drawn.cache_clear()  # as a new process would
    return qr.qr_png(link, "003B5C", "FFFFFF")


def test_a_cached_qr_code_is_the_same_as_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    first = _qr_fresh("https://www.moellerup.dk/ideer")
    entries = list((tmp_path / "cache" / "qr").iterdir())
    assert len(entries) == 1
    assert _qr_fresh("https://www.moellerup.dk/ideer") == first
    assert list((tmp_path / "cache" / "qr").iterdir()) == entries
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    assert _qr_fresh("https://www.moellerup.dk/ideer") == first


def test_another_link_gets_its_own_qr_code(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    assert _qr_fresh("https://www.moellerup.dk/a") != _qr_fresh("https://www.moellerup.dk/b")
    assert len(list((tmp_path / "cache" / "qr").iterdir())) == 2


def test_qr_codes_are_not_cached_when_the_cache_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _qr_fresh("https://www.moellerup.dk/ideer").startswith(b"\x89PNG")
    assert not (tmp_path / "xdg").exists()


def test_an_empty_or_garbled_cache_entry_is_a_miss_and_is_written_again(tmp_path, monkeypatch):
    # A power cut after the rename can leave an entry empty or half written.
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    picture = save_png(tmp_path / "a.png", photo_like(300, 200))
    first = _prepare_fresh(picture)
    (entry,) = (tmp_path / "cache" / "pictures").iterdir()
    good = entry.read_bytes()
    for damaged in (b"", good[: len(good) // 2], b"PNG 300 200\n" + b"\0" * 50, b"garbage"):
        entry.write_bytes(damaged)
        assert _prepare_fresh(picture) == first
        assert entry.read_bytes() == good
    first_code = _qr_fresh("https://www.moellerup.dk/ideer")
    (code_entry,) = (tmp_path / "cache" / "qr").iterdir()
    code_entry.write_bytes(b"")
    assert _qr_fresh("https://www.moellerup.dk/ideer") == first_code
    assert code_entry.stat().st_size > len(first_code)


def test_an_input_s_digest_is_remembered_and_is_its_sha256(tmp_path, monkeypatch):
    import hashlib

    from deckgen import cache

    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    font = Path(assets.__file__).parent / "data" / "fonts" / "Carlito-Regular.ttf"
    expected = hashlib.sha256(font.read_bytes()).hexdigest()
    cache._file_digest.cache_clear()  # as a new process would
    assert cache.file_digest(font) == expected
    assert len(list((tmp_path / "cache" / "file-digests").iterdir())) == 1
    cache._file_digest.cache_clear()
    assert cache.file_digest(font) == expected


def test_a_file_changed_just_now_is_digested_afresh_every_time(tmp_path, monkeypatch):
    import hashlib

    from deckgen import cache

    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    picture = save_png(tmp_path / "a.png", photo_like(30, 20))
    assert cache.file_digest(picture) == hashlib.sha256(picture.read_bytes()).hexdigest()
    save_png(picture, photo_like(20, 30))
    assert cache.file_digest(picture) == hashlib.sha256(picture.read_bytes()).hexdigest()
    # Changed within the file system's clock tick, it could change again unseen: not kept.
    assert not (tmp_path / "cache" / "file-digests").exists()


def _written_over(path, data: bytes, times: tuple[int, int]) -> None:
    """`path` written over in place with `data` (its size), given its old times back as
    `touch -r` does; returns once the system's change time shows it (the clock ticks
    coarsely)."""
    import os

    before = path.stat().st_ctime_ns
    with open(path, "r+b") as stream:
        stream.write(data)
    os.utime(path, ns=times)
    while path.stat().st_ctime_ns == before:
        os.utime(path, ns=times)


def test_a_file_written_over_with_its_size_and_times_kept_is_digested_anew(tmp_path, monkeypatch):
    """The digest went by device, inode, size and modification time: a logo written over in
    place and `touch -r`'d kept its old digest in the process, and the remembered one in
    every later build (a deck built from it was taken for up to date)."""
    import hashlib
    import os

    from deckgen import cache

    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"A" * 100)
    times = (1_700_000_000 * 10**9, 1_700_000_000 * 10**9)
    os.utime(logo, ns=times)
    assert cache.file_digest(logo) == hashlib.sha256(b"A" * 100).hexdigest()
    _written_over(logo, b"B" * 100, times)
    assert cache.file_digest(logo) == hashlib.sha256(b"B" * 100).hexdigest()
    cache._file_digest.cache_clear()  # as a new process would
    assert cache.file_digest(logo) == hashlib.sha256(b"B" * 100).hexdigest()


def test_a_picture_written_over_with_its_size_and_times_kept_is_read_again(tmp_path, monkeypatch):
    """A long-running process (the web page) kept the picture it read by path, size and
    modification time: the deck showed the old picture."""
    import io
    import os

    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    first, second = io.BytesIO(), io.BytesIO()
    photo_like(300, 200).save(first, "PNG")
    photo_like(300, 200).transpose(0).save(second, "PNG")  # mirrored: other pixels
    old, new = first.getvalue(), second.getvalue()
    size = max(len(old), len(new))  # padded after the PNG's end: both the same size
    picture = tmp_path / "logo.png"
    picture.write_bytes(old.ljust(size, b"\0"))
    stamp = os.stat(picture)
    before = assets.prepare_image(picture)
    _written_over(picture, new.ljust(size, b"\0"), (stamp.st_atime_ns, stamp.st_mtime_ns))
    after = assets.prepare_image(picture)
    assert after.data != before.data


def test_a_cache_folder_anyone_may_write_in_or_another_user_s_is_not_used(tmp_path, monkeypatch):
    """Entries are trusted as deckgen made them: in a shared folder (`DECKGEN_CACHE=/tmp/x`,
    writable by all, or another user's) a QR code planted under another link's key went into
    the deck. Such a folder is not used (nothing read, nothing written)."""
    import os

    shared = tmp_path / "shared"
    monkeypatch.setenv("DECKGEN_CACHE", str(shared))
    mine, theirs = "https://www.moellerup.dk/ideer", "https://example.com/phish"
    _qr_fresh(mine)
    (entry,) = (shared / "qr").iterdir()
    _qr_fresh(theirs)
    planted = next(path for path in (shared / "qr").iterdir() if path != entry)
    entry.write_bytes(planted.read_bytes())  # the other link's code, under this link's key
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    fresh = _qr_fresh(mine)
    monkeypatch.setenv("DECKGEN_CACHE", str(shared))
    shared.chmod(0o777)
    assert _qr_fresh(mine) == fresh
    shared.chmod(0o755)
    if os.geteuid() == 0:  # only root can give a folder to another user
        os.chown(shared, 65534, 65534)  # nobody's
        assert _qr_fresh(mine) == fresh
        os.chown(shared, 0, 0)
    assert _qr_fresh(mine) != fresh  # this user's own folder is trusted


def test_a_template_written_over_with_its_size_and_times_kept_is_read_again(tmp_path):
    """The template was remembered by path, size and modification time: a server kept
    drawing decks in the template a `cp -p` had replaced."""
    import os
    import zipfile

    import pptx

    from deckgen.ooxml.template import read_template_package

    default = Path(pptx.__file__).parent / "templates" / "default.pptx"

    def packed(application: bytes) -> bytes:
        target = tmp_path / "packed.pptx"
        with zipfile.ZipFile(default) as source, zipfile.ZipFile(target, "w") as out:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "docProps/app.xml":
                    data = data.replace(b"Microsoft", application)
                out.writestr(item.filename, data, zipfile.ZIP_STORED)
        return target.read_bytes()

    old, new = packed(b"Microsoft"), packed(b"Mikrosoft")
    assert len(old) == len(new) and old != new
    template = tmp_path / "skabelon.pptx"
    template.write_bytes(old)
    stamp = os.stat(template)
    assert read_template_package(template).data == old
    _written_over(template, new, (stamp.st_atime_ns, stamp.st_mtime_ns))
    assert read_template_package(template).data == new


def _measured_fresh(text, font):
    """The width and line height of `text` in `font`, as a new process measures them."""
    measure._measures.clear()
    measure._length.cache_clear()
    measure._font.cache_clear()
    width = measure.text_width_pt(text, font, 20)
    height = measure.line_height_pt(font, 20)
    measure.keep_measures()
    return width, height, measure._font.cache_info().currsize


def test_text_measured_once_is_remembered_and_measures_the_same(tmp_path, monkeypatch):
    font = DATA / "fonts" / "Carlito-Regular.ttf"
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    afresh = _measured_fresh("Dialogmøde med Områdeudvalget", font)
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    first = _measured_fresh("Dialogmøde med Områdeudvalget", font)
    second = _measured_fresh("Dialogmøde med Områdeudvalget", font)
    assert first[:2] == second[:2] == afresh[:2]
    assert first[2] == 1  # the first process opened the font to measure
    assert second[2] == 0  # the next one did not open it at all
    assert _measured_fresh("et andet ord", font)[2] == 1  # a new word is measured


def test_a_garbled_measures_entry_is_measured_afresh(tmp_path, monkeypatch):
    font = DATA / "fonts" / "Carlito-Bold.ttf"
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    first = _measured_fresh("Besøgsplan", font)
    for entry in (tmp_path / "cache" / "text-widths").iterdir():
        data = entry.read_bytes()
        entry.write_bytes(data[:-5] + b"xxxxx")
    assert _measured_fresh("Besøgsplan", font)[:2] == first[:2]


def test_a_deck_drawn_from_remembered_measures_is_the_deck_measured_afresh(tmp_path):
    def build(cache: str, name: str) -> bytes:
        env = {**os.environ, "DECKGEN_CACHE": cache}
        out = tmp_path / name
        command = [sys.executable, "-m", "deckgen", "build", "decks/omu-dialogmoede.yaml"]
        subprocess.run([*command, "-o", str(out)], cwd=REPO, env=env, check=True)
        return out.read_bytes()

    afresh = build("off", "afresh.pptx")
    build(str(tmp_path / "cache"), "first.pptx")
    assert list((tmp_path / "cache" / "text-widths").iterdir())
    assert build(str(tmp_path / "cache"), "second.pptx") == afresh


def test_a_font_written_over_with_its_size_and_times_kept_is_tried_again(tmp_path):
    """Whether a theme's font file can be measured with was remembered by path, size and
    modification time: a good font written over by `cp -p` with a broken one of its size
    kept passing in a running server (and a repaired one kept failing)."""
    import os

    from deckgen import theme

    bold = Path(theme.__file__).parent.parent / "data" / "fonts" / "Carlito-Bold.ttf"
    font = tmp_path / "fed.ttf"
    good = bold.read_bytes()
    font.write_bytes(good)
    stamp = os.stat(font)
    times = (stamp.st_atime_ns, stamp.st_mtime_ns)
    assert theme._not_a_font(font) is None
    _written_over(font, b"\0" * len(good), times)
    assert theme._not_a_font(font) == "is not a font file FreeType can read"
    _written_over(font, good, times)
    assert theme._not_a_font(font) is None


SAMPLE_DECK = "decks/omu-dialogmoede.yaml"


def test_a_build_by_a_user_with_no_home_folder_builds_without_the_cache():
    """Run with HOME unset by a user the system has no entry for (a container's arbitrary
    user id), the cache looked for the home folder to put itself in: the build ended in a
    traceback. It is built, without the cache."""
    from stranger import open_folder, stranger

    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    env.pop("DECKGEN_CACHE", None)
    with open_folder() as out:
        as_stranger, env = stranger(env)
        out.chmod(0o777)
        command = [sys.executable, "-m", "deckgen", "build", SAMPLE_DECK, "-o", out / "d.pptx"]
        done = subprocess.run(
            [*as_stranger, *command], cwd=REPO, capture_output=True, text=True, env=env
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert (out / "d.pptx").stat().st_size > 100_000


def test_a_font_written_over_while_a_process_runs_does_not_poison_the_old_font_s_widths(
    tmp_path, monkeypatch
):
    """The web page runs on while a theme's font file is replaced by another under the same
    name: the widths FreeType then measured with the new font were kept in the cache
    entry of the old font, and every later build in the old font (any copy of it, anywhere)
    took them, so text that overflows could "fit"."""
    regular_face = DATA / "fonts" / "Carlito-Regular.ttf"
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    afresh = _measured_fresh("Områdeudvalget", regular_face)[0]
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    font = tmp_path / "theme" / "Kommune-Regular.ttf"
    font.parent.mkdir()
    shutil.copy(regular_face, font)
    _measured_fresh("Dialogmøde", font)  # the first process: the font's entry is made

    measure._measures.clear()  # the web page starts...
    measure._font.cache_clear()
    assert measure.text_width_pt("Dialogmøde", font, 20)  # ...measures from the cache
    shutil.copy(DATA / "fonts" / "Carlito-Bold.ttf", tmp_path / "new.ttf")
    os.replace(tmp_path / "new.ttf", font)  # the font replaced while it runs
    measure.text_width_pt("Områdeudvalget", font, 20)  # a new word, in the new font
    measure.keep_measures()

    copy = tmp_path / "elsewhere" / "Carlito-Regular.ttf"  # the old font, anywhere
    copy.parent.mkdir()
    shutil.copy(regular_face, copy)
    assert _measured_fresh("Områdeudvalget", copy)[0] == afresh
