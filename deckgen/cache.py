"""A small on-disk cache for work that is slow and depends only on file content.

Re-encoding a picture takes a tenth of a second or more, and drawing a QR code loads segno;
a deck rebuilt for the next visit uses the same pictures and links. Entries are keyed by a
hash of everything that decides the result, so a stale entry cannot be returned; writing is
atomic and any failure just skips the cache. Each entry starts with the hash of its content,
so an entry cut short or garbled (a power cut after the rename, before the data reached the
disk) is a miss, and the next build writes it again, instead of breaking every build.
Set `DECKGEN_CACHE` to a folder to move it, or to `off` to turn it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from deckgen import regular
from deckgen.regular import NotRegular, read_regular

_ENV = "DECKGEN_CACHE"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""No entry is larger (pictures are at most 2000 pixels on the long side)."""


def cache_folder() -> Path | None:
    """Where cached results live, or None when caching is off."""
    setting = os.environ.get(_ENV, "")
    if setting.lower() == "off":
        return None
    try:
        folder = Path(setting) if setting else Path(_xdg_cache()) / "deckgen"
    except (RuntimeError, KeyError, OSError):  # no HOME and no user entry: no cache
        return None
    return folder if _private(folder) else None


def _xdg_cache() -> str | Path:
    return os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"


def _private(folder: Path) -> bool:
    """Whether only this user can put entries in `folder` (or it is not made yet). An entry
    is trusted as what deckgen made: in a folder of another user's, or one anyone may
    write in (a shared `/tmp/deckgen`), another user could plant a QR code of another link
    or a hostile template's 'found clean'. Such a folder is not used: builds are slower."""
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return True  # `store` makes it, as this user's
    except (OSError, ValueError):
        return False
    owner = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return info.st_uid == owner and not info.st_mode & stat.S_IWOTH


def key(*parts: bytes | str) -> str:
    """A cache key for `parts` (include a version of the code that makes the result)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


_CHECK = hashlib.sha256().digest_size
_MAGIC = b"deckgen-cache-1\n"


def load(kind: str, name: str) -> bytes | None:
    """The cached bytes of `kind`/`name`, or None (also for an entry that is damaged)."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        entry = read_regular(folder / kind / name, MAX_ENTRY_BYTES)
    except (OSError, NotRegular):
        return None
    head, check = entry[: len(_MAGIC)], entry[len(_MAGIC) : len(_MAGIC) + _CHECK]
    data = entry[len(_MAGIC) + _CHECK :]
    if head != _MAGIC or hashlib.sha256(data).digest() != check:
        return None
    return data


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
                stream.write(_MAGIC + hashlib.sha256(data).digest() + data)
            # Not synced to disk: an entry a power cut leaves short or garbled fails its
            # check and is a miss; waiting for the disk at each entry only slows a build.
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def file_digest(path: Path) -> str:
    """`deckgen.regular.file_digest` of `path`, remembered across processes while the file
    keeps its `deckgen.regular.stamp` (identity, size, modification and change time).

    Every build records the SHA-256 of its inputs — the template, the logo, the fonts (some
    3 MB), each picture — which took a one-deck build a few milliseconds each time."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return regular.file_digest(path)
    if not regular.settled(info):  # it could change again unseen: digested afresh each time
        return regular.file_digest(path)
    return _file_digest(path, regular.stamp(info))


@lru_cache(maxsize=256)
def _file_digest(path: Path, stamp: tuple[int, int, int, int, int]) -> str:
    name = key(b"file-digest-v1", str(path.absolute()), repr(stamp))
    remembered = load(_DIGESTS, name)
    if remembered is not None and len(remembered) == _HEX_DIGEST:
        return remembered.decode("ascii", "replace")
    digest = regular.file_digest(path)
    if len(digest) == _HEX_DIGEST:
        store(_DIGESTS, name, digest.encode())
    return digest


_DIGESTS = "file-digests"
_HEX_DIGEST = 2 * hashlib.sha256().digest_size
