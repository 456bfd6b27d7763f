"""LibreOffice in tests: skipped on a developer's machine without it, a failure in CI."""

from __future__ import annotations

import os
import shutil

import pytest

PROGRAMS = {"soffice": "libreoffice-impress", "pdftoppm": "poppler-utils"}


def require_office() -> None:
    """Skip the calling test when LibreOffice or pdftoppm is missing, unless CI=true, where
    a missing renderer fails the test (`.ci/run` installs them)."""
    missing = [package for name, package in PROGRAMS.items() if shutil.which(name) is None]
    if not missing:
        return
    message = f"rendering needs {' and '.join(missing)} (apt-get install {' '.join(missing)})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have them")
    pytest.skip(message)
