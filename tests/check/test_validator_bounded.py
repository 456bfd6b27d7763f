"""The Open XML validator's work is bounded as a whole, whatever shape makes it slow."""

import copy
import io
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from deckgen.check import open_deck
from deckgen.check.soundness import valid
from deckgen.ooxml import schema

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_OTHERS = (
    f'<p:grpSp xmlns:p="{P}"><p:nvGrpSpPr><p:cNvPr id="5" name="g"/><p:cNvGrpSpPr/><p:nvPr/>'
    "</p:nvGrpSpPr><p:grpSpPr/></p:grpSp>",
    f'<p:cxnSp xmlns:p="{P}"><p:nvCxnSpPr><p:cNvPr id="6" name="c"/><p:cNvCxnSpPr/><p:nvPr/>'
    "</p:nvCxnSpPr><p:spPr/></p:cxnSp>",
)


def _siblings_of_different_tags(target: Path, count: int) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    shape = slide.shapes.add_textbox(0, 0, Emu(100), Emu(100))._element
    kinds = [shape, *(etree.fromstring(xml) for xml in _OTHERS)]
    tree = slide.shapes._spTree
    for number in range(count):
        tree.append(copy.deepcopy(kinds[number % len(kinds)]))
    buffer = io.BytesIO()
    prs.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def test_a_deck_the_validator_takes_too_long_on_is_reported_not_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 4,000 shapes of three kinds side by side: under the crowding estimate (same kinds
    # only), yet seconds of work; the size limits allow hours. One second is its time here.
    deck = _siblings_of_different_tags(tmp_path / "mange.pptx", 4000)
    monkeypatch.setattr(schema, "MAX_SECONDS", 1)
    found = list(valid(open_deck(deck)))
    assert len(found) == 1
    assert "did not finish within 1 s on this file; not validated" in found[0].message
    assert found[0].hint.startswith("split the slides or layouts up")


def test_the_validator_in_its_own_process_still_finds_what_is_wrong(tmp_path: Path) -> None:
    deck = _siblings_of_different_tags(tmp_path / "faa.pptx", 3)
    found = schema.validate(deck.read_bytes())
    assert found and all(part.startswith("/ppt/slides/slide1.xml") for part, _p, _m in found)


def test_a_file_the_validator_fails_on_is_reported_not_validated_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The validator failing on a file from elsewhere, as a program failing in its process.
    failing = tmp_path / "failing_validator.py"
    failing.write_text("raise ValueError('unexpected element in ppt/slides/slide1.xml')\n")
    monkeypatch.setattr(schema, "_WORKER", failing)
    deck = _siblings_of_different_tags(tmp_path / "faa.pptx", 3)
    (found,) = list(valid(open_deck(deck)))
    assert found.check == "package.valid"
    assert "the Open XML validator failed on this file (ValueError: unexpected element" in (
        found.message
    )


def test_the_findings_on_a_deck_are_remembered_by_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    data = _siblings_of_different_tags(tmp_path / "faa.pptx", 3).read_bytes()
    found = schema.validate(data)
    assert len(list((tmp_path / "cache" / "validator-findings").iterdir())) == 1
    assert schema.validate(data) == found
    # Another validator (here one that fails) is asked afresh, and its failure is not kept.
    failing = tmp_path / "failing_validator.py"
    failing.write_text("raise ValueError('unexpected element')\n")
    monkeypatch.setattr(schema, "_WORKER", failing)
    with pytest.raises(schema.NotValidated):
        schema.validate(data)
    assert len(list((tmp_path / "cache" / "validator-findings").iterdir())) == 1
