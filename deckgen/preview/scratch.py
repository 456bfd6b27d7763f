"""Temporary folders for rendering, named so that the next run can clean up after a killed one.

`render` and `catalogue` work in temporary folders (a LibreOffice profile, PDFs, pages). A
run killed outright (`kill -9`, a power cut) cannot remove them, so each is named
`deckgen-<kind>-<pid>-<random>` in the system's temporary folder, and every run first
removes the ones whose process is gone and that nobody has touched for `STALE_AFTER`
seconds — only its own user's, as for the temporary files beside a deck (`deckgen.output`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from deckgen.output import STALE_AFTER, process_alive

_NAME = re.compile(r"deckgen-[a-z]+-(\d+)-[^/]+")
_CAN_ASK_PROCESS = os.name != "nt"


def folder(kind: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder for `kind` of work, removed when the `with` block ends; stale ones
    left by killed runs are removed first."""
    remove_stale()
    return tempfile.TemporaryDirectory(prefix=f"deckgen-{kind}-{os.getpid()}-")


def remove_stale(base: Path | None = None) -> list[Path]:
    """Remove the temporary folders of deckgen runs that are gone; returns those removed."""
    base = Path(tempfile.gettempdir()) if base is None else base
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(base.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not mine or not entry.is_dir() or entry.is_symlink():
            continue
        if now - info.st_mtime < STALE_AFTER:
            continue  # may be a run still starting, or one on another machine sharing it
        if _CAN_ASK_PROCESS and process_alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            shutil.rmtree(entry)
            removed.append(entry)
    return removed
