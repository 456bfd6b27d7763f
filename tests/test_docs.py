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
