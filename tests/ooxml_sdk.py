"""Microsoft's Open XML SDK validator (`@ooxml-tools/validate`, WebAssembly, no .NET), run on
decks by the tests: `npm ci --prefix tools/ooxml` installs it; without it a test skips on a
developer's machine and fails in CI (CI=true)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

TOOL = REPO / "tools" / "ooxml"


def require_validator() -> None:
    if shutil.which("node") and (TOOL / "node_modules" / "@ooxml-tools" / "validate").is_dir():
        return
    message = "the Open XML SDK validator needs node and `npm ci --prefix tools/ooxml`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have it (.ci/run installs it)")
    pytest.skip(message)


def sdk_errors(paths: list[Path]) -> dict[str, list[dict]]:
    done = subprocess.run(
        ["node", "validate.mjs", *map(str, paths)],
        cwd=TOOL,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)
