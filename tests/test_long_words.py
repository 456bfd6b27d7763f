"""The build breaks no word inside itself: a long Danish word is measured in the template's
own font and the title shrinks until it fits its line; a word too long even at the readable
minimum is a warning from build and check alike.

DejaVu Sans is a real font on Debian (`.ci/run` installs it) and a fifth wider than Carlito,
which every font but Calibri's twins used to be measured with.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import DEFAULT_THEME

from deckgen import api
from deckgen.check import check_file
from deckgen.theme.fontfiles import measured

WORD = "Sundhedsfremmekonsulenterne"
"""Fits a section title's line in Carlito, not in DejaVu Sans, at the template's size."""


def _theme(folder: Path, font: str) -> Path:
    """The default theme with `font` as heading and body font, and no font files named."""
    text = DEFAULT_THEME.read_text(encoding="utf-8")
    head, rest = text.split("fonts:\n", 1)
    for name in ("kommune.pptx", "logo.png"):
        shutil.copy(DEFAULT_THEME.parent / name, folder / name)
    path = folder / "theme.yaml"
    fonts = f"fonts:\n  heading: {font}\n  body: {font}\n"
    path.write_text(head + fonts + "emphasis:" + rest.split("emphasis:", 1)[1], encoding="utf-8")
    return path


def _section(project, font: str, title: str) -> tuple[list[str], list[str], str]:
    """Build a one-slide deck with a section titled `title` in a theme set in `font`: the
    build's warnings, the check's fit findings, and the slide's autofit element."""
    project.blocks(f"blocks:\n  - id: afsnit\n    kind: section\n    title: {title}\n")
    project.deck("- afsnit\n", theme=_theme(project.root, font))
    built = api.build_deck(project.deck_path, project.output)
    found = check_file(project.deck_path).findings
    slide = zipfile.ZipFile(project.output).read("ppt/slides/slide1.xml").decode("utf-8")
    autofit = re.search(r"<a:normAutofit[^>]*/>", slide)
    return (
        [warning.message for warning in built.warnings],
        [finding.message for finding in found if finding.check == "fit.text"],
        autofit.group(0) if autofit else "",
    )


def _dejavu() -> None:
    """Skip without DejaVu Sans, unless CI=true (`.ci/run` installs it): then fail."""
    if measured("DejaVu Sans").how == "own":
        return
    message = "DejaVu Sans is not installed (Debian's fonts-dejavu-core)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have it")
    pytest.skip(message)


def test_a_word_that_fits_in_carlito_is_shrunk_to_fit_in_the_real_font(project):
    _dejavu()
    warnings, findings, autofit = _section(project, "Calibri", WORD)
    assert (warnings, findings, autofit) == ([], [], "")
    warnings, findings, autofit = _section(project, "DejaVu Sans", WORD)
    # Shrunk a little, as PowerPoint's autofit shrinks, so the word stays whole on its line;
    # the gate, measuring the same way, finds nothing to say.
    assert warnings == [] and findings == []
    scale = int(re.search(r'fontScale="(\d+)"', autofit).group(1))
    assert 85000 <= scale < 100000


def test_a_missing_font_is_measured_with_its_margin_and_shrinks_more(project):
    _warnings, _findings, tahoma = _section(project, "Tahoma", WORD)
    tahoma_scale = int(re.search(r'fontScale="(\d+)"', tahoma).group(1))
    assert tahoma_scale < 100000


def test_a_word_too_long_even_at_the_smallest_size_is_said_by_build_and_check(project):
    _dejavu()
    word = "Sundhedsfremmekonsulentuddannelsesforløbsevalueringsrapporterne"
    warnings, findings, autofit = _section(project, "DejaVu Sans", word)
    said = "(63 characters) is wider than the title placeholder and is broken in the middle"
    assert any(said in warning for warning in warnings), warnings
    assert any(said in finding for finding in findings), findings
    assert "fontScale" in autofit  # shrunk as far as allowed first
