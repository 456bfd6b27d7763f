"""Let a worker process end itself when the process that started it is gone.

A tour's workers wait for their next deck on a queue. If the main process is killed outright
(`kill -9`, out of memory), nothing ever tells them, and each would sleep forever holding its
libraries and theme in memory. A small thread in each worker watches its parent's process id:
when the parent dies, the worker is handed to another parent (init) and the id changes.
"""

from __future__ import annotations

import os
import threading

CHECK_EVERY_S = 1.0
"""How often a worker looks whether its parent is still there."""


def exit_with_parent(parent: int | None = None, interval: float = CHECK_EVERY_S) -> None:
    """In a worker process: end it (at once, status 1) once the process that started it dies.

    `parent` is that process's id as it knew it: a worker asking for its parent only now
    would, if the parent was killed before the worker got to run (a busy machine), find its
    new parent and watch that one forever."""
    if parent is None:
        parent = os.getppid()

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(interval):
            if os.getppid() != parent:
                os._exit(1)  # nobody is left to hear of a result, or to clean up after one

    threading.Thread(target=watch, name="deckgen-parent-watch", daemon=True).start()
