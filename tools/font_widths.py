"""Write deckgen's table of Verdana's advance widths (deckgen/data/metrics/verdana.json) from
the npm package anafanafo 2.0.0 (MIT; the widths shields.io draws its badges' Verdana with).

    npm pack anafanafo@2.0.0 && python tools/font_widths.py anafanafo-2.0.0.tgz

anafanafo ships Verdana's widths at 10 px, regular and bold, to the hundredth of a pixel: a
thousandth of an em, each the font's own advance width (`A` 6.84 px: 1401 of 2048 units).
Kept: the blocks a Danish or European text uses (Latin, Greek, Cyrillic, punctuation,
currency, letterlike symbols), in thousandths of an em, as ranges of equal width.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "deckgen" / "data" / "metrics" / "verdana.json"
SHA256 = "ac113ea5abeb472c793b8486d79726ad71d2f319334e7eb6b60183a0879647b8"
"""anafanafo-2.0.0.tgz as npm packs it."""
BLOCKS = ((0x20, 0x24F), (0x370, 0x4FF), (0x1E00, 0x1EFF), (0x2000, 0x214F))
FACES = {
    "regular": "package/data/verdana-10px-normal.json",
    "bold": "package/data/verdana-10px-bold.json",
}


def main(archive: Path) -> None:
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{archive}: SHA-256 {digest}, not anafanafo 2.0.0's {SHA256}")
    faces = {}
    with tarfile.open(archive) as tar:
        for face, member in FACES.items():
            rows = json.load(tar.extractfile(member))  # type: ignore[arg-type]
            widths = {}
            for first, last, pixels in rows:
                for code in range(first, last + 1):
                    if any(low <= code <= high for low, high in BLOCKS):
                        widths[code] = round(pixels * 100)  # 10 px: a thousandth of an em
            faces[face] = _ranges(widths)
    table = {
        "font": "Verdana",
        "source": "npm anafanafo 2.0.0 (data/verdana-10px-normal.json, verdana-10px-bold.json)",
        "licence": "MIT (anafanafo); the widths are Verdana's, a font by Microsoft",
        "units_per_em": 1000,
        # Verdana's ascent and descent (2059 and 430 of 2048 units, no line gap), as the npm
        # package @capsizecss/metrics 4.3.0 lists them: PowerPoint's single line.
        "line_height": 1216,
        # Its italics are as wide as its romans (the same average letter width in
        # @capsizecss/metrics: 1049 regular and italic, 1170 bold and bold italic).
        "italic": "regular",
        "bold_italic": "bold",
        "faces": faces,
    }
    OUT.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")


def _ranges(widths: dict[int, int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for code in sorted(widths):
        if ranges and ranges[-1][1] == code - 1 and ranges[-1][2] == widths[code]:
            ranges[-1][1] = code
        else:
            ranges.append([code, code, widths[code]])
    return ranges


if __name__ == "__main__":
    main(Path(sys.argv[1]))
