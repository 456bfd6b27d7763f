"""Run the web app under waitress, a production WSGI server in pure Python (Windows too)."""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import signal
import sys
import threading
import webbrowser
from pathlib import Path
from typing import Any

from deckgen.errors import DeckgenError
from deckgen.i18n import _

THREADS = 8
"""Requests served at once; builds share one lock, so more threads only queue."""


def serve(
    profiles: Path, host: str, port: int, *, open_browser: bool, user_header: str | None = None
) -> None:
    """Serve the project of `profiles` on `host:port` until interrupted; a `DeckgenError`
    if it cannot listen there (the port taken, an address not of this machine).
    `user_header` names the header a reverse proxy says who is logged in with."""
    _few_memory_arenas()

    from deckgen.web.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    app = create_app(profiles, hosts=(host,), user_header=user_header)
    try:
        server = listen(app, host, port)
    except DeckgenError:
        app.extensions["deckgen_site"].close()
        raise
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
        server.run()
    finally:
        server.close()
        app.extensions["deckgen_site"].close()


def listen(app: Any, host: str, port: int) -> Any:
    """A waitress server for `app` bound to `host:port` (not yet serving); a `DeckgenError`
    saying why in one sentence if it cannot be."""
    from waitress.server import create_server

    from deckgen.web.connections import adjustments, bounded

    try:
        return bounded(
            create_server(
                app, host=host, port=port, threads=THREADS, ident="deckgen", **adjustments()
            )
        )
    except ValueError:  # waitress's word for a name or address it cannot look up
        raise DeckgenError(
            _("{host} is not a name or address of this machine").format(host=repr(host)),
            None,
            _("use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every network)"),
        ) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = _("port {port} is already in use by another program").format(port=port)
            hint = _(
                "stop that program (another deckgen serve?), or choose another port: --port 8001"
            )
        elif exc.errno in (errno.EACCES, errno.EPERM):
            message = _("this user may not listen on port {port}").format(port=port)
            hint = _("choose a port from 1024 up, e.g. --port 8000")
        elif exc.errno == errno.EADDRNOTAVAIL:
            message = _("{host} is not an address of this machine").format(host=repr(host))
            hint = _("use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every network)")
        else:
            message = _("cannot listen on {host}, port {port}: {reason}").format(
                host=repr(host), port=port, reason=exc.strerror or exc
            )
            hint = ""
        raise DeckgenError(message, None, hint) from None


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
