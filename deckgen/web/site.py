"""What the web app reads from the project, kept between requests and read again on change.

The profiles, the block library and a `Builder` (theme, drawn slides) are read once and
reused: a warm server builds a deck without reading a file. Before each request the files
they came from are stat-ed; when one changed on disk (communication saved a block file, IT
pulled the library with git) the new version is checked as `deckgen validate` checks it and
served if it is whole, so no restart is needed; if it is not, the last version that was whole
stays served and Biblioteket shows the new version's problems
(`deckgen.librarian.lastgood`).

Builds share the one `Builder` under a lock: its caches are plain dicts, and on a machine
with few cores two builds at once are no faster than one after the other (measured in
`bench/web.py`), so the lock costs nothing and keeps the caches whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen import api
from deckgen.i18n import _
from deckgen.visits.drafts import Drafts

MAX_PREVIEWS = 32
"""Previews whose pictures the page may ask for (each a list of kept slide pictures)."""

AHEAD_AFTER_S = 1.5
"""How long after a preview the slides showing their number are rendered ahead."""


@dataclass
class Blocks:
    """The library as the pages show it: each block's picture, and why some have none."""

    pictures: dict[str, Path] = field(default_factory=dict)
    problems: list[Any] = field(default_factory=list)
    error: str = ""
    """Why the pictures could not be made at all (no LibreOffice), shown on the pages."""
    pending: bool = False
    """The pictures are being made (LibreOffice takes some seconds); the page says so."""


class Site:
    """The project a server serves: its profile file, library and caches."""

    def __init__(
        self, profiles_path: Path, scratch: Path | None = None, database: str | None = None
    ) -> None:
        self.profiles_path = profiles_path
        self.register = api.open_register(profiles_path, database)
        """The visit register the visits are kept in (opened, its schema brought up to date)."""
        self.drafts = Drafts(self.register)
        """The page's drafts and the tour's runs, kept in the register's database."""
        self.decks: OrderedDict[tuple[int, int, tuple[tuple[str, int], ...]], Path] = OrderedDict()
        """Decks drawn for a visit's revision with the library as it is now, by (visit id,
        revision, the files' stamp): a second download sends the file."""
        # Named as deckgen.preview.scratch names its folders, so a later run removes it if
        # this server is killed outright.
        self.scratch = Path(scratch or tempfile.mkdtemp(prefix=f"deckgen-web-{os.getpid()}-"))
        self.lock = threading.RLock()
        """Held while the caches below are read, replaced or built with."""
        self._preview_lock = threading.Lock()
        self._closed = threading.Event()
        self._painter: threading.Thread | None = None
        """The thread making the library's pictures, waited for on `close`."""
        self.keeper = api.last_good_library(profiles_path)
        """The library served: the newest version that checked whole."""
        self._stamp: tuple[tuple[str, int], ...] = ()
        self._blocks: Blocks | None = None
        self._blocks_stamp: tuple[tuple[str, int], ...] = ()
        self._rendering: tuple[tuple[str, int], ...] = ()
        self._previews: OrderedDict[str, list[Path]] = OrderedDict()
        self._slides: Any = None
        """The slide pictures kept (`api.slide_cache`), made with LibreOffice on first use."""
        self._ahead: threading.Thread | None = None
        """The thread rendering slides ahead (`_render_ahead`), while there is one."""
        self._ahead_next: bytes | None = None
        self._making: set[Path] = set()
        """Catalogue folders being made now (not to be removed as old)."""
        self.builder = api.Builder(reuse_slides=True)
        self._sources: Any = api.deck_sources(self.builder)
        self.profiles: Any = None
        self.project: api.Project = None  # type: ignore[assignment]  # set by refresh below
        """The `deckgen.visits.service.Project` visits are planned and drawn with."""
        self.library: api.BlockLibrary | None = None
        self.refresh()
        if self.keeper.current is None and not profiles_path.is_file():
            # A wrong path is the one who starts the server's to fix, at once; a profile file
            # with errors is communication's, and its pages say what they are.
            shutil.rmtree(self.scratch, ignore_errors=True)
            raise api.DeckgenError(
                _("the director profiles are not there (looked for {resolve})").format(
                    resolve=profiles_path.resolve()
                ),
                api.Location(profiles_path),
            )
        self._office: Any = None
        if self.project is not None:  # else taken in by the tour once the library is whole
            api.take_in_visit_files(self.register, self.project, "deckgen serve")

    # Reading and re-reading -----------------------------------------------------------------

    def refresh(self) -> None:
        """Serve the library's newest version if a file changed and it checks whole; else
        keep serving the last version that did (its problems are in `keeper.problems`)."""
        state = self.keeper.refresh()
        with self.lock:
            if state is None or state.stamp == self._stamp:
                return
            self.builder, self._sources = state.builder, state.sources
            self.profiles, self.library = state.profiles, state.library
            self.project = api.visit_project(self.profiles, self._sources, self.builder)
            self._stamp = state.stamp

    @property
    def stamp(self) -> tuple[tuple[str, int], ...]:
        """The modification times of the files read: changes when the library does."""
        return self._stamp

    def sources(self) -> Any:
        """The deck files and libraries read, kept until they change on disk (a
        `deckgen.tour.visits.DeckSources`)."""
        return self._sources

    # Building ---------------------------------------------------------------------------------

    def build(self, planned: Any) -> Any:
        """A planned visit's deck drawn with the shared builder (a
        `deckgen.visits.service.Deck`: its bytes, warnings and inputs)."""
        with self.lock:
            return api.draw_visit(planned, self.project)

    # Pictures -----------------------------------------------------------------------------

    def blocks(self, *, wait: bool = True) -> Blocks:
        """Every block's picture, rendered once per version of the library (LibreOffice).

        Without `wait`, a page does not wait for LibreOffice: if the pictures of this version
        are not made yet, they are made in the background and the page shows none for now.
        """
        with self.lock:
            stamp = self._stamp
            if self._blocks is not None and self._blocks_stamp == stamp:
                return self._blocks
            if self.library is None:  # no version of the library has been whole yet
                return Blocks()
            folder = self.library.folder
            if not wait:
                if self._rendering != stamp and not self._closed.is_set():
                    self._rendering = stamp
                    self._painter = threading.Thread(target=self._paint, daemon=True)
                    self._painter.start()
                return Blocks(pending=True)
        made = Blocks()
        target = self.scratch / f"catalogue-{_digest(repr(stamp).encode())}"
        with self.lock:
            self._making.add(target)
        try:
            catalogue = api.make_catalogue(
                target,
                folder,
                force=True,
                office=self.office(),
                blocks=self.library,
                everything=True,  # Biblioteket is communication's view: drafts too
            )
        except api.DeckgenError as exc:
            made.error = str(exc.problem)
        else:
            made.pictures = {e.block_id: e.picture for e in catalogue.entries}
            made.problems = list(catalogue.problems)
        with self.lock:
            self._making.discard(target)
            if stamp == self._stamp or self._blocks is None:
                self._blocks, self._blocks_stamp = made, stamp
            # The pictures of earlier versions of the library are served no more (the pages
            # look them up in `_blocks`): one folder stays, not one per change.
            for old in self.scratch.glob("catalogue-*"):
                if (
                    old not in self._making
                    and self._blocks.pictures
                    and not any(
                        picture.is_relative_to(old) for picture in self._blocks.pictures.values()
                    )
                ):
                    shutil.rmtree(old, ignore_errors=True)
        return made

    def start(self) -> None:
        """Start LibreOffice and make the library's pictures, in the background: the first
        preview then finds LibreOffice running (`deckgen serve` calls this at start)."""
        with self.lock:
            self._rendering = self._stamp
            self._painter = threading.Thread(target=self._paint, daemon=True)
            self._painter.start()

    def _paint(self) -> None:
        """`blocks()` in the background; once the site is closed, what fails is no news."""
        try:
            self.office().start()
            self.blocks()
        except Exception:
            if not self._closed.is_set():
                raise

    def office(self) -> Any:
        """One LibreOffice kept running for every preview and picture (started on first use,
        or by `start`), one conversion at a time; made on first use, so that a machine
        without LibreOffice serves the pages (they say why pictures are missing)."""
        with self.lock:
            if self._closed.is_set():
                raise api.DeckgenError(_("the server is stopping; try again when it has started"))
            if self._office is None:
                self._office = api.office(self.builder.theme())
            return self._office

    def preview(self, data: bytes) -> tuple[str, list[Path]]:
        """A deck's slides as pictures (its key and the JPEGs): each slide rendered only if
        no deck shown before had it as it is (`deckgen.preview.slidecache`)."""
        key = _digest(data)
        with self.lock:  # the same deck again (nothing changed): its pictures, if all kept
            known = self._previews.get(key)
            if known is not None and all(page.is_file() for page in known):
                self._previews.move_to_end(key)
                return key, known
        with self._preview_lock:  # one preview made at a time: LibreOffice does one anyway
            with self.lock:
                if self._slides is None:
                    self._slides = api.slide_cache(self.scratch / "slides", self.office())
                slides = self._slides
            pages = slides.pictures(data)
        with self.lock:
            self._previews[key] = pages
            self._previews.move_to_end(key)
            while len(self._previews) > MAX_PREVIEWS:
                self._previews.popitem(last=False)
            # While she looks at it, the slides that show their number are rendered as they
            # will be if she ticks off a slide before them: that preview then renders nothing.
            self._ahead_next = data
            if self._ahead is None and not self._closed.is_set():
                self._ahead = threading.Thread(target=self._render_ahead, daemon=True)
                self._ahead.start()
        return key, pages

    def _render_ahead(self) -> None:
        """`SlidePictures.ahead` for the deck last previewed, until there is none new."""
        while True:
            # Not while she is still changing slides: a preview asked for meanwhile would
            # wait for the slides being rendered ahead.
            if self._closed.wait(AHEAD_AFTER_S):
                with self.lock:
                    self._ahead = None
                return
            with self.lock:
                data, self._ahead_next = self._ahead_next, None
                if data is None or self._closed.is_set() or self._slides is None:
                    self._ahead = None
                    return
                slides = self._slides
            # LibreOffice failed or stopped: the preview itself renders what it needs.
            with contextlib.suppress(api.DeckgenError):
                slides.ahead(data)

    def preview_page(self, key: str, number: int) -> Path | None:
        """Slide `number` (from 1) of a preview made before, or None."""
        with self.lock:
            pages = self._previews.get(key)
        if pages is None or not 1 <= number <= len(pages):
            return None
        page = pages[number - 1]
        # A picture no longer kept (the folder full of newer ones): the page asks again.
        return page if page.is_file() else None

    def close(self) -> None:
        """Stop LibreOffice and the picture thread; remove the folder of pictures and uploads
        and LibreOffice's profile; close the register's connections."""
        self._closed.set()
        self.register.close()
        with self.lock:
            office, slides, ahead = self._office, self._slides, self._ahead
        if slides is not None:
            slides.stop()
        if office is not None:
            office.close()  # a conversion under way fails: the thread rendering ahead ends
        if ahead is not None:
            ahead.join(timeout=30)
        painter = self._painter
        if painter is not None:
            painter.join(timeout=30)
        shutil.rmtree(self.scratch, ignore_errors=True)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]
