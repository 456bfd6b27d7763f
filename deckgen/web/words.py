"""Messages as the secretary reads them on the page: plain words, no file names or commands.

The library's messages are written for everyone who meets them: the command line names the
file and line, quotes a field as `udvalg` and suggests a command. On the page the secretary
needs only what is wrong and what she can do; the file, the line and the command are for
communication and IT, and go to the server's log and to Biblioteket. `plain` takes them out.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from deckgen.i18n import N_, _
from deckgen.variables import danish_date

COLUMN_LABELS = {
    "dato": "Dato",
    "direktør": "Direktør",
    "udvalg": "Udvalg",
    "sted": "Sted",
    "tilføj": "Tilføj",
    "fjern": "Fjern",
    "lokalt eksempel": "Lokalt eksempel",
}
"""The page's label of each schedule column, as the fields are labelled."""

_EXTENSIONS = r"(?:ya?ml|csv|xlsx|txt|pptx|potx|json|png|jpe?g|svg)"
_PATH = (
    r"(?:[A-Za-z]:\\[^\s,;:'\"]*"  # C:\Users\…
    r"|/(?:[\w.\-æøåÆØÅ]+/)+[\w.\-æøåÆØÅ]*"  # /srv/deckgen/decks/blocks
    r"|(?:decks|build|assets|visits|docs)(?:/[\w.\-æøåÆØÅ]*)+"  # decks/blocks
    r"|[\w.\-æøåÆØÅ]+(?:/[\w.\-æøåÆØÅ]+){2,}"  # tour/2025/plan
    r"|(?:[\w.\-æøåÆØÅ]+/)+[\w.\-æøåÆØÅ]+\."
    + _EXTENSIONS  # tour/plan.csv
    + r"|[\w.\-æøåÆØÅ]+\."
    + _EXTENSIONS  # udvalg.yaml
    + r")"
)
_LOCATION = re.compile(r"(?:" + _PATH + r"|formular)(?::\d+)+:?\s*")
"""`decks/omu.yaml:14:1:` at the start of a message or inside it."""
_FILE = re.compile(r"\s*(?:\b(?:i|in|fra|from|at|på)\s+)?" + _PATH + r"(?![\w/])")
"""A file or folder named in a sentence (`i decks/blocks`, `udvalg.yaml`), with its
preposition. Only names with a folder or a file's ending: `12/3` and `og/eller` stay."""
_COMMAND_WORDS = ("deckgen", "py -m", "--[a-z]")
"""What a command quoted in a message starts with (the program, or one of its options)."""
_COMMAND = re.compile(r"`[^`]*\b(?:" + "|".join(_COMMAND_WORDS) + r")[^`]*`")
_QUOTED = re.compile(r"`([^`]*)`")
_ENDS_IN_FILE = re.compile(_PATH + r"[.?!]?$")
"""A hint that only says where a file is ("the committees are in udvalg.yaml")."""
_LINE = re.compile(r",?\s*\b(?:linje|line|række|row)\s+\d+\b")
_THERE = re.compile(r"\b(?:dér|der i filen|there)\b")


def plain(text: str) -> str:
    """`text` without file names, line numbers, commands or back-ticks."""
    head, dash, hint = _LOCATION.sub("", text).partition(" — ")
    # A part of the hint that sends her to a file or a command is not hers to follow.
    kept = [
        part
        for part in hint.split("; ")
        if part and not (_COMMAND.search(part) or _THERE.search(part) or _ENDS_IN_FILE.search(part))
    ]
    text = f"{head} — {'; '.join(kept)}" if dash and kept else head
    text = _COMMAND.sub("", text)
    text = _FILE.sub("", text)
    text = _LINE.sub("", text)
    text = _QUOTED.sub(lambda match: COLUMN_LABELS.get(match.group(1), match.group(1)), text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = re.sub(r"[,;:]\s+—", " —", text).strip(" ;,—-")
    return text[:1].upper() + text[1:] if text else text


LIBRARY_PROBLEM = N_(
    "The library has a mistake that communication must put right: {text}. It is listed on "
    "the Biblioteket page too. Untick the slide if you need the presentation now."
)


def by_field(problems: list[Any]) -> dict[str, list[str]]:
    """The problems' texts by the field they concern ("" for the visit as a whole), in plain
    words for her; a problem in the library's files is written to the log with its place,
    and the page says it is communication's to fix."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        text = plain(problem.text)
        if problem.where:
            logging.getLogger("deckgen.web").warning("%s: %s", problem.where, problem.text)
            text = _(LIBRARY_PROBLEM).format(text=plain(problem.message))
        found.setdefault(problem.field, []).append(text)
    return found


def change_text(column: str, before: Any, after: Any, titles: Any) -> str:
    """One column's change as the page tells it: `Dato: 12. marts 2026 → 13. marts 2026`.

    `titles` gives a block's title by its id (the slides are told by their titles)."""
    label = COLUMN_LABELS.get(column, "Dias" if column == "dias" else column)
    if column == "dias":
        return _slides_change(before or [], after or [], titles)
    if column in ("tilføj", "fjern"):
        old, new = list(before or []), list(after or [])
        gone = [titles(i) for i in old if i not in new]
        came = [titles(i) for i in new if i not in old]
        parts = [*(f"+ {t}" for t in came), *(f"− {t}" for t in gone)]
        return f"{label}: {', '.join(parts)}" if parts else label
    return f"{label}: {_value(column, before)} → {_value(column, after)}"


def _slides_change(old: list[str], new: list[str], titles: Any) -> str:
    came = [titles(i) for i in new if i not in old]
    gone = [titles(i) for i in old if i not in new]
    parts = [*(f"+ {t}" for t in came), *(f"− {t}" for t in gone)]
    if not parts and old and new:
        return "Diasene: ny rækkefølge"
    if not old:
        return f"Diasene: {len(new)} valgt"
    return "Diasene: " + ", ".join(parts)


def _value(column: str, value: Any) -> str:
    if value in (None, ""):
        return "(tom)"
    if column == "dato":
        try:
            return danish_date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)
