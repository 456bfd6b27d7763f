"""What a theme's template offers, read straight from the .pptx/.potx zip without python-pptx,
so a theme is checked against its template when it is read."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from deckgen.ooxml.ns import qn

_LAYOUT_PART = re.compile(r"ppt/slideLayouts/slideLayout(\d+)\.xml")
_NAME = qn("p:cSld")


def template_layout_names(path: Path) -> list[str]:
    """The names of the slide layouts in the template at `path`, in part order; empty if the
    file cannot be read as a template (that is reported where the template is opened).

    Read as untrusted (`deckgen.ooxml`): a FIFO, a device or a zip bomb is not opened here."""
    from xml.etree import ElementTree  # only a theme with a problem asks for the names

    from deckgen.errors import DeckgenError
    from deckgen.ooxml import read_package

    try:
        data = read_package(path).data  # deep: entities and DTDs are refused too
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = sorted(
                (int(match.group(1)), name)
                for name in package.namelist()
                if (match := _LAYOUT_PART.fullmatch(name))
            )
            names = []
            for _, part in parts:
                found = ElementTree.fromstring(package.read(part)).find(_NAME)
                if found is not None and found.get("name"):
                    names.append(str(found.get("name")))
            return names
    except (DeckgenError, OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return []
