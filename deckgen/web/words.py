"""Messages as the secretary reads them on the page: plain words, no file names or commands.

The library's messages are written for everyone who meets them: the command line names the
file and line, quotes a field as `udvalg` and suggests a command. On the page the secretary
needs only what is wrong and what she can do; the file, the line and the command are for
communication and IT, and go to the server's log and to Biblioteket. `plain` takes them out.
"""

from __future__ import annotations

import re

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
_COMMAND = re.compile(r"`[^`]*\b(?:deckgen|py -m|--[a-z])[^`]*`")
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
