"""Run the web app under waitress, a production WSGI server in pure Python (Windows too)."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import webbrowser
from pathlib import Path

from deckgen.i18n import _

THREADS = 8
"""Requests served at once; builds share one lock, so more threads only queue."""


def serve(
    profiles: Path, host: str, port: int, *, open_browser: bool, user_header: str | None = None
) -> None:
    """Serve the project of `profiles` on `host:port` until interrupted; `user_header` names
    the header a reverse proxy says who is logged in with."""
    from waitress import serve as waitress_serve

    _few_memory_arenas()

    from deckgen.web.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    app = create_app(profiles, user_header=user_header)
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/"
    logging.getLogger("deckgen.web").info(_("serving %s on %s"), profiles, url)
    # LibreOffice is started, and the library's pictures made, before anyone asks.
    app.extensions["deckgen_site"].start()
    # systemd stops the service with SIGTERM: end as on Ctrl+C, so that LibreOffice is
    # stopped and the temporary folders are removed (the `finally` below).
    signal.signal(signal.SIGTERM, _stop)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    try:
        waitress_serve(app, host=host, port=port, threads=THREADS, ident="deckgen")
    finally:
        app.extensions["deckgen_site"].close()


def _few_memory_arenas() -> None:
    """Let glibc's malloc keep two memory arenas, not one per waitress thread.

    Each thread that builds a deck would otherwise get an arena of its own, which keeps the
    memory it once held: the server grew from 112 to 220 MB over 1,000 requests. Two arenas
    keep it flat (MALLOC_ARENA_MAX=2 does the same from the environment, which wins if set).
    Only on glibc systems; elsewhere this does nothing.
    """
    if sys.platform != "linux" or "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_ARENA_MAX, 2)
    except (OSError, AttributeError):  # musl and others have no mallopt
        pass


_M_ARENA_MAX = -8
"""glibc's `M_ARENA_MAX` parameter of `mallopt` (malloc.h)."""


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
