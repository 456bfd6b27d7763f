"""The web app over a copy of the sample project, for the web tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
        server.close()
        thread.join(timeout=5)


class Server:
    """An app served by waitress on 127.0.0.1, which can be stopped and started again on
    the same port (a server restarted while a page is open)."""

    def __init__(self, app: Flask) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self._server: object | None = None
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
        if self._server is not None:
            for channel in list(self._server._map.values()):  # type: ignore[attr-defined]
                channel.close()
            self._server.close()  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None
