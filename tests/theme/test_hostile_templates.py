"""Hostile round eight (issue 21's template work): templates and themes nobody wrote tests for —
a colour scheme that is not hex, sample paragraphs out of order or with values the schema
forbids, thousands of them, text boxes placed off the slide. Each made afresh from python-pptx's
default template; each must end in a Danish error at its place, or in a deck that is valid and
passes the check, never in a traceback or a deck that only seems to pass."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from templates import python_pptx_default

from deckgen.cli import main

THEME_PART = "ppt/theme/theme1.xml"


def _edited(source: Path, target: Path, edits: dict[str, Callable[[bytes], bytes]]) -> Path:
    """`source` with each member named in `edits` changed by its function."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, edits[item.filename](data) if item.filename in edits else data)
    target.write_bytes(out.getvalue())
    return target


def _replace(old: str, new: str) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        changed = re.sub(old.encode(), new.encode(), data, count=1)
        assert changed != data, old
        return changed

    return edit


def _init(template: Path, out: Path):
    return CliRunner().invoke(
        main, ["--lang", "da", "theme", "init", str(template), "-o", str(out)]
    )


def test_a_scheme_colour_that_is_not_six_hex_digits_is_not_drafted_from(tmp_path):
    # PowerPoint writes six hex digits; a damaged or hand-made theme part may hold anything.
    template = _edited(
        python_pptx_default(tmp_path),
        tmp_path / "skabelon.pptx",
        {
            THEME_PART: lambda data: _replace(r'(<a:accent1>\s*<a:srgbClr val=")\w+', r"\1GGGGGG")(
                _replace(r'(<a:dk2>\s*<a:srgbClr val=")\w+', r"\g<1>1f4")(
                    _replace(r'(<a:dk1>\s*<a:sysClr [^>]*lastClr=")\w+', r"\1zz")(data)
                )
            )
        },
    )
    out = tmp_path / "tema.yaml"
    result = _init(template, out)
    assert result.exit_code == 0, result.output  # was a traceback: int('GG', 16)
    drafted = out.read_text(encoding="utf-8")
    section = re.search(r"^colors:.*\n((?:  .*\n)+)", drafted, re.MULTILINE)
    assert section is not None, drafted
    colours = re.findall(r'^  \w+: "([^"]*)"', section.group(1), re.MULTILINE)
    assert colours and all(
        re.fullmatch(r"[0-9A-F]{6}", colour) or colour.startswith("scheme:") for colour in colours
    )
    assert "GGGGGG" not in drafted and "scheme:accent1" not in drafted
