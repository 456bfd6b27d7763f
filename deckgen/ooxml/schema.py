"""The Open XML validator (`openxml-audit`, offline), on a package in memory, with its work
bounded as a whole.

`deckgen check` runs it on every deck; a template is run through it only when reading the
template fails, to say which part and which element is wrong (see `render.package`).

The validator's time depends on the shape of the XML in ways no one measure catches: the
square of the number of same elements side by side (5,000 shapes in one group took 24 s),
but also 80,000 siblings of different tags (62 s), and the size limits allow hours. So it runs
in a child process that may use `MAX_SECONDS` of processor time (and `_WALL_SECONDS` of
time at all, for a machine without processor limits); past that it is stopped and the package
is reported "not validated", as one too crowded to start on (`Package.crowding`) is.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from deckgen import cache
from deckgen.errors import DeckgenError
from deckgen.i18n import _

MAX_FINDINGS = 50
MAX_CROWDING = 8_000_000
"""The validator's time grows with the square of the number of same elements side by side
(`Package.crowding`): 5,000 shapes in one group (25 million) took 24 s, 140,000 would take
hours. Past this (about 8 s), it is not started; deckgen's decks score in the thousands."""
MAX_SECONDS = 60
"""Processor time the validator may take on one package (deckgen's decks take about 1 s)."""
_WALL_SECONDS = 300
_WORKER = Path(__file__).with_name("validator_worker.py")


def too_crowded(crowding: int, widest: tuple[int, str]) -> tuple[str, str] | None:
    """What the gate says of a package whose `Package.crowding` is `crowding` and `widest` its
    most children of one kind under one parent and their part, when the validator is not
    started on it: (message, hint), an error. None when it is started. `build` refuses to
    write such a deck with the same words."""
    if crowding <= MAX_CROWDING:
        return None
    count, part = widest
    return (
        _(
            "too many elements side by side for the Open XML validator to check in "
            "reasonable time (up to {count:,} under one parent, in {part}); not validated"
        ).format(count=count, part=part),
        _("split the slides or layouts up (thousands of shapes or table rows in one place)"),
    )


class NotValidated(DeckgenError):
    """The validator did not finish (its time or memory ran out) or failed on the package:
    it is not validated."""


def validate(data: bytes) -> list[tuple[str, str, str]]:
    """(part, XML path, message) for each finding of the Open XML validator on `data`;
    `NotValidated` if it takes over `MAX_SECONDS` of processor time.

    The findings are remembered in deckgen's cache by the package's bytes and the
    validator's version: a deck checked again unchanged (the same build checked by `check`,
    the web page and CI) is not validated again, which takes about a second."""
    name = _findings_key(data)
    remembered = cache.load(_FINDINGS, name) if name else None
    if remembered is not None:
        with contextlib.suppress(ValueError, TypeError):
            return [(str(a), str(b), str(c)) for a, b, c in json.loads(remembered)]
    found = _validate(data)
    if name:
        cache.store(_FINDINGS, name, json.dumps(found).encode())
    return found


_FINDINGS = "validator-findings"


def _findings_key(data: bytes) -> str | None:
    """The cache key of the validator's findings on `data`; None if it is not installed."""
    import importlib.metadata  # 4 ms at start, for a command that validates (not `build`)

    try:
        version = importlib.metadata.version("openxml-audit")
    except importlib.metadata.PackageNotFoundError:
        return None
    worker = _WORKER.read_bytes() if _WORKER.exists() else b""
    limits = f"{MAX_FINDINGS} {MAX_SECONDS}"
    return cache.key(b"openxml-audit", version, limits, worker, data)


def _validate(data: bytes) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="deckgen-check-") as folder:
        path = Path(folder) / "deck.pptx"
        path.write_bytes(data)
        # `-P`: nothing from the worker's own folder is imported; not `-I`, which would also
        # drop PYTHONPATH and the user's own site folder, where deckgen may have found the
        # validator (`pip install --user`, `--target`).
        command = [sys.executable, "-P", str(_WORKER), str(path), str(MAX_SECONDS)]
        try:
            done = subprocess.run(
                [*command, str(MAX_FINDINGS)],
                capture_output=True,
                timeout=_WALL_SECONDS,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise _too_long() from None
    if done.returncode == 3:
        raise DeckgenError(
            _("the Open XML validator `openxml-audit` is not installed"),
            hint=_("pip install openxml-audit (it comes with deckgen: pip install -e .)"),
        )
    if done.returncode != 0:
        # Killed by its processor limit (SIGXCPU/SIGKILL), or out of memory on the package.
        if done.returncode < 0 or b"MemoryError" in done.stderr:
            raise _too_long()
        # The validator itself failed on a file from elsewhere: said, not a traceback.
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        raise NotValidated(
            _("the Open XML validator failed on this file ({reason}); not validated").format(
                reason=lines[-1][:200] if lines else done.returncode
            ),
            hint=_("open it in PowerPoint and save it again"),
        )
    return [(str(a), str(b), str(c)) for a, b, c in json.loads(done.stdout)]


def _too_long() -> NotValidated:
    return NotValidated(
        _(
            "the Open XML validator did not finish within {seconds} s on this file; not validated"
        ).format(seconds=MAX_SECONDS),
        hint=_("split the slides or layouts up (thousands of shapes or table rows in one place)"),
    )
