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
