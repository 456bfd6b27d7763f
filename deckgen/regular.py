"""Open only regular files: never a pipe, a device, a socket or a loop of symbolic links.

Reading a FIFO waits forever for a writer, reading `/dev/zero` never ends, and replacing a
device with a plain file (as root, `/dev/null`) breaks the machine. So every file deckgen
reads is checked with `os.stat` before it is opened, opened without waiting
(`O_NONBLOCK`, which matters only for a FIFO that appears between the check and the open),
checked again on the open handle, and read only up to a limit. Every output path is checked
with `os.lstat` before anything is written there. Self-contained: the callers turn
`NotRegular` into their own located error.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from functools import lru_cache
from pathlib import Path

from deckgen.i18n import N_, _

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegular(Exception):
    """A path that is not a regular file deckgen may read or replace; says what it is."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class TooLarge(NotRegular):
    """A regular file over the size limit the caller gave."""


def kind_of(mode: int) -> str:
    """What a file of `mode` is, in words (`a named pipe (FIFO)`, `a device`, …)."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    return _("not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `FileNotFoundError` for a missing file, `TooLarge` over `limit`, `NotRegular` for
    anything that is not a regular file (or a loop of links), and `OSError` otherwise.
    """
    info = _stat(path, follow=True)
    _require_regular(info)
    if info.st_size > limit:  # refused from its size, unread
        raise TooLarge(_("the file is over {limit:,} bytes").format(limit=limit))
    descriptor = _open(path)
    with os.fdopen(descriptor, "rb") as stream:
        _require_regular(os.fstat(descriptor))  # it may have been swapped since the check
        # Read one byte past the limit rather than trusting the size: it can be 0 for odd files.
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(_("the file is over {limit:,} bytes").format(limit=limit))
    return data


def file_digest(path: Path) -> str:
    """SHA-256 of the bytes of the regular file at `path` ("" if it is missing or is not a
    regular file): what a deck was built from, pictures and templates included. Kept while
    the file's `stamp` stays the same, once it has `settled`."""
    try:
        info = _stat(path, follow=True)
        _require_regular(info)
    except (OSError, NotRegular):
        return ""
    if info.st_size > MAX_DIGESTED_BYTES:  # no input of a deck is this large: never read
        return ""
    if not settled(info):  # it may change again within the clock's tick: not kept
        return _digest.__wrapped__(path, *stamp(info))
    return _digest(path, *stamp(info))


SETTLED_SECONDS = 2.0
"""A file changed this recently may change again without its size or times showing it (a
file system's clock ticks coarsely): what is worked out from it is not kept."""


def stamp(info: os.stat_result) -> tuple[int, int, int, int, int]:
    """What tells a file's version apart without reading it: device, inode, size, and the
    modification and change times. The change time is set by the system at every write
    and `touch`: a file written over with the same size and given its old modification time
    back (`touch -r`, `cp -p`) has another."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def version(path: Path) -> tuple[int, int, int, int, int]:
    """`stamp` of the file at `path`, for remembering what was read from it; a file that
    cannot be looked at gets a stamp of its own, so reading it says what is wrong."""
    try:
        return stamp(path.stat())
    except (OSError, ValueError):
        return (0, 0, -1, 0, 0)


def settled(info: os.stat_result) -> bool:
    """Whether the file was last changed over `SETTLED_SECONDS` ago (so its `stamp` is
    trustworthy; a modification time in the future is not settled)."""
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    return time.time_ns() - changed > SETTLED_SECONDS * 1e9


MAX_DIGESTED_BYTES = 256 * 1024 * 1024
"""The largest file `file_digest` reads: a deck's inputs are at most 100 MB (a presentation);
a received deck's record may name any file of the project."""


@lru_cache(maxsize=256)
def _digest(path: Path, device: int, inode: int, size: int, modified: int, changed: int) -> str:
    digest = hashlib.sha256()
    try:
        descriptor = _open(path)
        with os.fdopen(descriptor, "rb") as stream:
            _require_regular(os.fstat(descriptor))
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except (OSError, NotRegular):
        return ""
    return digest.hexdigest()


def check_regular(path: Path) -> None:
    """Refuse `path` unless it is a regular file (links followed), without opening it.

    Raises `FileNotFoundError` for a missing file and `NotRegular` for anything else.
    """
    _require_regular(_stat(path, follow=True))


def check_output_path(path: Path) -> None:
    """Refuse to write at `path` if something other than a regular file (or nothing) is there.

    A symbolic link is refused too, even one to a regular file: replacing it would replace
    the link, not the file it points to, which is never what was meant.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotRegular(
            _("cannot look at the output path: {strerror}").format(strerror=exc.strerror),
            _("choose an -o path in a folder you may open and write in"),
        ) from None
    if stat.S_ISLNK(mode):
        raise NotRegular(
            _("the output path is a symbolic link; deckgen writes only plain files"),
            _("name the file itself, or another path"),
        )
    if not stat.S_ISREG(mode):
        raise NotRegular(
            _("the output path is {kind_of}, not a file deckgen can replace").format(
                kind_of=kind_of(mode)
            ),
            _("choose another -o path (writing to standard output is not supported)"),
        )


def write_new(path: Path, data: bytes) -> None:
    """Create the file `path` holding `data`; nothing may be there yet, not even a link.

    `Path.exists()` says a dangling link is not there, and writing to it creates a file
    wherever it points; so the file is created with `O_EXCL | O_NOFOLLOW`, which fails on
    anything at the path (`FileExistsError`).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def check_output_folder(path: Path) -> None:
    """Refuse an output folder that exists but is not a folder (a file, pipe, device), and
    `-` (standard output, which a folder of files cannot go to)."""
    if str(path) == "-":
        raise NotRegular(
            _("writing to standard output (-o -) is not supported"),
            _("name a folder, e.g. -o build"),
        )
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegular(_(_LOOP), _("choose another -o folder")) from None
        raise NotRegular(
            _("cannot look at the output folder: {strerror}").format(strerror=exc.strerror)
        ) from None
    if not stat.S_ISDIR(mode):
        raise NotRegular(
            _("the output path is {kind_of}, not a folder").format(kind_of=kind_of(mode)),
            _("choose another -o folder (writing to standard output is not supported)"),
        )


_LOOP = N_("the path is a symbolic link that leads round in a loop")


def _stat(path: Path, *, follow: bool) -> os.stat_result:
    try:
        return os.stat(path, follow_symlinks=follow)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegular(_(_LOOP), _("point the link at a real file")) from None
        raise


def _require_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        what = kind_of(info.st_mode)
        raise NotRegular(
            _("is {what}, not a regular file").format(what=what), _("name an ordinary file")
        )


def _open(path: Path) -> int:
    try:
        return os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegular(_(_LOOP), _("point the link at a real file")) from None
        raise
