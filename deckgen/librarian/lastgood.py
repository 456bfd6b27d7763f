"""The last library that checked whole: what a server keeps serving while communication's change
is unfinished or wrong.

The web server reads the library again when a file it came from changes, so a saved block is
on the page without a restart. But a half-finished edit, or a slip (a typo in `direktoerer.yaml`,
a deleted block a director still shows), must never take the secretaries' page down. So every
new version of the files is checked as `deckgen validate` checks it
(`deckgen.librarian.inspection.inspect_profiles`) before it is served: a version that checks
whole replaces the one served; one that does not is not served, and its problems (located, in
the user's language) are kept for Biblioteket to show communication, until a later version is
whole again.

What is served is what was checked: the profiles, the block library, the deck files read and
the builder that drew them stay in memory, so a file saved between the check and a request
changes nothing that a request sees.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.build import Builder
from deckgen.errors import DeckgenError, Problem
from deckgen.librarian.inspection import Inspection, inspect_profiles
from deckgen.librarian.usage import Usage
from deckgen.library import BlockLibrary, block_files

MOST_MET = 200
"""The most warnings met while drawing visits that are kept for Biblioteket."""
Stamp = tuple[tuple[str, int], ...]
"""Each file a version was read from, with the time it was last changed (-1: not there)."""


@dataclass(frozen=True)
class LibraryState:
    """A version of the library that checked whole: everything a server builds from."""

    profiles: Any
    """The director profiles (a `deckgen.tour.profiles.Profiles`)."""
    library: BlockLibrary
    builder: Builder
    """The builder that drew every director's visit in the check, its caches warm."""
    sources: Any
    """The deck files read (a `deckgen.tour.visits.DeckSources` sharing the builder's
    libraries)."""
    usage: Usage | None
    warnings: tuple[Problem, ...]
    stamp: Stamp
    checked: float
    """When it was checked (seconds since the epoch)."""


@dataclass
class LastGoodLibrary:
    """The library a server serves: the newest version that checked whole, and the problems of
    a newer one that did not.

    `refresh` is cheap while nothing changed (one `stat` per file read); it is safe to call
    before every request, from any thread.
    """

    profiles_path: Path
    reuse_slides: bool = True
    """Whether the builders keep drawn slides between decks (a server's do)."""
    current: LibraryState | None = None
    """What is served; None until a version has checked whole."""
    problems: list[Problem] = field(default_factory=list)
    """Why the newest version on disk is not served; empty when it is."""
    newest: Stamp = ()
    """The stamp of the newest version checked, served or not."""
    met: dict[Problem, None] = field(default_factory=dict)
    """Warnings in the library's files met while drawing visits with the version served (a
    block a visit adds, which no director's standard visit shows): communication's to read
    in Biblioteket, not the secretary's. Emptied when another version is served."""
    _watched: tuple[Path, ...] = ()
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _met_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def behind(self) -> bool:
        """Whether the files on disk hold a newer version than the one served."""
        return bool(self.problems)

    def refresh(self) -> LibraryState | None:
        """Check the files again if one changed; serve the new version if it is whole.
        Returns the state to serve (None if no version has checked whole yet)."""
        with self._lock:
            if self.newest and _stamp(self._watched) == self.newest:
                return self.current
            builder = Builder(reuse_slides=self.reuse_slides)
            found = inspect_profiles(self.profiles_path, builder)
            watched = self._files(found)
            stamp = _stamp(watched)
            self._watched, self.newest = watched, stamp
            if found.ok and found.profiles is not None and found.library is not None:
                self.current = LibraryState(
                    found.profiles,
                    found.library,
                    builder,
                    found.sources,
                    found.usage,
                    tuple(found.warnings),
                    stamp,
                    time.time(),
                )
                self.problems = []
                with self._met_lock:
                    self.met = {}
            else:
                self.problems = list(found.errors)
            return self.current

    def note(self, warnings: Iterable[Problem]) -> list[Problem]:
        """Keep `warnings` met while drawing a visit with the version served (at most
        `MOST_MET`, the first ones); the ones not met before."""
        new = []
        with self._met_lock:  # not `_lock`: a visit does not wait for a check running
            for warning in warnings:
                if warning not in self.met and len(self.met) < MOST_MET:
                    self.met[warning] = None
                    new.append(warning)
        return new

    def _files(self, found: Inspection) -> tuple[Path, ...]:
        """What a version was read from, and the folders new files would appear in."""
        files: set[Path] = {self.profiles_path, self.profiles_path.parent / "udvalg.yaml"}
        files |= found.read
        folders = {path.parent for path in found.read if path.suffix in (".yaml", ".yml")}
        if found.library is not None:
            folders.add(found.library.folder)
            files.update(_safe_block_files(found.library.folder))
        return tuple(sorted(files | folders))


def _safe_block_files(folder: Path) -> Iterable[Path]:
    try:
        return block_files(folder)
    except DeckgenError:  # a folder too large is the check's to report; nothing to watch
        return ()


def _stamp(paths: Iterable[Path]) -> Stamp:
    stamp = []
    for path in paths:
        try:
            stamp.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            stamp.append((str(path), -1))
    return tuple(stamp)
