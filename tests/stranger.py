"""Running deckgen as a user the system has no entry for (a container's arbitrary user id).

Only root can become another user (`setpriv`), and that user must still find the packages
deckgen imports. They are wherever this Python keeps them: in CI, a root whose packages sit
in its own user folder (`~/.local`), which another user, without root's home, never looks
in. So the stranger is given this process's import path; where it cannot read that path at
all, the test is skipped with the reason, rather than failing for the machine's set-up.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

STRANGER = 54321
"""A user id with no entry in the system's user list."""

_IMPORTS = "import click, lxml.etree, msgspec, PIL.Image, pptx, segno, yaml"
"""What a build needs besides deckgen itself (found in the repository, the working folder)."""


def stranger(environment: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The command prefix that runs a program as `STRANGER`, and `environment` with this
    process's import path added; skips where that user cannot be had or cannot import
    deckgen's packages here."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv, to run as another user")
    with contextlib.suppress(KeyError):
        pwd.getpwuid(STRANGER)
        pytest.skip(f"user id {STRANGER} has an entry here")
    prefix = ["setpriv", "--reuid", str(STRANGER), "--regid", str(STRANGER), "--clear-groups"]
    path = [entry for entry in sys.path if entry and Path(entry).is_dir()]
    environment = {**environment, "PYTHONPATH": os.pathsep.join(path)}
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", _IMPORTS],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=environment,
    )
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["(nothing said)"])[-1]
        pytest.skip(f"user id {STRANGER} cannot import deckgen's packages here: {last}")
    return prefix, environment


@contextlib.contextmanager
def open_folder() -> Iterator[Path]:
    """A new folder anyone may enter (not under pytest's `tmp_path`, which is closed to
    other users), removed afterwards."""
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o755)
        yield folder
    finally:
        shutil.rmtree(folder)
