"""Hostile and broken input: each gets a clear, located message and nothing is written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO
from PIL import Image
from pptx import Presentation

from deckgen import api
from deckgen.errors import DeckgenError


def _refused(project, expected: str) -> str:
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output)
    assert expected in str(caught.value)
    assert not project.output.exists()
    return str(caught.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "- en\n- liste\n",
            "blocks.yaml:1:1: a block file must be a mapping with a `blocks:` list",
        ),
        ("just text\n", "blocks.yaml:1:1: a block file must be a mapping with a `blocks:` list"),
        ("blocks: 7\n", "blocks.yaml:1:1: a block file must be a mapping with a `blocks:` list"),
        ("blocks: []\nextra: 1\n", "blocks.yaml:2:1: unknown field 'extra'"),
    ],
)
def test_block_file_of_the_wrong_shape(project, content, expected):
    project.blocks(content)
    project.deck("- a\n")
    _refused(project, expected)


def test_deck_file_of_the_wrong_shape(project):
    project.deck_path.write_text("- a\n- b\n", encoding="utf-8")
    _refused(project, "deck.yaml:1:1: a deck file must be a mapping with `deck:` and `slides:`")


def test_binary_garbage_is_refused_with_its_place(project):
    (project.root / "decks" / "blocks" / "blocks.yaml").write_bytes(bytes(range(256)) * 4)
    project.deck("- a\n")
    _refused(project, "blocks.yaml:1:1: this is a binary file, not YAML text")


def test_damaged_template_is_refused(project):
    folder = project.root / "theme"
    folder.mkdir()
    template = (REPO / "deckgen" / "data" / "theme" / "kommune.pptx").read_bytes()
    (folder / "kommune.pptx").write_bytes(template[: len(template) // 2])
    theme = (REPO / "deckgen" / "data" / "theme" / "kommune.yaml").read_text(encoding="utf-8")
    theme = theme.replace("../fonts/", f"{REPO}/deckgen/data/fonts/").replace(
        "logo: logo.png\n", ""
    )
    (folder / "theme.yaml").write_text(theme, encoding="utf-8")
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n", theme=folder / "theme.yaml")
    _refused(project, "kommune.pptx: the template is not a PowerPoint file")


def _picture_deck(project, picture_name: str) -> None:
    project.blocks(
        "blocks:\n  - id: p\n    kind: image\n    title: Billede\n"
        f"    file: ../../{picture_name}\n    alt_text: Et billede\n"
    )
    project.deck("- p\n")


@pytest.mark.parametrize("dpi", [(1, 1), (100_000, 100_000)])
def test_absurd_dpi_does_not_move_a_picture_off_the_slide(project, dpi):
    Image.new("RGB", (400, 300), "red").save(project.root / "p.png", dpi=dpi)
    _picture_deck(project, "p.png")
    prs = project.build()
    picture = next(s for s in prs.slides[0].shapes if s.shape_type == 13)
    assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
    assert picture.top >= 0 and picture.top + picture.height <= prs.slide_height
    assert abs(picture.width / picture.height - 4 / 3) < 0.01


def test_animated_gif_becomes_its_first_frame(project):
    frames = [Image.new("RGB", (200, 100), colour) for colour in ("red", "blue", "green")]
    frames[0].save(project.root / "anim.gif", save_all=True, append_images=frames[1:], loop=0)
    _picture_deck(project, "anim.gif")
    picture = next(s for s in project.build().slides[0].shapes if s.shape_type == 13)
    assert picture.image.content_type in ("image/png", "image/jpeg")
    from io import BytesIO

    with Image.open(BytesIO(picture.image.blob)) as shown:
        assert getattr(shown, "n_frames", 1) == 1
        assert shown.convert("RGB").getpixel((100, 50))[0] > 200


def test_sigterm_during_a_build_leaves_the_old_deck_and_no_temporary_file(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    api.build_deck(project.deck_path, project.output)
    before = project.output.read_bytes()
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej igen\n")
    command = [
        sys.executable,
        "-m",
        "deckgen",
        "build",
        str(project.deck_path),
        "-o",
        str(project.output),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej for tredje gang\n")
    for delay in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)
        leftovers = [
            p.name for p in project.output.parent.iterdir() if p.name != project.output.name
        ]
        assert leftovers == []
        data = project.output.read_bytes()
        title = Presentation(str(project.output)).slides[0].shapes.title.text
        assert data == before or title in ("Hej igen", "Hej for tredje gang")
    assert os.access(project.output, os.R_OK)


@pytest.fixture
def small_disk(tmp_path):
    """A real 96 KiB file system (tmpfs), too small for a deck; needs root to mount."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=False)


def test_full_disk_keeps_the_old_deck_and_leaves_no_temporary_file(project, small_disk):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    target = small_disk / "deck.pptx"
    api.build_deck(project.deck_path, project.output)
    filler = small_disk / "fyld"
    filler.write_bytes(b"x" * (96 * 1024 - 8192))
    old = b"PK" + b"\0" * 10
    target.write_bytes(old)
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, target, force=True)
    assert (
        "could not write the deck: No space left on device; any earlier file is unchanged"
        in str(caught.value)
    )
    assert target.read_bytes() == old
    assert sorted(p.name for p in small_disk.iterdir()) == ["deck.pptx", "fyld"]


def test_read_only_folder_is_a_clear_error(project, small_disk):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, small_disk / "deck.pptx")
    assert "cannot write there: Read-only file system" in str(caught.value)


def test_an_office_file_that_is_not_a_presentation_is_named_as_such(tmp_path):
    import zipfile

    from deckgen.render.package import open_template

    word = tmp_path / "skabelon.pptx"
    with zipfile.ZipFile(word, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        package.writestr("word/document.xml", "<document/>")
    with pytest.raises(DeckgenError) as caught:
        open_template(word)
    assert str(caught.value).endswith(
        "skabelon.pptx: the template is not a usable presentation: its main part is "
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        " — open it in PowerPoint and save it again as .pptx or .potx"
    )


def _aged(path, content=b"half a deck", minutes=11):
    """Write `path`, last modified `minutes` ago."""
    path.write_bytes(content)
    then = time.time() - minutes * 60
    os.utime(path, (then, then))
    return path


def test_a_temporary_file_left_by_a_killed_build_is_cleaned_up_by_the_next(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    folder = project.output.parent
    folder.mkdir(parents=True)
    name = project.output.name
    leftover = _aged(folder / f".{name}.{killed.pid}.abc123.tmp")
    old_format = _aged(folder / f".{name}.k3j9x0qz.tmp")
    backup_copy = _aged(folder / f".{name}.bak.tmp")
    in_use = folder / f".{name}.{os.getpid()}.def456.tmp"
    in_use.write_bytes(b"another build of ours, still running")
    # Another machine writing into a shared folder: its process id means nothing here.
    elsewhere = _aged(folder / f".{name}.{killed.pid}.ghi789.tmp", minutes=2)
    fresh_old_format = _aged(folder / f".{name}.p0q1r2s3.tmp", minutes=2)
    api.build_deck(project.deck_path, project.output)
    assert not leftover.exists() and not old_format.exists() and not backup_copy.exists()
    assert in_use.exists()
    assert elsewhere.exists() and fresh_old_format.exists()


def test_on_windows_a_stale_temporary_file_is_deleted_without_signalling_its_process(
    project, monkeypatch
):
    """On Windows `os.kill(pid, 0)` sends Ctrl+C; deleting fails there if the file is open."""
    from deckgen import output

    def no_kill(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) called on Windows")

    monkeypatch.setattr(output, "_CAN_ASK_PROCESS", False)
    monkeypatch.setattr(output.os, "kill", no_kill)
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    project.output.parent.mkdir(parents=True)
    stale = _aged(project.output.parent / f".{project.output.name}.{os.getpid()}.abc123.tmp")
    api.build_deck(project.deck_path, project.output)
    assert not stale.exists()


def test_an_output_in_a_folder_one_may_not_open_is_a_clear_error():
    """`-o` in a folder the user may not open (another's, mode 700): looking whether the
    output was a folder raised PermissionError, and the build ended in a traceback."""
    from stranger import open_folder, stranger

    with open_folder() as top:
        as_stranger, env = stranger({**os.environ, "HOME": str(top), "DECKGEN_CACHE": "off"})
        (top / "closed").mkdir(mode=0o700)
        output = top / "closed" / "d.pptx"
        command = [sys.executable, "-m", "deckgen", "--lang", "da", "build"]
        done = subprocess.run(
            [*as_stranger, *command, "decks/omu-dialogmoede.yaml", "-o", str(output)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 1
        assert done.stderr.startswith(f"Fejl: {output}: kan ikke se stedet")
        assert "vælg en sti med -o i en mappe, du må åbne" in done.stderr
        assert "Traceback" not in done.stderr


def test_standard_output_on_a_full_disk_is_said_without_a_traceback(tmp_path):
    """`deckgen build … > file` on a full disk (here /dev/full): printing "Gemt: …" failed
    after the deck was written, and the build ended in a traceback."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    output = tmp_path / "d.pptx"
    command = [sys.executable, "-m", "deckgen", "--lang", "da", "build"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*command, "decks/omu-dialogmoede.yaml", "-o", str(output)],
            cwd=REPO,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "DECKGEN_CACHE": str(tmp_path / "cache")},
        )
    assert done.returncode == 1
    assert done.stderr == "Fejl: kan ikke skrive beskederne: No space left on device\n"
    assert output.stat().st_size > 100_000  # what was done stays done


def test_a_leftover_named_with_no_process_id_we_write_is_cleaned_up_not_a_traceback(project):
    """Beside the deck, `.<name>.².x.tmp` (a superscript: a digit to Python, no number) or
    `.<name>.99999999999999999999.x.tmp` (past what `os.kill` takes): every build of the
    deck stopped with a traceback while cleaning up. They are old leftovers like any other."""
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    folder = project.output.parent
    folder.mkdir(parents=True)
    name = project.output.name
    odd = [_aged(folder / f".{name}.{pid}.abc123.tmp") for pid in ("²", "9" * 20)]
    api.build_deck(project.deck_path, project.output)
    assert project.output.is_file()
    assert not any(path.exists() for path in odd)
