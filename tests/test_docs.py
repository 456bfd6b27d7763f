"""The documentation tells the truth about the tests it names."""

import re

from conftest import REPO


def test_every_test_named_in_the_hazard_table_exists():
    table = (REPO / "docs" / "hazards.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", table)
    assert len(named) > 30
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not re.search(rf"^def {name}\(", (REPO / path).read_text(encoding="utf-8"), re.M)
    ]
    assert missing == []


def test_the_danish_guide_works_on_a_danish_windows_pc_as_written():
    import shlex

    from click.testing import CliRunner

    from deckgen.cli.commands import main

    guide = (REPO / "docs" / "besoegsturne.md").read_text(encoding="utf-8")
    # No `cd Dokumenter` (the folder is Documents, often under OneDrive), and the `py`
    # launcher, which works without PATH, for every command.
    assert "cd Dokumenter" not in guide
    assert "%OneDrive%" in guide
    blocks = re.findall(r"^\s*```[a-z]*\n(.*?)^\s*```", guide, re.M | re.S)
    commands = [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if re.match(r"\s*(py -m |pip |python )?deckgen [\w-]", line)
        and not line.strip().startswith("deckgen, version")
    ]
    assert commands
    assert all(command.startswith("py -m deckgen ") for command in commands), commands
    known = set(main.commands)
    for command in commands:
        name = shlex.split(command.replace("\\", "/"))[3]
        assert name in known | {"--version"}, command
    # The catalogue is how blocks are chosen.
    assert "py -m deckgen catalogue" in guide
    assert "index.html" in guide
    assert CliRunner().invoke(main, ["catalogue", "--help"]).exit_code == 0
