"""Replace only what deckgen made in a folder of outputs (renders, the catalogue).

`deckgen render` and `deckgen catalogue` write many files into a folder the user names, and
a folder may hold files of the user's own (render a deck called `pictures` into `assets/`).
So deckgen keeps a record beside its outputs, `.deckgen-outputs.json`: the content hash of
every file it wrote there. A file in the way is replaced only if the record lists it with
its present content (deckgen made it and nobody changed it since); anything else — a file
deckgen did not make, or one edited since — is left untouched and the run refused, or with
`--force` replaced and kept as `<name>.bak`. A file deckgen made that a run no longer writes
(slide 20 of a deck now 19 long) is deleted only on the same condition. A path that is not a
plain file (a link, a folder, a pipe, a device) is never replaced.

The record is written atomically before the files, listing both the old and the new hash of
each, and again after them with only the new: a run killed half way leaves a record that
still recognises every file, whichever version it holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from deckgen.errors import DeckgenError, Location, display_path
from deckgen.i18n import _, ngettext
from deckgen.output import backup_path, cut_name, write_atomic
from deckgen.regular import NotRegular, check_output_folder, check_output_path, read_regular

RECORD_NAME = ".deckgen-outputs.json"
_RECORD_VERSION = 1
_MAX_RECORD_BYTES = 16 * 1024 * 1024


@dataclass
class OutputFolder:
    """A folder deckgen writes outputs into, with the record of the files it made there."""

    folder: Path
    force: bool = False
    recorded: dict[str, list[str]] = field(default_factory=dict)
    """Each file's path below the folder (with `/`) and the content hashes it may have."""

    @classmethod
    def open(cls, folder: Path, force: bool = False) -> OutputFolder:
        """The folder at `folder` (made later, when written to) and its record, if any."""
        try:
            check_output_folder(folder)
        except NotRegular as exc:
            raise DeckgenError(exc.message, Location(folder), exc.hint) from None
        return cls(folder, force, _read_record(folder / RECORD_NAME))

    def publish(self, files: Mapping[str, Path], stale_under: Iterable[str] = ()) -> list[Path]:
        """Put each staged file `files[name]` at `folder/name`, then delete the files deckgen
        made below the folders `stale_under` that this run does not write again.

        Checks every path first and writes nothing if one is refused. Returns the backups
        made with `force`.
        """
        for name in files:
            if not _safe_name(name):  # a deck called `...yaml` must not write into `..`
                raise DeckgenError(
                    _("{name} would be written outside the output folder").format(name=repr(name)),
                    Location(self.folder),
                    _("rename the deck file"),
                )
        in_the_way = [name for name in files if self._state(name) == "foreign"]
        if in_the_way and not self.force:
            raise self._refusal(in_the_way)
        stale = [
            name
            for name in self.recorded
            if name not in files and any(name.startswith(f"{top}/") for top in stale_under)
        ]
        for name in stale:
            self._check_folders_below(name)  # refused now, not half way through
        hashes = {name: _file_hash(path) for name, path in files.items()}
        # Before writing, the record knows both versions of each file.
        for name, digest in hashes.items():
            self.recorded[name] = [*self.recorded.get(name, []), digest][-2:]
        self._save()
        backups = []
        for name, path in files.items():  # one file in memory at a time
            kept = write_atomic(self.folder / name, path.read_bytes(), backup=name in in_the_way)
            if kept is not None:
                backups.append(kept)
            self.recorded[name] = [hashes[name]]
        for name in stale:
            if self._state(name) == "ours":
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / name).unlink()
            self.recorded.pop(name, None)  # gone, or no longer ours to delete
        self._save()
        return backups

    def _state(self, name: str) -> str:
        """`absent`, `ours` (made by deckgen, unchanged) or `foreign`; raises for a path that
        is not a plain file, which is never replaced."""
        path = self.folder / name
        self._check_folders_below(name)
        try:
            check_output_path(path)
        except NotRegular as exc:
            raise DeckgenError(exc.message, Location(path), exc.hint) from None
        if not os.path.lexists(path):
            return "absent"
        try:
            digest = _file_hash(path)
        except OSError:
            return "foreign"
        return "ours" if digest in self.recorded.get(name, []) else "foreign"

    def _check_folders_below(self, name: str) -> None:
        """Refuse a link among the folders between the output folder and `name`: writing or
        deleting through it would reach files outside the folder the user named."""
        folder = self.folder
        for part in PurePosixPath(name).parts[:-1]:
            folder = folder / part
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISLNK(os.lstat(folder).st_mode):
                    raise DeckgenError(
                        _(
                            "{part} is a symbolic link to a folder; deckgen writes only into "
                            "plain folders, even with --force"
                        ).format(part=part),
                        Location(folder),
                        _("remove the link, or choose another folder to write to"),
                    )

    def _refusal(self, names: list[str]) -> DeckgenError:
        more = _(" and {count} more").format(count=len(names) - 3) if len(names) > 3 else ""
        shown = ", ".join(names[:3]) + more
        first = self.folder / names[0]
        what = ngettext(
            "a file that deckgen did not make, or that was changed since, is",
            "{count} files that deckgen did not make, or that were changed since, are",
            len(names),
        ).format(count=len(names))
        return DeckgenError(
            _("{what} in the way in {display_path} ({shown}); nothing was written").format(
                what=what, display_path=display_path(self.folder), shown=shown
            ),
            Location(first),
            _(
                "choose another -o folder, or pass --force to replace them (each "
                "is kept as {name}, …)"
            ).format(name=backup_path(first).name),
        )

    def _save(self) -> None:
        record = {"version": _RECORD_VERSION, "files": dict(sorted(self.recorded.items()))}
        # A name that is not UTF-8 (`\udce6`) is kept as JSON's escape, which reads back as
        # the same name; every other name as it is, readable.
        plain = not any(0xD800 <= ord(c) <= 0xDFFF for name in self.recorded for c in name)
        text = json.dumps(record, indent=1, ensure_ascii=not plain) + "\n"
        path = self.folder / RECORD_NAME
        try:
            check_output_path(path)
        except NotRegular as exc:
            raise DeckgenError(exc.message, Location(path), exc.hint) from None
        write_atomic(path, text.encode())


def output_stem(stem: str) -> str:
    """A deck file's name as the name of its outputs: `deck` for one that is only dots
    (`...yaml` has the stem `..`, which would name the folder above), and a long one cut to
    `_MAX_STEM_BYTES` so `<name>-contact-sheet.png` stays within the 255 bytes a file
    system allows a name (runs keep cut names apart with `unique_stems`)."""
    if not stem.strip("."):
        return "deck"
    return cut_name(stem, _MAX_STEM_BYTES)


_MAX_STEM_BYTES = 200


def _read_record(path: Path) -> dict[str, list[str]]:
    """The record at `path`; a missing, damaged or strange one recognises nothing."""
    try:
        data = json.loads(read_regular(path, _MAX_RECORD_BYTES))
    except (OSError, NotRegular, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {
        name: [h for h in hashes if isinstance(h, str)]
        for name, hashes in files.items()
        if isinstance(name, str) and _safe_name(name) and isinstance(hashes, list)
    }


def _safe_name(name: str) -> bool:
    """A record names files below its folder only: never `..`, never an absolute path."""
    pure = PurePosixPath(name)
    return bool(name) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in name


def _file_hash(path: Path) -> str:
    """The content hash of the plain file at `path`, read a piece at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for piece in iter(lambda: stream.read(1 << 20), b""):
            digest.update(piece)
    return digest.hexdigest()
