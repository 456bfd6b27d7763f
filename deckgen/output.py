"""Write a deck to disk without ever leaving half a file or clobbering someone's work."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from pathlib import Path

from deckgen.errors import DeckgenError, Location

IDENTIFIER_PREFIX = "deckgen:"


def made_by_deckgen(path: Path) -> bool:
    """Whether the .pptx at `path` carries deckgen's identifier in its document properties."""
    try:
        with zipfile.ZipFile(path) as package:
            core = package.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f">{IDENTIFIER_PREFIX}".encode() in core


def check_target(output: Path, inputs: list[Path], force: bool) -> None:
    """Refuse an output that would overwrite an input or a deck deckgen did not make."""
    resolved = output.resolve()
    for source in inputs:
        if source.resolve() == resolved:
            raise DeckgenError(
                "the output file is one of the inputs", Location(output), "choose another -o path"
            )
    if output.is_dir():
        raise DeckgenError("the output path is a folder", Location(output), "name a .pptx file")
    if output.exists() and not force and not made_by_deckgen(output):
        raise DeckgenError(
            "a file that deckgen did not make is already there; it was left untouched",
            Location(output),
            "choose another -o path, or pass --force to replace it",
        )


def write_atomic(output: Path, data: bytes) -> None:
    """Write `data` to `output` in one step: readers see the old file or the new, never half."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{output.name}.", suffix=".tmp", dir=output.parent
        )
    except OSError as exc:
        raise DeckgenError(
            f"cannot write there: {exc.strerror}", Location(output.parent), "check the folder"
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, output)
    except OSError as exc:
        raise DeckgenError(
            f"could not write the deck: {exc.strerror}; any earlier file is unchanged",
            Location(output),
            "check free space and that the file is not open in another program",
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
