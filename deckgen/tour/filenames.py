"""File names for generated decks that every file system accepts and people can read.

`2025-03-12_mette-holm_omu-boern-og-familie.pptx`: the date first so a folder sorts by date,
Danish letters spelt out the way Danes do without them (æ → ae, ø → oe, å → aa), everything
else reduced to lower-case letters, digits and hyphens, and the whole name kept short enough
for Windows paths and SharePoint.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_STEM = 80
"""Longest name before the extension; long committee names are cut at a word boundary."""
_SPELLED_OUT = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss"}
)
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """`text` as lower-case letters, digits and single hyphens: `Søren Bæk` → `soeren-baek`."""
    spelled = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    ascii_only = spelled.encode("ascii", "ignore").decode().lower()
    return _NOT_ALLOWED.sub("-", ascii_only).strip("-")


def deck_stem(date: str, director: str, committee: str) -> str:
    """`date_director_committee`, shortened to `MAX_STEM` characters if need be."""
    head = f"{slug(date) or 'uden-dato'}_{slug(director) or 'direktoer'}_"
    tail = slug(committee) or "udvalg"
    room = max(8, MAX_STEM - len(head))
    if len(tail) > room:
        cut = tail[:room]
        tail = cut.rsplit("-", 1)[0] if "-" in cut[room // 2 :] else cut
    return (head + tail)[:MAX_STEM].strip("-_")


def unique_stems(stems: Iterable[str]) -> list[str]:
    """`stems` in order, with `-2`, `-3`, … added to repeats so no two are alike."""
    seen: set[str] = set()
    result = []
    for stem in stems:
        candidate, number = stem, 2
        while candidate.lower() in seen:
            suffix = f"-{number}"
            candidate = stem[: MAX_STEM - len(suffix)] + suffix
            number += 1
        seen.add(candidate.lower())
        result.append(candidate)
    return result
