"""How many connections `deckgen serve` keeps, and for how long: waitress's channel, bounded.

waitress serves requests with a few threads, but holds connections in one loop up to its
connection limit (100): a hundred connections that send nothing, or a request's headers a
byte at a time (slowloris), and no one else is served until they time out, two minutes after
their last byte; a trickle keeps them forever (measured: 120 idle connections, and a request
from elsewhere got no answer). So a connection here

- that is idle (no request under way) is closed after `IDLE_SECONDS`;
- whose request has not arrived whole `REQUEST_SECONDS` after it began is closed, however
  steadily it trickles (a 2 MB upload takes a second on a municipal network);
- is refused at once when its address already holds `PER_CLIENT` connections, so one
  machine cannot take the places of all the others (a browser opens six per site);

and the server holds up to `CONNECTION_LIMIT` of them, watched with `poll` (not `select`,
which stops at 1,024 file descriptors). Behind the municipality's proxy, the proxy takes
the clients' connections and these limits are a second line.
"""

from __future__ import annotations

import select
import time
from typing import Any

from waitress.channel import HTTPChannel

CONNECTION_LIMIT = 500
PER_CLIENT = 200
IDLE_SECONDS = 30
REQUEST_SECONDS = 60


def bounded(server: Any) -> Any:
    """`server` (what `waitress.server.create_server` made, one socket or several) with its
    connections bounded as the module says."""
    for listener in [server, *getattr(server, "map", {}).values()]:
        if hasattr(listener, "channel_class"):
            listener.channel_class = BoundedChannel
    return server


def adjustments() -> dict[str, Any]:
    """The waitress settings that go with `BoundedChannel`."""
    return {
        "connection_limit": CONNECTION_LIMIT,
        "channel_timeout": IDLE_SECONDS,
        "cleanup_interval": 5,
        # `select` stops at 1,024 file descriptors; Windows has no `poll` (and no such limit).
        "asyncore_use_poll": hasattr(select, "poll"),
    }


class BoundedChannel(HTTPChannel):
    """waitress's connection, closed when its request takes too long to arrive, and refused
    when its client holds too many already."""

    def __init__(self, server: Any, sock: Any, addr: Any, adj: Any, map: Any = None) -> None:
        super().__init__(server, sock, addr, adj, map)
        self._arriving: Any = None
        self._since = 0.0
        client = _host(addr)
        others = sum(
            1
            for channel in (map or {}).values()
            if isinstance(channel, HTTPChannel)
            and channel is not self
            and _host(channel.addr) == client
        )
        if others >= PER_CLIENT:
            self.will_close = True  # closed by the loop before anything is read

    def readable(self) -> bool:
        # Asked by the loop about once a second for every connection: the place to see a
        # request that has been arriving for too long.
        request = self.request
        if request is not None and not request.completed:
            now = time.time()
            if request is not self._arriving:
                self._arriving, self._since = request, now
            elif now - self._since > REQUEST_SECONDS:
                self.will_close = True
        return bool(super().readable())


def _host(addr: Any) -> Any:
    return addr[0] if isinstance(addr, tuple) and addr else addr
