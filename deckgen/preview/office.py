"""One LibreOffice kept running for a server's previews, instead of one started per preview.

Starting LibreOffice takes seconds; converting a deck once it runs takes about one. The web
server keeps one `soffice --headless --accept=pipe,…` running and drives it over UNO through
`unoworker.py`, a small script run by a Python that has LibreOffice's UNO bridge (Debian's
`/usr/bin/python3` with `python3-uno`; the Python deckgen runs in need not have it). The
worker is started on the first conversion (or by `start`, at server start), converts one deck
at a time (a lock), is started again if it or LibreOffice dies, and is stopped by `close`.
Its profile is a private temporary folder holding the theme's fonts.

Where no Python has the UNO bridge, or LibreOffice will not start that way, conversions fall
back to the one-shot `soffice --convert-to pdf` of `deckgen.preview.render`: slower, but the
same PDFs.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from deckgen.errors import DeckgenError, Location
from deckgen.i18n import _
from deckgen.preview.render import LibreOffice

WORKER = Path(__file__).with_name("unoworker.py")
START_TIMEOUT_S = 150
"""How long LibreOffice may take to start with a new profile (a busy machine: a minute)."""
CONVERT_TIMEOUT_S = 300
"""How long one deck may take to convert before LibreOffice is taken for hung and restarted."""
STOP_TIMEOUT_S = 15
_log = logging.getLogger("deckgen.office")


@functools.cache
def uno_python() -> str | None:
    """A Python that can `import uno`: `DECKGEN_UNO_PYTHON`, this one, the system's or
    LibreOffice's own; None when there is none (conversions then start LibreOffice each time)."""
    named = os.environ.get("DECKGEN_UNO_PYTHON")
    candidates = [named] if named else [sys.executable, "/usr/bin/python3"]
    soffice = shutil.which("soffice")
    if soffice and not named:
        program = Path(soffice).resolve().parent
        candidates += [str(program / "python"), str(program / "python.exe")]
    for candidate in dict.fromkeys(candidates):
        if not candidate or not Path(candidate).is_file():
            continue
        try:
            done = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return candidate
    return None


class _Worker:
    """A running `unoworker.py` and its LibreOffice."""

    def __init__(self, python: str, soffice: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [python, str(WORKER), soffice, profile.as_uri()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            # Its own process group, so that stopping it stops LibreOffice too.
            start_new_session=os.name != "nt",
        )
        self.replies: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def wait_ready(self) -> None:
        """Wait until LibreOffice has started (an `OSError` if it did not, or was stopped)."""
        try:
            ready = self._reply(START_TIMEOUT_S)
        except OSError:
            self.stop()
            raise
        if not ready.get("ready"):
            self.stop()
            raise OSError(ready.get("error") or _("LibreOffice did not start"))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with contextlib.suppress(ValueError):
                self.replies.put(json.loads(line))
        self.replies.put(None)  # the worker ended

    def _reply(self, timeout: float) -> dict:
        try:
            reply = self.replies.get(timeout=timeout)
        except queue.Empty:
            raise OSError(_("LibreOffice did not answer in time")) from None
        if reply is None:
            raise OSError(_("LibreOffice stopped"))
        return reply

    def convert(self, source: Path, target: Path) -> None:
        assert self.process.stdin is not None
        request = {"input": str(source), "output": str(target)}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError):
            raise OSError(_("LibreOffice stopped")) from None
        reply = self._reply(CONVERT_TIMEOUT_S)
        if not reply.get("ok"):
            raise ValueError(reply.get("error") or _("no message"))

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, polite_s: float = STOP_TIMEOUT_S) -> None:
        """End LibreOffice and the worker: politely (its input closed, `polite_s` seconds
        given), then by force."""
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=polite_s)
        if os.name != "nt":
            # LibreOffice may outlive a worker that was killed: its whole group goes.
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()


class KeptOffice:
    """A LibreOffice kept running for many conversions, with `theme`'s fonts; close it after.

    `to_pdf` has the signature of `LibreOffice.to_pdf`, so either renders a preview.
    """

    def __init__(self, font_files: Sequence[Path] = ()) -> None:
        self._once = LibreOffice(font_files)
        """The profile (with the fonts) and the fallback: one LibreOffice run per call."""
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._starting: _Worker | None = None
        """The worker whose LibreOffice is starting (seconds; a minute on a busy machine),
        which `close` stops: a server stopped meanwhile neither waits for it nor leaves it
        running."""
        self._closed = False
        self.fallback = ""
        """Why conversions start LibreOffice each time (no UNO bridge, it would not start)."""

    def start(self) -> None:
        """Start LibreOffice now (in the background at server start), not on the first use."""
        with self._lock:
            self._running()

    def _running(self) -> _Worker | None:
        """The worker, started if it is not running; None when conversions fall back."""
        if self._closed:
            raise DeckgenError(_("the server is stopping; try again when it has started"))
        if self._worker is not None and self._worker.alive():
            return self._worker
        if self._worker is not None:
            _log.warning(_("LibreOffice stopped; starting it again"))
            self._worker.stop()
            self._worker = None
        if self.fallback:
            return None
        python = uno_python()
        if python is None:
            self.fallback = _(
                "no Python with LibreOffice's UNO bridge (apt-get install python3-uno)"
            )
        else:
            try:
                self._worker = self._start(python)
            except OSError as exc:
                if self._closed:
                    raise DeckgenError(
                        _("the server is stopping; try again when it has started")
                    ) from None
                self.fallback = _("LibreOffice would not start as a server: {reason}").format(
                    reason=exc
                )
        if self.fallback:
            _log.warning(_("%s; each preview starts LibreOffice (slower)"), self.fallback)
        return self._worker

    def _start(self, python: str) -> _Worker:
        """A new worker, once its LibreOffice has started; an `OSError` if it did not, or
        if `close` stopped it meanwhile."""
        worker = _Worker(python, self._once.program, self._once.profile)
        self._starting = worker
        try:
            if self._closed:  # closed before `close` could see it starting
                worker.stop(polite_s=0)
            worker.wait_ready()
        finally:
            self._starting = None
        if self._closed:  # closed while it started, after `close` looked
            worker.stop()
            raise OSError(_("LibreOffice stopped"))
        return worker

    def to_pdf(self, decks: Sequence[Path], folder: Path) -> list[Path]:
        """Convert `decks` (.pptx) to `folder/01.pdf`, `02.pdf`, … in the order of `decks`."""
        folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            pdfs = []
            for number, deck in enumerate(decks, 1):
                target = folder / f"{number:02d}.pdf"
                self._convert(deck, target)
                pdfs.append(target)
            return pdfs

    def _convert(self, deck: Path, target: Path) -> None:
        for attempt in (1, 2):
            worker = self._running()
            if worker is None:
                made = self._once.to_pdf([deck], target.parent / f"once-{target.stem}")[0]
                made.replace(target)
                return
            try:
                worker.convert(deck.resolve(), target.resolve())
            except ValueError as exc:
                raise DeckgenError(
                    _("LibreOffice could not convert the deck ({value})").format(value=exc),
                    Location(deck),
                    _("check that the file opens in LibreOffice Impress"),
                ) from None
            except OSError as exc:
                if self._closed:
                    raise DeckgenError(
                        _("the server is stopping; try again when it has started")
                    ) from None
                if attempt == 1:
                    continue  # LibreOffice died or hung: the next round starts a new one
                raise DeckgenError(
                    _("LibreOffice could not convert the deck ({value})").format(value=exc),
                    Location(deck),
                ) from None
            if not target.is_file():
                raise DeckgenError(
                    _("LibreOffice could not convert the deck ({value})").format(value=_("no PDF")),
                    Location(deck),
                    _("check that the file opens in LibreOffice Impress"),
                )
            return

    def close(self) -> None:
        """Stop LibreOffice (a conversion under way fails) and remove the profile."""
        self._closed = True
        worker, starting = self._worker, self._starting
        if worker is not None:
            worker.stop()
        if starting is not None:  # not yet reading its input: no use asking it politely
            starting.stop(polite_s=0)
        # The conversion under way has given up (or, one-shot, is given some seconds).
        locked = self._lock.acquire(timeout=STOP_TIMEOUT_S)
        try:
            worker, self._worker = self._worker, None
            if worker is not None:  # started while this was waiting
                worker.stop()
            self._once.close()
        finally:
            if locked:
                self._lock.release()
