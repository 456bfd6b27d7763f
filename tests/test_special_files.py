"""Only regular files: pipes, devices, links that loop and `-o -` are refused with a located
error, without hanging, and nothing is replaced, even with --force."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SAMPLE_PROJECT

from deckgen import api
from deckgen.cli import main
from deckgen.errors import DeckgenError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _picture_deck(project, picture: str) -> None:
    project.blocks(
        "blocks:\n  - id: p\n    kind: image\n    title: Billede\n"
        f"    file: {picture}\n    alt_text: Et billede\n"
    )
    project.deck("- p\n")


def test_a_fifo_as_a_picture_is_refused_at_its_line_without_waiting(project):
    os.mkfifo(project.root / "decks" / "blocks" / "pipe.png")
    _picture_deck(project, "pipe.png")
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output)
    assert str(caught.value).endswith(
        "blocks.yaml:5:5: pipe.png is a named pipe (FIFO), not a picture file"
        " — name the picture file"
    )
    assert not project.output.exists()


def test_a_device_in_the_project_is_not_read(project):
    try:  # the device /dev/zero is, made again inside the project
        os.mknod(
            project.root / "decks" / "blocks" / "zero.png", stat.S_IFCHR | 0o644, os.makedev(1, 5)
        )
    except PermissionError:
        pytest.skip("making a device needs root")
    _picture_deck(project, "zero.png")
    with pytest.raises(DeckgenError, match=r"blocks.yaml:5:5: zero.png is a device, not a picture"):
        api.build_deck(project.deck_path, project.output)


def test_a_symlink_loop_as_a_picture_is_a_located_error(project):
    folder = project.root / "decks" / "blocks"
    (folder / "a.png").symlink_to("b.png")
    (folder / "b.png").symlink_to("a.png")
    _picture_deck(project, "a.png")
    with pytest.raises(DeckgenError, match=r"blocks.yaml:5:5: 'a.png' is a symbolic link that "):
        api.build_deck(project.deck_path, project.output)


def test_fifos_and_devices_as_yaml_files_and_schedules_are_refused(tmp_path):
    pipe = tmp_path / "deck.yaml"
    os.mkfifo(pipe)
    code, output = _run("validate", str(pipe))
    assert code == 1
    assert "deck.yaml: is a named pipe (FIFO), not a regular file — name a .yaml file" in output
    schedule = tmp_path / "besoeg.csv"
    os.mkfifo(schedule)
    code, output = _run("tour", str(schedule), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "besoeg.csv: is a named pipe (FIFO), not a regular file" in output
    assert not (tmp_path / "out").exists()


def test_output_at_a_device_a_link_or_a_fifo_is_refused_even_with_force(project, tmp_path):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    deck = str(project.deck("- a\n"))
    link = tmp_path / "null.pptx"
    link.symlink_to(os.devnull)
    pipe = tmp_path / "pipe.pptx"
    os.mkfifo(pipe)
    target = tmp_path / "real.pptx"
    target.write_bytes(b"someone's file")
    to_real = tmp_path / "to-real.pptx"
    to_real.symlink_to(target)
    cases = {
        os.devnull: "the output path is a device, not a file deckgen can replace",
        str(link): "the output path is a symbolic link; deckgen writes only plain files",
        str(pipe): "the output path is a named pipe (FIFO), not a file deckgen can replace",
        str(to_real): "the output path is a symbolic link",
        "-": "writing to standard output (-o -) is not supported",
    }
    for output, expected in cases.items():
        code, said = _run("build", deck, "-o", output, "--force")
        assert code == 1, output
        assert expected in said
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert target.read_bytes() == b"someone's file"
    assert not (project.root / "-").exists()


def test_an_output_folder_that_is_a_fifo_or_a_file_is_refused_before_building(tmp_path):
    pipe = tmp_path / "out"
    os.mkfifo(pipe)
    schedule = SAMPLE_PROJECT / "decks" / "tour" / "besoeg-2025-2026.csv"
    code, output = _run("tour", str(schedule), "-o", str(pipe))
    assert code == 1
    assert "out: the output path is a named pipe (FIFO), not a folder" in output
    assert "Built" not in output
    deck = str(SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml")
    library = str(SAMPLE_PROJECT / "decks" / "blocks")
    for command in (["tour", str(schedule)], ["catalogue", "--library", library], ["render", deck]):
        code, output = _run(*command, "-o", "-")
        assert code == 1
        assert "-: writing to standard output (-o -) is not supported — name a folder" in output
    assert not Path("-").exists()


def test_tour_workers_exit_when_the_main_process_is_killed(tmp_path):
    schedule = SAMPLE_PROJECT / "decks" / "tour" / "besoeg-2025-2026.csv"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    main_process = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "tour", str(schedule), "-o", str(tmp_path), "-j", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(main_process.pid)
    assert len(workers) == 2, "the tour did not start its workers"
    main_process.kill()
    main_process.wait()
    deadline = time.monotonic() + 60  # they look every second; a busy machine may be slower
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)


def test_a_tour_worker_whose_parent_died_before_it_ran_exits(tmp_path):
    """A worker that first runs after its parent was killed (a busy machine) has another
    parent already: it watches the one that started it, by the id it was given."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that started it, and is gone
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from deckgen.tour.orphan import exit_with_parent;"
            f" exit_with_parent({gone.pid}); time.sleep(600)",
        ],
        env=env,
    )
    try:
        assert worker.wait(timeout=120) == 1  # it looks every second; a bound on a hang
    finally:
        worker.kill()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_rendering_a_fifo_named_pptx_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "x.pptx"
    os.mkfifo(pipe)
    code, output = _run("render", str(pipe), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "x.pptx: is a named pipe (FIFO), not a regular file — name a .pptx file" in output
    assert not (tmp_path / "out").exists()


def test_a_library_folder_of_the_whole_machine_is_refused_without_walking_it_all(tmp_path):
    from deckgen.library import MAX_LIBRARY_ENTRIES

    huge = tmp_path / "huge"
    for number in range(MAX_LIBRARY_ENTRIES + 1):
        (huge / str(number // 1000)).mkdir(parents=True, exist_ok=True)
        (huge / str(number // 1000) / f"{number}.txt").touch()
    code, output = _run("blocks", "--library", str(huge))
    assert code == 1
    assert f"{huge}: the folder holds more than 20,000 files and folders" in output
    assert "name the folder that holds the block files" in output
