"""A template's masters, layouts and placeholders, once read, are remembered in deckgen's cache
by the template's bytes: read again, anywhere, they are what reading the XML gives; a
template changed in any byte is read from its XML."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from deckgen.theme.inspect import read_template

TEMPLATE = Path(__file__).resolve().parents[2] / "deckgen" / "data" / "theme" / "kommune.pptx"


def test_a_remembered_template_is_what_its_xml_says(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", "off")
    from_xml = read_template(TEMPLATE)
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    read_template(TEMPLATE)
    assert len(list((tmp_path / "cache" / "templates").iterdir())) == 1
    copy = shutil.copy(TEMPLATE, tmp_path / "kopi.pptx")
    again = read_template(copy)
    assert again.masters == from_xml.masters
    assert (again.width, again.height, again.path) == (from_xml.width, from_xml.height, copy)


def test_a_changed_template_is_read_from_its_xml(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    read_template(TEMPLATE)
    renamed = tmp_path / "omdoebt.pptx"
    with zipfile.ZipFile(TEMPLATE) as old, zipfile.ZipFile(renamed, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "ppt/slideLayouts/slideLayout1.xml":
                data = data.replace(b'<p:cSld name="', b'<p:cSld name="Ny ', 1)
            new.writestr(info, data)
    names = [layout.name for layout in read_template(renamed).masters[0].layouts]
    assert names[0].startswith("Ny ")
    assert names[1:] == [layout.name for layout in read_template(TEMPLATE).masters[0].layouts][1:]
