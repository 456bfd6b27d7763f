"""The JSON Schemas agree with deckgen: a block, a profile file or a committee register that
deckgen accepts, VS Code's YAML extension accepts, and one deckgen refuses, it refuses.

The extension reads YAML 1.2 (`true` is a yes/no, `2025` a number, `ja` text) and validates with
the schema's draft, draft-07; deckgen reads every value as text and lets the field decide. The
tests read each case both ways: deckgen's own reading, and a YAML 1.2 reading validated by
`jsonschema`'s draft-07 validator.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE_PROJECT
from jsonschema import Draft7Validator

from deckgen.api import json_schema
from deckgen.blocks import BLOCK_KINDS, kind_name
from deckgen.committees import load_committees
from deckgen.errors import DeckgenError
from deckgen.library import read_block_file
from deckgen.tour.profiles import load_profiles


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reading as YAML 1.2's core schema does (as the YAML extension reads)."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))
Yaml12Loader.add_constructor(
    "tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node).lower() == "true"
)


def _editor_accepts(kind: str, text: str) -> bool:
    data = yaml.load(text, Loader=Yaml12Loader)
    validator = Draft7Validator(json_schema(kind))
    return validator.is_valid(data)


def _block_file(block: str) -> str:
    return "blocks:\n" + textwrap.indent(textwrap.dedent(block).strip() + "\n", "  ")


def _deckgen_accepts_blocks(path: Path, text: str) -> bool:
    path.write_text(text, encoding="utf-8")
    try:
        _, problems, _ = read_block_file(path)
    except DeckgenError:
        return False
    return not problems


BLOCKS = {
    "picture with alt text": "- {id: a, kind: image, title: T, file: x.png, alt_text: Et træ}",
    "decorative: true": "- {id: a, kind: image, title: T, file: x.png, decorative: true}",
    "decorative: ja": "- {id: a, kind: image, title: T, file: x.png, decorative: ja}",
    "decorative: Ja": "- {id: a, kind: image, title: T, file: x.png, decorative: Ja}",
    "decorative: yes": "- {id: a, kind: image, title: T, file: x.png, decorative: yes}",
    "decorative: 1": "- {id: a, kind: image, title: T, file: x.png, decorative: 1}",
    "decorative: nej, with alt": (
        "- {id: a, kind: image, title: T, file: x.png, decorative: nej, alt_text: Et træ}"
    ),
    "decorative: No, with alt": (
        "- {id: a, kind: image, title: T, file: x.png, decorative: No, alt_text: Et træ}"
    ),
    "decorative: no, no alt": "- {id: a, kind: image, title: T, file: x.png, decorative: no}",
    "no alt, not decorative": "- {id: a, kind: image, title: T, file: x.png}",
    "blank alt text": "- {id: a, kind: image, title: T, file: x.png, alt_text: '  '}",
    "decorative with alt": (
        "- {id: a, kind: image, title: T, file: x.png, decorative: ja, alt_text: Et træ}"
    ),
    "decorative: måske": "- {id: a, kind: image, title: T, file: x.png, decorative: måske}",
    "mode: stretch": "- {id: a, kind: image, title: T, file: x.png, alt_text: x, mode: stretch}",
    "minutes: '05'": "- {id: a, kind: dialogue, question: Q, minutes: '05'}",
    "minutes: 05": "- {id: a, kind: dialogue, question: Q, minutes: 05}",
    "minutes: 15": "- {id: a, kind: dialogue, question: Q, minutes: 15}",
    "minutes: 500": "- {id: a, kind: dialogue, question: Q, minutes: 500}",
    "minutes: 0": "- {id: a, kind: dialogue, question: Q, minutes: 0}",
    "minutes: ti": "- {id: a, kind: dialogue, question: Q, minutes: ti}",
    "text: a number": "- {id: a, kind: statement, text: 2025}",
    "text: true": "- {id: a, kind: statement, text: true}",
    "text: 10:30": "- {id: a, kind: statement, text: '10:30'}",
    "text empty": "- {id: a, kind: statement, text: ''}",
    "text missing": "- {id: a, kind: statement}",
    "text null": "- {id: a, kind: statement, text: }",
    "tags lower case": "- {id: a, kind: statement, text: T, tags: [aktørskab, vejen-videre]}",
    "tag with a capital": "- {id: a, kind: statement, text: T, tags: [Aktørskab]}",
    "tags as text": "- {id: a, kind: statement, text: T, tags: vejen}",
    "id with a capital": "- {id: Vejen, kind: statement, text: T}",
    "id a number": "- {id: 2025, kind: statement, text: T}",
    "Danish field name": "- {id: a, kind: statement, text: T, undertitel: U}",
    "unknown kind": "- {id: a, kind: punktliste, title: T, items: [a]}",
    "status: kladde": "- {id: a, kind: statement, text: T, status: kladde}",
    "status: udgået": "- {id: a, kind: statement, text: T, status: udgået}",
    "status: færdig": "- {id: a, kind: statement, text: T, status: færdig}",
    "vision: title and layers": "- {id: a, kind: vision, title: V, layers: [a, b]}",
    "vision: headline and centre": "- {id: a, kind: vision, headline: V, centre: C}",
    "vision: sides without centre": "- {id: a, kind: vision, title: V, layers: [a], sides: [x]}",
    "vision: nothing to draw": "- {id: a, kind: vision, title: V}",
    "vision: no title": "- {id: a, kind: vision, layers: [a]}",
    "vision: empty centre": "- {id: a, kind: vision, title: V, sides: [x], centre: ''}",
    "link https": "- {id: a, kind: call_to_action, title: L, link: 'https://example.dk'}",
    "link http": "- {id: a, kind: call_to_action, title: L, link: 'http://example.dk'}",
    "bullets with sub-points": (
        "- id: a\n  kind: bullets\n  title: T\n  items:\n    - text: A\n      items: [B, C]\n    - D"
    ),
    "a sub-point with a wrong field": (
        "- id: a\n  kind: bullets\n  title: T\n  items:\n    - txt: A\n      items: [B]"
    ),
    "principles": "- id: a\n  kind: principles\n  title: P\n  items:\n    - {text: a, detail: b}",
    "a principle as text": "- id: a\n  kind: principles\n  title: P\n  items:\n    - 5",
    "no blocks": "[]",
}
"""Cases of the tests of the block kinds, written as a communication officer would."""


@pytest.mark.parametrize("case", list(BLOCKS))
def test_the_blocks_schema_judges_each_case_as_deckgen_does(case, tmp_path):
    text = _block_file(BLOCKS[case]) if BLOCKS[case] != "[]" else "blocks: []\n"
    deckgen = _deckgen_accepts_blocks(tmp_path / "blocks.yaml", text)
    assert _editor_accepts("blocks", text) == deckgen, (case, deckgen)


@pytest.mark.parametrize("kind", BLOCK_KINDS, ids=kind_name)
def test_every_kind_s_example_passes_both(kind, tmp_path):
    block = {"id": "eksempel", "kind": kind_name(kind), **kind.example}
    text = yaml.safe_dump({"blocks": [block]}, allow_unicode=True)
    assert _deckgen_accepts_blocks(tmp_path / "blocks.yaml", text)
    assert _editor_accepts("blocks", text)


@pytest.mark.parametrize(
    "path", sorted((SAMPLE_PROJECT / "decks" / "blocks").glob("*.yaml")), ids=lambda p: p.name
)
def test_every_block_file_of_the_sample_passes_both(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    assert _deckgen_accepts_blocks(tmp_path / path.name, text)
    assert _editor_accepts("blocks", text)


PROFILES = SAMPLE_PROJECT / "decks" / "tour" / "direktoerer.yaml"


@pytest.mark.parametrize(
    ("case", "old", "new"),
    [
        ("as it is", "", ""),
        ("navn for name", "    name: Mette Holm", "    navn: Mette Holm"),
        ("an id with a capital", "id: mette-holm", "id: Mette-holm"),
        ("signature as text", "signature: [hilsen-mette-holm]", "signature: hilsen-mette-holm"),
        ("no deck", "deck: ../omu-dialogmoede.yaml", "dæk: ../omu-dialogmoede.yaml"),
    ],
)
def test_the_profiles_schema_judges_each_case_as_deckgen_does(case, old, new, tmp_path):
    from sample_project import copy_sample

    copy_sample(tmp_path)
    path = tmp_path / "decks" / "tour" / "direktoerer.yaml"
    text = path.read_text(encoding="utf-8").replace(old, new, 1) if old else path.read_text("utf-8")
    path.write_text(text, encoding="utf-8")
    try:
        load_profiles(path)
        deckgen = True
    except DeckgenError:
        deckgen = False
    assert _editor_accepts("profiles", text) == deckgen, case
    assert deckgen == (case == "as it is")


@pytest.mark.parametrize(
    ("case", "text", "accepted"),
    [
        ("the sample", (SAMPLE_PROJECT / "decks/tour/udvalg.yaml").read_text("utf-8"), True),
        ("a name with ': ' in quotes", 'udvalg:\n  - "OMU Kultur: Musik og Teater"\n', True),
        ("a name with ': ' unquoted", "udvalg:\n  - OMU Kultur: Musik og Teater\n", False),
        ("a name twice", "udvalg:\n  - OMU A\n  - OMU A\n", False),
        ("an empty line", "udvalg:\n  - OMU A\n  -\n", False),
        ("another field", "udvalg:\n  - OMU A\nnavne: []\n", False),
    ],
)
def test_the_committees_schema_judges_each_case_as_deckgen_does(case, text, accepted, tmp_path):
    path = tmp_path / "udvalg.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_committees(path)
        deckgen = True
    except DeckgenError:
        deckgen = False
    assert deckgen == accepted, case
    assert _editor_accepts("committees", text) == accepted, case


@pytest.mark.parametrize("kind", ["all", "deck", "blocks", "theme", "profiles", "committees"])
def test_every_schema_is_draft_07_and_every_reference_resolves(kind):
    schema = json_schema(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    text = str(schema)
    assert "$defs" not in text
    for name in re.findall(r"#/definitions/(\w+)", text):
        assert name in schema["definitions"], name
