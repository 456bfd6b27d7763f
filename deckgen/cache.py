"""A small on-disk cache for work that is slow and depends only on file content.

Re-encoding a picture takes a tenth of a second or more, and drawing a QR code loads segno;
a deck rebuilt for the next visit uses the same pictures and links. Entries are keyed by a
hash of everything that decides the result, so a stale entry cannot be returned; writing is
atomic and any failure just skips the cache.
Set `DECKGEN_CACHE` to a folder to move it, or to `off` to turn it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

_ENV = "DECKGEN_CACHE"


def cache_folder() -> Path | None:
    """Where cached results live, or None when caching is off."""
    setting = os.environ.get(_ENV, "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "deckgen"


def key(*parts: bytes | str) -> str:
    """A cache key for `parts` (include a version of the code that makes the result)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def load(kind: str, name: str) -> bytes | None:
    """The cached bytes of `kind`/`name`, or None."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        return (folder / kind / name).read_bytes()
    except OSError:
        return None


def store(kind: str, name: str, data: bytes) -> None:
    """Keep `data` as `kind`/`name`; a cache that cannot be written is skipped silently."""
    folder = cache_folder()
    if folder is None:
        return
    target = folder / kind / name
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
