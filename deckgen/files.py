"""Which deckgen file a path is, and the files a folder holds: what `validate`, `check` and
`render` are pointed at."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from deckgen.errors import DeckgenError, Location, Problem
from deckgen.i18n import _
from deckgen.library import block_files
from deckgen.ooxml import PRESENTATION_SUFFIXES
from deckgen.source import YamlDoc, read_yaml


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files and built .pptx files that `paths` name; a folder gives every deck file
    (not block or theme files) and every .pptx below it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            decks = [p for p in yaml_files([path], []) if is_deck_file(p)]
            # `~$name.pptx` is the lock file PowerPoint keeps beside a deck it has open.
            # .pptx, .ppsx and their macro-enabled twins (.pptm, .ppsm), to report the macros.
            built = [p for p in path.rglob("*.pp[st][xm]") if not p.name.startswith("~$")]
            found += sorted([*decks, *built])
        elif not path.exists():
            raise DeckgenError(_("file not found"), Location(path), _("check the path"))
        elif path.suffix.lower() in PRESENTATION_SUFFIXES or is_deck_file(path):
            found.append(path)
        else:
            raise DeckgenError(
                _("not a deck file or a .pptx"),
                Location(path),
                _("name a deck file (with `deck:`)"),
            )
    return list(dict.fromkeys(found))


def is_deck_file(path: Path) -> bool:
    """Whether the YAML file at `path` is a deck file (it has `slides:` or a `deck:` mapping)."""
    try:
        data = read_yaml(path).data
    except DeckgenError:
        return True  # a file that does not even parse is reported by whoever opens it
    return isinstance(data, dict) and ("slides" in data or isinstance(data.get("deck"), dict))


def yaml_files(paths: Iterable[Path], errors: list[Problem]) -> list[Path]:
    """The files `paths` name, a folder giving its YAML files; a missing path is added to
    `errors`."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(block_files(path))
        elif path.exists():
            files.append(path)
        else:
            errors.append(Problem(Location(path), _("file not found"), _("check the path")))
    return list(dict.fromkeys(files))


def file_kind(doc: YamlDoc) -> str:
    """Which deckgen file `doc` is: blocks, profiles, schedule, committees, deck or theme."""
    data, path = doc.data, doc.path
    if isinstance(data, dict):
        if "blocks" in data:
            return "blocks"
        if "directors" in data:
            return "profiles"
        if "visits" in data:
            return "schedule"
        if "udvalg" in data:
            return "committees"
        if "deck" in data or "slides" in data:
            return "deck"
        if "template" in data and "layouts" in data:
            return "theme"
    raise DeckgenError(
        _("not a deckgen file: expected `blocks:` (a block file) or `deck:` (a deck file)"),
        Location(path, 1, 1),
        _("start the file with one of those keys"),
    )
