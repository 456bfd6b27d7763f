"""The documentation tells the truth about the tests it names."""

import re

import click
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
    known = set(main.list_commands(click.Context(main)))
    for command in commands:
        name = shlex.split(command.replace("\\", "/"))[3]
        assert name in known | {"--version"}, command
    # The catalogue is how blocks are chosen.
    assert "py -m deckgen catalogue" in guide
    assert "index.html" in guide
    assert CliRunner().invoke(main, ["catalogue", "--help"]).exit_code == 0


def test_the_library_guide_covers_every_kind_field_and_danish_name_and_its_examples_validate(
    tmp_path,
):
    import shlex

    from deckgen.blocks import BLOCK_KINDS, kind_name
    from deckgen.cli.commands import main
    from deckgen.library import read_block_file
    from deckgen.record import fields_of, records_in
    from deckgen.wording import DANISH_FIELD_NAMES, DANISH_KIND_NAMES

    guide = (REPO / "docs" / "bibliotek.md").read_text(encoding="utf-8")
    missing = []
    for kind in BLOCK_KINDS:
        if f"`{kind_name(kind)}`" not in guide:
            missing.append(kind_name(kind))
        models = [kind]
        while models:
            model = models.pop()
            for name, info in fields_of(model).items():
                if f"`{name}`" not in guide:
                    missing.append(f"{kind_name(kind)}.{name}")
                models += records_in(info.type)
    missing += [f"Danish {name}" for name in DANISH_FIELD_NAMES if f"`{name}`" not in guide]
    missing += [f"Danish kind {name}" for name in DANISH_KIND_NAMES if f"`{name}`" not in guide]
    assert missing == []

    examples = re.findall(r"```yaml\n(blocks:\n.*?)```", guide, re.S)
    assert len(examples) >= len(BLOCK_KINDS)
    for number, text in enumerate(examples):
        path = tmp_path / f"eksempel-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        blocks, problems, _ = read_block_file(path)
        assert problems == [] and blocks, text

    commands = re.findall(r"py -m deckgen ([\w-]+)", guide)
    assert {"validate", "render", "catalogue", "blocks", "import", "provenance"} <= set(commands)
    known = set(main.list_commands(click.Context(main)))
    assert set(commands) <= known, set(commands) - known
    assert all(shlex.split(line) for line in commands)
