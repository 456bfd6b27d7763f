"""The web app over a copy of the sample project, for the web tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sample_project import copy_sample

from deckgen.web.app import create_app


def sample_app(root: Path) -> Flask:
    """The app serving a fresh copy of the sample project in `root`."""
    copy_sample(root)
    app = create_app(root / "decks" / "tour" / "direktoerer.yaml", scratch=root / "scratch")
    app.config["TESTING"] = True
    return app


@contextmanager
def running(app: Flask) -> Iterator[str]:
    """`app` served by waitress on a free port of 127.0.0.1; yields its base URL."""
    from waitress.server import create_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = create_server(app, host="127.0.0.1", port=port, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server, thread)


def stop(server: Any, thread: threading.Thread) -> None:
    """Stop a waitress `server` whose loop runs in `thread`: its sockets (the listening one,
    the connections kept open, its wake-up pipe) closed by the loop itself, between two
    polls, and the loop ended. Closed from another thread, they were closed under the
    poll, which then failed in the loop's thread (EBADF) on a busy machine, and a server
    started again on the port could find it still taken."""

    def close_all() -> None:
        for dispatcher in list(server._map.values()):
            dispatcher.close()  # the map empty, the loop ends

    server.trigger.pull_trigger(close_all)
    thread.join(timeout=STOP_S)
    assert not thread.is_alive(), f"the server did not stop within {STOP_S} s"


STOP_S = 120
"""How long a server's loop may take to stop: a bound on a hang, generous for a busy
machine (it stops at its next poll)."""


class Server:
    """An app served by waitress on 127.0.0.1, which can be stopped and started again on
    the same port (a server restarted while a page is open)."""

    def __init__(self, app: Flask) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self, app: Flask | None = None) -> None:
        from waitress.server import create_server

        self.app = app or self.app
        server = create_server(self.app, host="127.0.0.1", port=self.port, threads=8)
        self._server = server
        self._thread = threading.Thread(target=server.run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, and drop the connections kept open, as a stopped process does."""
        if self._server is not None and self._thread is not None:
            stop(self._server, self._thread)
        self._server = self._thread = None
