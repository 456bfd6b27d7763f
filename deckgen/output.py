"""Write a deck to disk without ever leaving half a file or losing someone's edits.

What is already at the output path decides what a build may do:

- nothing there, or a deck deckgen made that nobody has changed since: write it;
- a deck deckgen made that has been edited since (PowerPoint and LibreOffice rewrite its
  slide parts when they save it, so its recorded content hash no longer matches), or any
  other file: refuse (`LeftUntouched`, which a tour counts as skipped, not failed), unless
  `--force`; then the old file is kept beside the new one as `<name> (før genopbygning).pptx`
  (a deck) or `<name>.bak` (anything else).

The new deck is written to a temporary file in the same folder and renamed over the old one,
so a build that fails or is stopped leaves the old file whole and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import enum
import glob
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from deckgen.errors import DeckgenError, Location, name_bytes
from deckgen.i18n import _
from deckgen.ooxml import read_package
from deckgen.provenance import Provenance, package_content_hash, read_custom_properties
from deckgen.regular import NotRegular, check_output_path, read_regular

IDENTIFIER_PREFIX = "deckgen:"
_BACKUP_SUFFIX = ".bak"
BACKUP_MARK = " (før genopbygning"
"""What the name of a deck kept by a forced rebuild carries before its extension:
`x (før genopbygning).pptx`, so it still opens with a double-click."""
STALE_AFTER = 10 * 60
"""Seconds after which an untouched temporary file beside a deck counts as left over."""
_CAN_ASK_PROCESS = os.name != "nt"
"""Whether `os.kill(pid, 0)` only asks if a process exists (on Windows it sends Ctrl+C)."""


class LeftUntouched(DeckgenError):
    """The output is a deck edited since deckgen built it, or a file deckgen did not make:
    it was left as it is (rebuilding it takes `--force`)."""

    edited: bool = True


class Existing(enum.Enum):
    """What is at an output path before a build."""

    NOTHING = "nothing"
    UNEDITED = "unedited"
    """A deck deckgen made, unchanged since: a rebuild simply replaces it."""
    EDITED = "edited"
    """A deck deckgen made that has been changed since, or that carries no record to tell."""
    FOREIGN = "foreign"
    """A file deckgen did not make."""


def made_by_deckgen(path: Path) -> bool:
    """Whether the .pptx at `path` carries deckgen's identifier in its document properties."""
    try:
        with read_package(path, deep=False).zip() as package:
            return _has_identifier(package)
    except DeckgenError:
        return False


def existing_file(path: Path) -> Existing:
    """Classify what is at `path`: nothing, an unedited or edited deckgen deck, or another file.

    The file is read as untrusted (`deckgen.ooxml`): a FIFO, a device or a zip bomb there is
    another file, and is neither hung on nor unpacked."""
    if not path.exists():
        return Existing.NOTHING
    try:
        package = read_package(path, deep=False)
    except DeckgenError:
        return Existing.FOREIGN
    with package.zip() as archive:
        return classify_package(archive)


def classify_package(package: zipfile.ZipFile) -> Existing:
    """Whether an open package (checked by `deckgen.ooxml`) is a deck deckgen made, and if
    so, whether it is unchanged since."""
    if not _has_identifier(package):
        return Existing.FOREIGN
    try:
        record = Provenance.from_properties(read_custom_properties(package))
        if record is None or not record.content:
            return Existing.EDITED
        current = package_content_hash(package)
    except (OSError, zipfile.BadZipFile):
        return Existing.EDITED
    return Existing.UNEDITED if current == record.content else Existing.EDITED


def unedited_record(path: Path) -> Provenance | None:
    """The provenance of the deck at `path` if deckgen made it and nobody has changed it
    since; None for anything else (nothing there, an edited deck, another file)."""
    try:
        package = read_package(path, deep=False)
    except DeckgenError:
        return None
    with package.zip() as archive:
        if classify_package(archive) is not Existing.UNEDITED:
            return None
        return Provenance.from_properties(read_custom_properties(archive))


def _has_identifier(package: zipfile.ZipFile) -> bool:
    try:
        core = package.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f">{IDENTIFIER_PREFIX}".encode() in core


def check_target(output: Path, inputs: list[Path], force: bool) -> bool:
    """Refuse an output that would overwrite an input, an edited deck or another file.

    Returns whether the file there must be kept as a backup when it is replaced (it is
    replaced only with `force`).
    """
    refuse_special_output(output)
    resolved = output.resolve()
    for source in inputs:
        if source.resolve() == resolved:
            raise DeckgenError(
                _("the output file is one of the inputs"),
                Location(output),
                _("choose another -o path"),
            )
    if output.is_dir():
        raise DeckgenError(
            _("the output path is a folder"), Location(output), _("name a .pptx file")
        )
    existing = existing_file(output)
    if existing in (Existing.NOTHING, Existing.UNEDITED):
        return False
    if not force:
        if existing is Existing.EDITED:
            raise LeftUntouched(
                _(
                    "this deck has been changed since deckgen built it (edited and "
                    "saved in PowerPoint or LibreOffice?); it was left untouched"
                ),
                Location(output),
                _(
                    "choose another -o path, or pass --force to rebuild it and keep "
                    "the edited deck as {name}"
                ).format(name=backup_path(output).name),
            )
        foreign = LeftUntouched(
            _("a file that deckgen did not make is already there; it was left untouched"),
            Location(output),
            _(
                "choose another -o path, or pass --force to replace it (the old "
                "file is kept as {name})"
            ).format(name=backup_path(output).name),
        )
        foreign.edited = False
        raise foreign
    return True


def refuse_special_output(output: Path) -> None:
    """Refuse `-o -` and an output path that is a link, a device, a pipe: only a plain file
    (or nothing) may be replaced, even with `--force`."""
    if str(output) == "-":
        raise DeckgenError(
            _("writing to standard output (-o -) is not supported"),
            Location(output),
            _("name a file to write, e.g. -o build/deck.pptx"),
        )
    with contextlib.suppress(OSError):  # a folder it may not look in: said below
        if output.is_dir() and not output.is_symlink():
            return  # said below, in the words of the caller
    try:
        check_output_path(output)
    except NotRegular as exc:
        raise DeckgenError(exc.message, Location(output), exc.hint) from None


def backup_path(output: Path) -> Path:
    """A free name for keeping the file at `output`.

    A deck keeps its extension, so the kept copy opens with a double-click (Windows hides
    known extensions, and `.pptx.bak` opens nothing): `x (før genopbygning).pptx`, else
    `x (før genopbygning 2).pptx`, …. Other files (pictures, PDFs, pages a preview wrote)
    become `x.png.bak`, `x.png.2.bak`, ….
    """
    number = 1
    while True:
        candidate = _backup_name(output, number)
        if not os.path.lexists(candidate):  # a dangling link is not a free name
            return candidate
        number += 1


def _backup_name(output: Path, number: int) -> Path:
    """The `number`th name for keeping the file at `output` (from 1)."""
    if output.suffix.lower() == ".pptx":
        mark = BACKUP_MARK + (f" {number}" if number > 1 else "")
        name = _fitted(output.stem, f"{mark}){output.suffix}")
    elif number == 1:
        name = _fitted(output.name, _BACKUP_SUFFIX)
    else:
        name = _fitted(output.name, f".{number}{_BACKUP_SUFFIX}")
    return output.with_name(name)


_MAX_NAME_BYTES = 255
"""The longest file name (in bytes) that the common file systems take."""


def cut_name(name: str, room: int) -> str:
    """`name` cut to at most `room` bytes as the file system counts them, never inside a
    UTF-8 character; a name that is not UTF-8 keeps its odd bytes."""
    data = name_bytes(name)
    if len(data) <= room:
        return name
    cut = data[:room]
    start = len(cut)
    while start > 0 and cut[start - 1] & 0xC0 == 0x80:  # continuation bytes at the end
        start -= 1
    if start > 0 and cut[start - 1] >= 0xC0:
        lead = cut[start - 1]
        length = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        if len(cut) - (start - 1) < length:  # the last character is cut in two: drop it
            cut = cut[: start - 1]
    return cut.decode("utf-8", "surrogateescape")


def _fitted(stem: str, tail: str) -> str:
    """`stem` + `tail`, the stem shortened (by whole characters) until the name fits."""
    room = _MAX_NAME_BYTES - len(name_bytes(tail))
    return cut_name(stem, room) + tail


def is_backup(path: Path) -> bool:
    """Whether `path` is a file a forced rebuild kept (`x (før genopbygning).pptx`, `x.bak`)."""
    return path.suffix == _BACKUP_SUFFIX or BACKUP_MARK in path.stem


def write_atomic(output: Path, data: bytes, *, backup: bool = False) -> Path | None:
    """Write `data` to `output` in one step: readers see the old file or the new, never half.

    With `backup`, the file that was there is first kept under `backup_path(output)`; that
    path is returned. The backup is made only once the new deck is safely on disk, so a
    failed write leaves no backup either.
    """
    try:
        # The callers check first, with their own words; this is the last guard: never
        # replace (or keep as a backup) a link, a device or a pipe.
        check_output_path(output)
    except NotRegular as exc:
        raise DeckgenError(exc.message, Location(output), exc.hint) from None
    if backup and _holds(output, data):
        # The same bytes again (a visit downloaded twice, a deck rebuilt unchanged): nothing
        # to write and nothing to keep; each download left another identical `.N.bak`.
        return None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(output)
        handle, temp_name = tempfile.mkstemp(
            prefix=f"{_temporary_prefix(output)}{os.getpid()}.", suffix=".tmp", dir=output.parent
        )
    except OSError as exc:
        raise DeckgenError(
            _("cannot write there: {strerror}").format(strerror=exc.strerror),
            Location(output.parent),
            _("check the folder"),
        ) from None
    temp = Path(temp_name)
    kept = None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        earlier = _kept_already(output) if backup and output.exists() else None
        if backup and output.exists() and earlier is None:
            kept = _keep(output)
        try:
            os.replace(temp, output)
        except BaseException:  # also Ctrl+C and SIGTERM
            if kept is not None:
                kept.unlink()  # the old file stays where it was: no backup needed
            raise
        kept = kept or earlier
    except OSError as exc:
        raise DeckgenError(
            _("could not write the deck: {strerror}; any earlier file is unchanged").format(
                strerror=exc.strerror
            ),
            Location(output),
            _("check free space and that the file is not open in another program"),
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return kept


def _remove_stale_temporaries(output: Path) -> None:
    """Delete temporary files that builds killed outright (SIGKILL, power loss) left behind.

    Only files untouched for `STALE_AFTER` seconds are candidates: in a shared network folder
    a fresh one may be another machine's build still writing. Our temporary files are named
    `.{name}.{pid}.{random}.tmp`; on POSIX one whose process still runs here is left alone.
    Also removed: older leftovers without a process id (`.{name}.{random}.tmp`) and the
    temporary copy of a backup (`.{name}.bak.{random}.tmp`, formerly `.{name}.bak.tmp`).
    Windows has no harmless way to ask whether a process exists (`os.kill(pid, 0)` sends
    Ctrl+C there), but will not delete a file that is open for writing, so there deleting is
    simply tried.
    """
    prefix = _temporary_prefix(output)
    now = time.time()
    for temp in output.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        try:
            if now - temp.stat().st_mtime < STALE_AFTER:
                continue
        except OSError:
            continue
        pid = _temporary_pid(temp.name[len(prefix) :])
        if _CAN_ASK_PROCESS and pid is not None and process_alive(pid):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()


def _temporary_prefix(output: Path) -> str:
    """`.{name}.`, the start of the names of `output`'s temporary files, with the name cut so
    that a name the file system takes (up to 255 bytes) still leaves room for the rest."""
    return f".{cut_name(output.name, _MAX_TEMPORARY_NAME_BYTES)}."


_MAX_TEMPORARY_NAME_BYTES = 200


def _temporary_pid(rest: str) -> int | None:
    """The process id in a temporary file's name after `.{name}.` (`{pid}.{random}.tmp`)."""
    parts = rest.split(".")
    # Ours are ASCII digits below 2³¹; `²` is a digit to Python but no number to `int`, and
    # a longer number overflowed `os.kill`: either stopped every build of the deck.
    if len(parts) == 3 and parts[0].isascii() and parts[0].isdigit() and parts[1] != "bak":
        pid = int(parts[0])
        return pid if pid < 2**31 else None
    return None


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists on this machine (POSIX only: see `_CAN_ASK_PROCESS`)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


_MAX_COMPARED = 64 * 1024 * 1024
"""Files larger than this are not compared byte for byte before being kept (a deck is some
MB; a visit's deck file some KB)."""


def _holds(path: Path, data: bytes) -> bool:
    """Whether the regular file at `path` holds exactly `data`."""
    try:
        if path.stat().st_size != len(data) or len(data) > _MAX_COMPARED:
            return False
        return read_regular(path, _MAX_COMPARED) == data
    except (OSError, NotRegular):
        return False


def _kept_already(output: Path) -> Path | None:
    """An earlier backup of `output` holding its present bytes, if there is one: it is not
    kept twice (a visit saved A, B, A, B left a backup for each save)."""
    try:
        present = read_regular(output, _MAX_COMPARED)
    except (OSError, NotRegular):
        return None
    free = backup_path(output)
    for number in range(1, _MAX_BACKUPS_COMPARED + 1):
        candidate = _backup_name(output, number)
        if candidate == free:
            break
        if not candidate.is_symlink() and _holds(candidate, present):
            return candidate
    return None


_MAX_BACKUPS_COMPARED = 20


def _keep(output: Path) -> Path:
    """Keep the file at `output` under a backup name, without ever overwriting one."""
    target = backup_path(output)
    try:
        # A hard link keeps the old file's content when the new one is renamed over it,
        # costs nothing and fails rather than overwrite an existing backup.
        os.link(output, target)
    except FileExistsError:
        raise  # taken since backup_path looked: never overwrite it
    except OSError:
        # File systems without hard links (FAT on a USB stick, some network drives): a copy,
        # under a fresh temporary name that nothing (not a link) can already hold.
        handle, temp_name = tempfile.mkstemp(
            prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent
        )
        temp = Path(temp_name)
        try:
            with open(output, "rb") as source, os.fdopen(handle, "wb") as stream:
                shutil.copyfileobj(source, stream)
            shutil.copystat(output, temp)
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
    return target
