"""Count the words LibreOffice breaks inside themselves in the decks built from the real
templates (`real_templates.py`'s folder), and say which fonts each template names and how
deckgen measures them:

    python tests/theme/real_templates.py build/templates
    python tests/theme/broken_words.py build/templates

Each built deck is drawn to PDF by LibreOffice (with the fonts this machine has, as the
previews are) and its text read back line by line (`pdftotext`): a word of the deck whose
two halves end one line and start the next is counted as broken.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import zipfile
from itertools import pairwise
from pathlib import Path

_WORD = re.compile(r"[\w\-]+", re.UNICODE)


def deck_words(deck: Path) -> set[str]:
    """Every word in the deck's slides."""
    words: set[str] = set()
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                xml = package.read(name).decode("utf-8")
                for text in re.findall(r"<a:t>([^<]*)</a:t>", xml):
                    words.update(_WORD.findall(text))
    return words


def theme_fonts(deck: Path) -> tuple[str, str]:
    """The deck's theme fonts (major, minor)."""
    with zipfile.ZipFile(deck) as package:
        xml = package.read("ppt/theme/theme1.xml").decode("utf-8")
    major = re.search(r'<a:majorFont><a:latin typeface="([^"]*)"', xml)
    minor = re.search(r'<a:minorFont><a:latin typeface="([^"]*)"', xml)
    return (major.group(1) if major else "", minor.group(1) if minor else "")


def broken(pdf_text: str, words: set[str]) -> list[str]:
    """Words of `words` split over the end of one line and the start of the next."""
    found = []
    for page in pdf_text.split("\f"):
        lines = [line.split() for line in page.splitlines()]
        for this, following in pairwise(lines):
            if not this or not following:
                continue
            head = _WORD.findall(this[-1])
            tail = _WORD.findall(following[0])
            if not head or not tail:
                continue
            joined = head[-1] + tail[0]
            if joined in words and head[-1] not in words:
                found.append(f"{head[-1]}/{tail[0]}")
    return found


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve()
    decks = sorted(out.glob("projects/*/build/vores.pptx"))
    pdfs = out / "pdf"
    pdfs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        for deck in decks:
            target = pdfs / f"{deck.parents[1].name}.pdf"
            if target.is_file():
                continue
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(pdfs),
                    str(deck),
                ],
                capture_output=True,
                check=False,
                timeout=600,
            )
            made = pdfs / "vores.pdf"
            if made.is_file():
                made.rename(target)
    results = {}
    total = 0
    for deck in decks:
        name = deck.parents[1].name
        pdf = pdfs / f"{name}.pdf"
        if not pdf.is_file():
            continue
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        found = broken(text, deck_words(deck))
        total += len(found)
        results[name] = {"fonts": theme_fonts(deck), "broken": found}
        print(f"{name:40} {'/'.join(theme_fonts(deck)):36} {len(found):3} {' '.join(found)}")
    print(f"{len(results)} decks, {total} words broken")
    (out / "broken_words.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
