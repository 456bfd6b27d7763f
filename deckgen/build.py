"""The one build pipeline: compose a deck, draw it in its theme, write it.

Every command that turns a deck file into a .pptx (`build`, `tour` and its workers, `new`,
`validate`, `check`, `render`, `catalogue`) goes through a `Builder`, so they all compose,
resolve the footer, refuse an unknown `--set` name and draw in the same way. A `Builder` keeps
what it has read (block libraries, themes) and, for a tour, the slides it has drawn, for the
next deck it builds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

from deckgen.compose import ComposedDeck, compose_deck, footer_text
from deckgen.errors import InvalidInput, Location, Problem
from deckgen.library import BlockLibrary, LibraryCache
from deckgen.output import check_target, unedited_record, write_atomic
from deckgen.project import default_output
from deckgen.provenance import Provenance
from deckgen.source import YamlDoc
from deckgen.theme import Theme, load_theme

if TYPE_CHECKING:
    from deckgen.render.slidecache import SlideCache


class BuildResult(Struct):
    """What a build produced: the file, its slide count, and warnings worth reading."""

    output: Path
    slides: int
    warnings: list[Problem] = msgspec.field(default_factory=list)
    backup: Path | None = None
    """Where the file that was replaced (with `force`) is kept, if one was."""
    library_problems: list[Problem] = msgspec.field(default_factory=list)
    """Problems in the block library with blocks the deck does not show (it was built)."""
    current: bool = False
    """The deck at `output` was already what this build would write (its record says it was
    built from the same blocks, variables, theme and deckgen), so it was left as it is."""


class Rendered(Struct):
    """A composed deck drawn: the .pptx bytes, and the warnings drawing it raised."""

    deck: ComposedDeck
    theme: Theme
    data: bytes
    warnings: list[Problem]

    def written(self, output: Path, backup: Path | None) -> BuildResult:
        """What building this deck into `output` produced, once its bytes are there."""
        return BuildResult(
            output, len(self.deck.slides), self.warnings, backup, list(self.deck.library_problems)
        )


class Builder:
    """Composes, draws and writes decks, keeping libraries, themes and drawn slides between them.

    `theme` draws every deck in that theme instead of its own (`check --theme`).
    `reuse_slides` keeps the slides drawn for one deck to copy into the next (a tour).
    """

    def __init__(self, *, theme: Path | None = None, reuse_slides: bool = False) -> None:
        self.libraries = LibraryCache()
        """Block libraries read, by resolved folder."""
        self.themes: dict[Path | None, Theme] = {}
        """Themes read, by path as the deck names it (None: the default theme)."""
        self.theme_override = theme
        self.slides: SlideCache | None = None
        if reuse_slides:
            from deckgen.render.slidecache import SlideCache  # python-pptx loads only to draw

            self.slides = SlideCache()

    def theme(self, path: Path | None = None) -> Theme:
        """The theme at `path` (None: the default, or the one this builder draws in), read once."""
        if self.theme_override is not None:
            path = self.theme_override
        if path not in self.themes:
            self.themes[path] = load_theme(path)
        return self.themes[path]

    def library(self, folder: Path) -> BlockLibrary:
        """The block library in `folder`, read once and kept."""
        return self.libraries.library(folder)

    def copy(self) -> Builder:
        """A builder for another thread that starts from what this one has read (libraries,
        themes), so it draws exactly that version of them; its drawn slides are its own."""
        copied = Builder(theme=self.theme_override, reuse_slides=self.slides is not None)
        copied.libraries.update(self.libraries)
        copied.themes.update(self.themes)
        return copied

    def compose(
        self,
        path: Path,
        variables: Mapping[str, str] | None = None,
        *,
        require_values: bool = True,
        library: BlockLibrary | None = None,
        doc: YamlDoc | None = None,
    ) -> ComposedDeck:
        """Compose the deck file at `path` (or `doc`, a deck in memory as if read from it)."""
        return compose_deck(
            path,
            variables,
            library=library,
            require_values=require_values,
            doc=doc,
            libraries=self.libraries,
            themes=self.theme,
        )

    def render(self, deck: ComposedDeck, theme: Theme | None = None) -> Rendered:
        """Draw a composed deck in `theme` (default: the deck's own theme)."""
        from deckgen.measure import keep_measures
        from deckgen.render.deck import render_deck  # python-pptx loads only to draw

        theme = theme or self.theme(deck.theme_path)
        warnings = list(deck.warnings)
        footer = deck.footer
        if footer is None:
            footer, left_out = footer_text(theme, deck.variables)
            warnings += [left_out] if left_out is not None else []
        rendered = render_deck(deck, theme, footer, self.slides)
        keep_measures()  # what the text measured, for the next build
        return Rendered(deck, theme, rendered.data, [*warnings, *rendered.warnings])

    def build(
        self,
        path: Path,
        output: Path | None = None,
        variables: Mapping[str, str] | None = None,
        *,
        force: bool = False,
        strict: bool = False,
        library: BlockLibrary | None = None,
        doc: YamlDoc | None = None,
        inputs: Sequence[Path] = (),
        keep_current: bool = False,
    ) -> BuildResult:
        """Build the deck file at `path` into `output`; nothing is written if anything fails.

        `inputs` are the files the deck is made from, besides `path` (a tour's schedule):
        an output older than none of them is not rebuilt over an edit without `force`.
        With `keep_current` (a tour), an unedited deck at `output` whose record matches what
        this build would record is left as it is, and the result says `current`.
        """
        output = output or default_output(path)
        # An unedited deck's record is read first, so a deck found current is read once.
        record = unedited_record(output) if keep_current and not force else None
        if record is None:
            keep_old = check_target(output, list(inputs) or [path], force)
        composed = self.compose(path, variables, library=library, doc=doc)
        if record is not None:
            if self._records(composed) == record.with_content(""):
                problems = list(composed.library_problems)
                return BuildResult(output, len(composed.slides), [], None, problems, True)
            keep_old = check_target(output, list(inputs) or [path], force)
        drawn = self.render(composed)
        if strict and drawn.warnings:
            raise InvalidInput([*drawn.warnings])
        from deckgen.render.package import package_problems  # loaded with the renderer

        # What the gate would call an invalid package is never written.
        invalid = package_problems(drawn.data, Location(path))
        if invalid:
            raise InvalidInput(invalid)
        return drawn.written(output, write_atomic(output, drawn.data, backup=keep_old))

    def _records(self, deck: ComposedDeck) -> Provenance:
        """The provenance building `deck` gives the deck, content hash aside."""
        from deckgen.render.deck import deck_provenance  # python-pptx loads only to draw

        return deck_provenance(deck, self.theme(deck.theme_path))


def render_composed(
    deck: ComposedDeck, theme: Theme | None = None, slide_cache: Any = None
) -> tuple[bytes, list[Problem]]:
    """Draw a composed deck with a builder of its own; the .pptx bytes and any warnings."""
    builder = Builder()
    builder.slides = slide_cache
    drawn = builder.render(deck, theme)
    return drawn.data, drawn.warnings
