"""The LibreOffice the web server keeps running for previews: reused, restarted when it dies,
stopped with the server, and replaced by one LibreOffice run per preview where it cannot run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_PROJECT
from office import require_office

from deckgen import api
from deckgen.preview import office as kept
from deckgen.preview.render import theme_font_files

sys.path.insert(0, str(Path(__file__).parent))
from webapp import sample_app


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    require_office()
    builder = api.Builder()
    drawn = builder.render(builder.compose(SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"))
    path = tmp_path / "deck.pptx"
    path.write_bytes(drawn.data)
    return path


@pytest.fixture
def office() -> Iterator[kept.KeptOffice]:
    made = kept.KeptOffice(theme_font_files(api.Builder().theme()))
    yield made
    made.close()


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def test_one_libreoffice_converts_every_preview(
    deck: Path, office: kept.KeptOffice, tmp_path: Path
) -> None:
    if kept.uno_python() is None:
        pytest.skip("no Python with LibreOffice's UNO bridge (apt-get install python3-uno)")
    first = office.to_pdf([deck], tmp_path / "a")
    worker = office._worker
    assert worker is not None and worker.alive()
    second = office.to_pdf([deck, deck], tmp_path / "b")
    assert office._worker is worker  # the same LibreOffice, not a new one
    assert [p.name for p in second] == ["01.pdf", "02.pdf"]
    assert _pages(first[0]) == _pages(second[1]) >= 15
    profile = office._once.profile
    office.close()
    assert not worker.alive()
    assert not profile.exists()


def test_a_libreoffice_that_died_is_started_again(
    deck: Path, office: kept.KeptOffice, tmp_path: Path
) -> None:
    if kept.uno_python() is None:
        pytest.skip("no Python with LibreOffice's UNO bridge (apt-get install python3-uno)")
    office.start()
    dead = office._worker
    assert dead is not None
    os.killpg(dead.process.pid, signal.SIGKILL)  # LibreOffice and its worker, as a crash
    dead.process.wait()
    pdf = office.to_pdf([deck], tmp_path)[0]
    assert _pages(pdf) >= 15
    assert office._worker is not dead and office._worker.alive()


def test_a_libreoffice_still_starting_when_the_server_stops_is_stopped_too(
    office: kept.KeptOffice,
) -> None:
    """LibreOffice takes seconds to start (a minute on a busy machine); a server stopped
    meanwhile neither waits for it nor leaves it running once it has started."""
    require_office()
    if kept.uno_python() is None:
        pytest.skip("no Python with LibreOffice's UNO bridge (apt-get install python3-uno)")
    said: list[str] = []

    def start() -> None:
        try:
            office.start()
        except api.DeckgenError as exc:
            said.append(str(exc.problem))

    starting = threading.Thread(target=start, daemon=True)
    starting.start()
    profile = str(office._once.profile)
    while not _processes_naming(profile):  # LibreOffice on its way
        assert starting.is_alive(), said
        starting.join(0.05)
    office.close()
    starting.join(timeout=120)  # a bound on a hang
    assert not starting.is_alive()
    assert office._worker is None
    assert said in ([], ["the server is stopping; try again when it has started"])
    _wait_until_gone(profile)


def _wait_until_gone(text: str, bound_s: float = 60) -> None:
    """Wait until no process names `text` (a process killed takes a moment to go)."""
    deadline = time.monotonic() + bound_s
    while _processes_naming(text):
        assert time.monotonic() < deadline, _processes_naming(text)
        time.sleep(0.2)


def test_without_the_uno_bridge_each_preview_starts_libreoffice(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DECKGEN_UNO_PYTHON", str(tmp_path / "no-such-python"))
    kept.uno_python.cache_clear()
    try:
        office = kept.KeptOffice()
        pdf = office.to_pdf([deck], tmp_path / "out")[0]
        assert _pages(pdf) >= 15
        assert "python3-uno" in office.fallback
        office.close()
    finally:
        kept.uno_python.cache_clear()


def test_closing_the_app_while_pictures_are_made_is_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_office()
    failures: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(repr(args)))
    app = sample_app(tmp_path)
    site = app.extensions["deckgen_site"]
    site.start()  # LibreOffice starting and the library's pictures on their way
    site.close()
    assert site._painter is not None and not site._painter.is_alive()
    assert site._office is None or site._office._worker is None  # no LibreOffice left running
    assert failures == []
    assert not (tmp_path / "scratch").exists()


def test_without_libreoffice_the_pages_are_served_and_say_why_pictures_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = sample_app(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no soffice to be found
    site = app.extensions["deckgen_site"]
    try:
        assert "soffice is not installed" in site.blocks().error
        page = app.test_client().get("/bibliotek")
        assert page.status_code == 200 and "soffice is not installed" in page.text
    finally:
        site.close()


def _processes_naming(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in command:
                found.append(command)
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="looks for processes in /proc (Linux)")
def test_deckgen_serve_stopped_by_systemd_stops_its_libreoffice(tmp_path: Path) -> None:
    require_office()
    if kept.uno_python() is None:
        pytest.skip("no Python with LibreOffice's UNO bridge (apt-get install python3-uno)")
    import socket
    import urllib.request

    from sample_project import copy_sample

    root = copy_sample(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "serve", "--no-browser", "--port", str(port)],
        cwd=root,
        stderr=subprocess.DEVNULL,
    )
    profile = f"deckgen-office-{server.pid}-"
    try:
        deadline = time.monotonic() + 120
        while not any("--accept=pipe" in c for c in _processes_naming(profile)):
            assert time.monotonic() < deadline, "LibreOffice was not started with the server"
            time.sleep(0.5)
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/ny", timeout=30).status == 200
        server.send_signal(signal.SIGTERM)  # what `systemctl stop` sends
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    # Neither LibreOffice nor its worker is left: they end on their own once the server has.
    _wait_until_gone(profile)
    assert not list(Path(tempfile.gettempdir()).glob(f"{profile}*"))  # nor its profile
