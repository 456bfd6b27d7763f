"""The lock (requirements.lock) covers what pyproject.toml asks for, every extra included, at
versions inside its ranges; and the README and CI install with it. Updating the lock is
`uv pip compile …` (the command is written at the top of the lock and in the README)."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

LOCK = REPO / "requirements.lock"
COMMAND = "uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 -o requirements.lock"


def _locked() -> dict[str, Version]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;]+)", line)
        if match:
            pins[canonicalize_name(match[1])] = Version(match[2])
    return pins


def _wanted() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {}).values()
    texts = [*project["dependencies"], *(text for extra in extras for text in extra)]
    return [Requirement(text) for text in texts]


def test_every_dependency_and_extra_is_locked_inside_its_range():
    locked = _locked()
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock — run: {COMMAND}"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {name}=={locked[name]} outside {requirement} — run: {COMMAND}"
        )


def test_the_lock_says_how_it_was_made_and_the_readme_and_ci_install_with_it():
    assert COMMAND in LOCK.read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert COMMAND in readme
    install = "pip install -c requirements.lock -e '.[test]'"
    assert readme.count(install) >= 2  # set up, and run the tests
    assert f"python -m {install} && python -m pytest" in (REPO / ".ci" / "run").read_text(
        encoding="utf-8"
    ).replace(" -q", "")
