"""A template found clean part by part is remembered in deckgen's cache by its bytes, so the
next build does not read it through again; any other bytes, a damaged entry or the cache
turned off are read through as before."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from deckgen.errors import DeckgenError
from deckgen.ooxml import read_package
from deckgen.ooxml.template import read_template_package

TEMPLATE = Path(__file__).resolve().parents[2] / "deckgen" / "data" / "theme" / "kommune.pptx"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DECKGEN_CACHE", str(folder))
    return folder


def _remembered(cache: Path) -> list[Path]:
    return sorted((cache / "clean-packages").glob("*"))


def _with_broken_layout(source: Path, target: Path) -> Path:
    """`source` with its first layout's XML cut short: only reading the parts finds it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "ppt/slideLayouts/slideLayout1.xml":
                data = data[: len(data) // 2]
            new.writestr(info, data)
    return target


def test_a_clean_template_is_remembered_and_read_the_same_again(cache, tmp_path):
    first = read_package(TEMPLATE, remember=True)
    assert len(_remembered(cache)) == 1
    again = read_package(shutil.copy(TEMPLATE, tmp_path / "kopi.pptx"), remember=True)
    assert (again.crowding, again.widest) == (first.crowding, first.widest)
    assert again.content_types == first.content_types
    assert again.hazards == []
    assert len(_remembered(cache)) == 1


def test_other_bytes_are_read_through_and_a_damaged_template_is_refused(cache, tmp_path):
    read_template_package(shutil.copy(TEMPLATE, tmp_path / "ren.pptx"))
    broken = _with_broken_layout(TEMPLATE, tmp_path / "skabelon.pptx")
    for _ in range(2):
        with pytest.raises(DeckgenError, match=r"slideLayout1\.xml"):
            read_template_package(broken)
    assert len(_remembered(cache)) == 1


def test_a_damaged_cache_entry_is_read_through(cache):
    expected = read_package(TEMPLATE)
    read_package(TEMPLATE, remember=True)
    (entry,) = _remembered(cache)
    entry.write_bytes(b"garbled")
    again = read_package(TEMPLATE, remember=True)
    assert (again.crowding, again.widest) == (expected.crowding, expected.widest)


def test_nothing_is_remembered_with_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    package = read_package(TEMPLATE, remember=True)
    assert package.hazards == []
    assert not any(tmp_path.rglob("clean-packages"))
