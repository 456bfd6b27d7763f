"""Connections that hold the server without asking anything (issue 24): idle ones, requests
that trickle in a byte at a time, one machine opening hundreds. Others are still served."""

from __future__ import annotations

import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from deckgen.web import connections
from deckgen.web.serve import listen

sys.path.insert(0, str(Path(__file__).parent))
from webapp import sample_app, stop

ELSEWHERE = "127.0.0.2"
"""Another machine, as far as the server can tell: a second loopback address."""
PATIENCE_S = 60
"""How long an answer, or the server closing a connection, is waited for: a bound on a hang
(what these tests catch), generous for a busy machine; what is expected comes in a second."""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    app = sample_app(tmp_path_factory.mktemp("web"))
    yield app
    app.extensions["deckgen_site"].close()


@contextmanager
def serving(app) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """`app` on a free port of 127.0.0.1 as `deckgen serve` runs it; yields the port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = listen(app, "127.0.0.1", port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        stop(server, thread)


def _answered(port: int) -> bool:
    address = f"http://127.0.0.1:{port}/api/openapi.json"
    with urllib.request.urlopen(address, timeout=PATIENCE_S) as r:
        return r.status == 200


def _connect(port: int, source: str = ELSEWHERE) -> socket.socket:
    connection = socket.create_connection(
        ("127.0.0.1", port), timeout=PATIENCE_S, source_address=(source, 0)
    )
    return connection


def _closed_by_server(connection: socket.socket, trickle: bytes = b"") -> bool:
    """Whether the server closes `connection` within `PATIENCE_S`, while it sends `trickle`
    a byte at a time."""
    deadline = time.monotonic() + PATIENCE_S
    connection.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if connection.recv(1024) == b"":
                return True
        except TimeoutError:
            pass
        except ConnectionResetError:
            return True
        if trickle:
            try:
                connection.send(trickle[:1])
            except (BrokenPipeError, ConnectionResetError):
                return True
            trickle = trickle[1:] or b"X"
    return False


def test_connections_that_send_nothing_or_half_a_request_do_not_shut_others_out(app) -> None:  # type: ignore[no-untyped-def]
    with serving(app) as port:
        held = [_connect(port) for _ in range(150)]  # waitress alone stopped at 100
        for connection in held[:75]:
            connection.send(b"GET /ny HTTP/1.1\r\nHost: localhost\r\n")
        try:
            assert _answered(port)
        finally:
            for connection in held:
                connection.close()


def test_a_request_trickling_in_is_closed_when_its_time_is_up(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(connections, "REQUEST_SECONDS", 1)
    with serving(app) as port, _connect(port) as slow:
        slow.send(b"GET /ny HTTP/1.1\r\n")
        assert _closed_by_server(slow, trickle=b"Host: localhost\r\nX-Pad: " + b"a" * 200)
        assert _answered(port)


def test_one_address_cannot_take_every_place(app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(connections, "PER_CLIENT", 5)
    with serving(app) as port:
        held = [_connect(port) for _ in range(5)]
        try:
            with _connect(port) as one_more:
                assert _closed_by_server(one_more)
            assert _answered(port)  # from another address
            assert not any(_closed_by_server_now(c) for c in held)
        finally:
            for connection in held:
                connection.close()


def _closed_by_server_now(connection: socket.socket) -> bool:
    connection.settimeout(0.05)
    try:
        return connection.recv(1) == b""
    except TimeoutError:
        return False
