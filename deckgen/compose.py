"""Compose a deck: resolve its slides against the library and fill in the variables.

Pure: no python-pptx here. The result, a `ComposedDeck`, is what the renderer draws and what
`validate` checks, so both see exactly the same slides. Composing also settles the footer's
text (the deck's own, or its theme's) and refuses a `--set` name the deck does not know, so
every command that composes a deck treats them alike. Each variable is filled in once: a value
that itself holds `{{ … }}` stands as written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from deckgen import limits
from deckgen.blocks import BlockBase, read_block
from deckgen.blocks.base import SourceContext
from deckgen.committees import project_committee
from deckgen.errors import (
    DeckgenError,
    InvalidInput,
    Location,
    Problem,
    ProblemCollector,
    close_match,
    display_path,
)
from deckgen.i18n import _, ngettext
from deckgen.library import BlockLibrary, LibraryCache
from deckgen.models import DeckFile, DeckMeta, SlideUse, read_slide
from deckgen.project import project_root
from deckgen.provenance import LIBRARY_FIELDS, block_version
from deckgen.record import FieldError, Invalid, convert, dump, xml_safe
from deckgen.source import PathKey, YamlDoc, read_yaml
from deckgen.theme import Theme, load_theme
from deckgen.variables import PATTERN, display_value, names_in, substitute, unclosed
from deckgen.wording import problems_from

_FIXED_FIELDS = ("id", "kind")
_PATH_FIELDS = frozenset({"file"})
"""Fields that hold a path relative to the file that wrote them."""


class ComposedSlide(Struct, frozen=True):
    """A slide ready to draw: its filled-in block and where the block was written."""

    block: BlockBase
    location: Location
    source: SourceContext
    version: str = ""
    """Short hash of the block as written in its file, before this deck's overrides."""
    changed: tuple[str, ...] = ()
    """Fields of the library block that this deck overrides."""
    values: Mapping[str, str] = msgspec.field(default_factory=dict)
    """The deck's variables, for text the block brings from elsewhere (a reused slide's)."""


class ComposedDeck(Struct, frozen=True):
    """A deck with every slide resolved and every variable filled in."""

    path: Path
    meta: DeckMeta
    slides: list[ComposedSlide]
    variables: dict[str, str]
    theme_path: Path | None
    known_variables: frozenset[str] = frozenset()
    """Variables the deck file declares or any of its text uses."""
    footer: str | None = None
    """The footer's text, filled in; None if it is still to be taken from the theme drawn
    with (a deck made in memory, like the catalogue's)."""
    library_problems: tuple[Problem, ...] = ()
    """Problems in the block library with blocks this deck does not show: worth telling, but
    they do not stop this deck."""
    warnings: tuple[Problem, ...] = ()
    """What composing found worth a warning (a footer variable the deck does not set)."""

    def fingerprint(self) -> str:
        """A hash of everything that decides the deck's content."""
        state = {
            "meta": dump(self.meta),
            "slides": [_slide_content(slide.block) for slide in self.slides],
        }
        return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def _slide_content(block: BlockBase) -> Any:
    """What of a block decides its slide: its fields but those about the library."""
    fields = dump(block)
    return {key: value for key, value in fields.items() if key not in LIBRARY_FIELDS}


def read_deck(
    path: Path, doc: YamlDoc | None = None
) -> tuple[DeckFile, YamlDoc, list[int], list[Problem]]:
    """Parse and validate a deck file (or `doc`, a deck already in memory as if read from it).

    Slides that are wrong are reported and left out, so that composing the rest can still
    find every other problem; anything else wrong stops here. Returns the deck, its YAML,
    the position in the file of each slide kept, and the problems found.
    """
    doc = doc if doc is not None else read_yaml(path)
    doc.mapping(
        _("a deck file must be a mapping with `deck:` and `slides:`"),
        _("see decks/omu-dialogmoede.yaml for an example"),
    )
    problems: list[Problem] = []
    deck: DeckFile | None = None
    raw_slides = doc.data.get("slides")
    # The slides are read one by one below, each with its own problems.
    top = (
        {**doc.data, "slides": [None] * len(raw_slides)}
        if isinstance(raw_slides, list)
        else doc.data
    )
    try:
        deck = convert(top, DeckFile)
    except Invalid as exc:
        problems += problems_from(exc.errors, doc, model=DeckFile)
    entries: list[Any] = []
    kept: list[int] = []
    for index, raw in enumerate(raw_slides if isinstance(raw_slides, list) else []):
        try:
            entries.append(read_slide(raw))
        except Invalid as exc:
            problems += problems_from(exc.errors, doc, ("slides", index))
            continue
        kept.append(index)
    if deck is None or not entries:
        raise InvalidInput(problems)
    return msgspec.structs.replace(deck, slides=entries), doc, kept, problems


def compose_deck(
    path: Path,
    overrides: Mapping[str, str] | None = None,
    *,
    library: BlockLibrary | None = None,
    require_values: bool = True,
    doc: YamlDoc | None = None,
    libraries: LibraryCache | None = None,
    themes: Callable[[Path | None], Theme] = load_theme,
) -> ComposedDeck:
    """Compose the deck file at `path`; `overrides` are `--set` values. A committee given as
    `omu` must be in the project's committee register, if it keeps one (`deckgen.committees`),
    and is spelt as the register spells it.

    With `require_values` off (for `validate`), a variable the deck declares without a value
    stands as a visible placeholder instead of being an error. `doc` is a deck made in memory
    (a visit of a tour), composed as if it were the file at `path`. `libraries` keeps the
    libraries read, by folder, for the next deck composed with it. `themes` reads the theme
    the deck names (None: the default), for the footer's text.
    """
    deck, doc, positions, early = read_deck(path, doc)
    if library is None:
        library = _library_for(deck, doc, path, LibraryCache() if libraries is None else libraries)
    problems = ProblemCollector()
    # Only the library's problems with blocks this deck shows stop it (see `unrelated`).
    problems.extend(early)
    if overrides and overrides.get("omu"):
        # The committee register's rule for `--set omu=`, here so that every command that
        # composes a deck (build, validate, check, render) gives it the same verdict.
        try:
            overrides = {**overrides, "omu": project_committee(path, overrides["omu"])}
        except DeckgenError as exc:
            problems.extend([exc.problem])
    root = project_root(path)
    values = _variable_values(deck, doc, overrides or {}, require_values, problems)
    filler = _Filler(values, problems, path)

    slides: list[ComposedSlide] = []
    for index, entry in zip(positions, deck.slides, strict=True):
        slide_path: PathKey = ("slides", index)
        if isinstance(entry, BlockBase):
            raw, sources = doc.data["slides"][index], _Sources(doc, slide_path)
            version, changed = block_version(raw), ()
        else:
            use = SlideUse(use=entry) if isinstance(entry, str) else entry
            found = library.get(use.use)
            stopping = library.problems_for(use.use)
            if stopping:
                problems.extend([p for p in stopping if p not in problems.problems])
                continue
            if found is None and library.may_hold(use.use):
                continue
            if found is None:
                folder = display_path(library.folder)
                problems.add(
                    doc.locate((*slide_path, "use") if isinstance(entry, SlideUse) else slide_path),
                    _("slide {number}: no block with id {use} in {folder}").format(
                        number=index + 1, use=repr(use.use), folder=folder
                    ),
                    library.unknown_id_hint(use.use),
                )
                continue
            extra = dict(use.overrides)
            for key in _FIXED_FIELDS:
                if key in extra:
                    problems.add(
                        doc.locate((*slide_path, key)),
                        _("slide {number}: a deck cannot change a block's {key}").format(
                            number=index + 1, key=repr(key)
                        ),
                        _("write an inline block instead"),
                    )
                    extra.pop(key)
            raw = {**found.raw, **extra}
            sources = _Sources(found.doc, found.path, doc, slide_path, frozenset(extra))
            version, changed = block_version(found.raw), tuple(extra)
        filled = filler.fill(raw, (), sources)
        try:
            block = read_block(filled)
        except Invalid as exc:
            problems.extend(_split_problems(exc.errors, raw, sources))
            continue
        context = SourceContext(sources.folder_for_paths(), root)
        for field_problem in block.check_sources(context):
            problems.add(
                sources.locate(field_problem.path), field_problem.message, field_problem.hint
            )
        slides.append(ComposedSlide(block, sources.locate(()), context, version, changed, values))

    meta_raw = doc.data["deck"]
    try:
        meta = convert(filler.fill(meta_raw, (), _Sources(doc, ("deck",))), DeckMeta)
    except Invalid as exc:
        problems.extend(problems_from(exc.errors, doc, ("deck",), model=DeckMeta))
    else:
        problems.extend(_property_problems(meta, meta_raw, values, doc, overrides or {}))
    problems.raise_if_any()
    theme_path = (path.parent / meta.theme) if meta.theme else None
    theme = themes(theme_path)
    known = frozenset(deck.variables) | filler.used
    footer_names = names_in(theme.footer.text) if meta.footer is None else []
    _check_set_names(overrides or {}, known | set(footer_names))
    footer, left_out = (
        (meta.footer, None) if meta.footer is not None else footer_text(theme, values)
    )
    return ComposedDeck(
        path,
        meta,
        slides,
        values,
        theme_path,
        known,
        footer,
        tuple(library.problems),
        (left_out,) if left_out is not None else (),
    )


_SEPARATOR = re.compile(r"[\s·•|,;:/–—-]*")
"""Text between two footer variables that only separates them (` · `, ` | `, `, `)."""


def footer_text(theme: Theme, values: Mapping[str, str]) -> tuple[str, Problem | None]:
    """The theme's footer with the deck's variable `values` filled in, and a warning when it
    uses a variable the deck does not set: that variable is left out of the footer, with the
    separator beside it (`{{ omu }} · {{ dato }}` without a date is the committee alone), so
    that any deck builds in any theme, the default one included. The warning names every
    variable left out, once, at the theme's footer."""
    text = theme.footer.text
    missing = list(dict.fromkeys(name for name in names_in(text) if name not in values))
    if not missing:
        return substitute(text, values), None
    pieces: list[str | None] = []
    last = 0
    for match in PATTERN.finditer(text):
        pieces.append(text[last : match.start()])
        name = match.group(1).strip()
        pieces.append(None if name in missing else values[name])
        last = match.end()
    pieces.append(text[last:])
    for index, piece in enumerate(pieces):
        if piece is not None or index % 2 == 0:
            continue
        after, before = index + 1, index - 1
        if after < len(pieces) - 1 and _SEPARATOR.fullmatch(pieces[after] or ""):
            pieces[after] = ""  # the separator before the next variable goes with this one
        elif before > 0 and _SEPARATOR.fullmatch(pieces[before] or ""):
            pieces[before] = ""
    shown = "".join(piece for piece in pieces if piece).strip()
    names = ", ".join(f"{{{{ {name} }}}}" for name in missing)
    return shown, Problem(
        theme.locate("footer", "text"),
        _("the footer leaves out {names}, which the deck does not set").format(names=names),
        ngettext(
            "set it in the deck's `variables:` or with --set, or set `deck.footer`",
            "set them in the deck's `variables:` or with --set, or set `deck.footer`",
            len(missing),
        ),
    )


def _check_set_names(overrides: Mapping[str, str], known: set[str] | frozenset[str]) -> None:
    """A `--set` name that nothing declares or uses is a typo that would silently do nothing."""
    problems = [
        Problem(
            None,
            _("--set {name}: the deck neither declares nor uses a variable {quoted}").format(
                name=name, quoted=repr(name)
            ),
            close_match(name, known)
            or (
                _("the deck's variables are: {names}").format(names=", ".join(sorted(known)))
                if known
                else _("the deck has no variables; declare it under the deck's `variables:`")
            ),
        )
        for name in overrides
        if name not in known
    ]
    if problems:
        raise InvalidInput(problems)


def library_folder(deck: DeckFile, path: Path, doc: YamlDoc | None = None) -> Path:
    """The folder of the block library that `deck`, the deck file at `path`, uses; it must
    lie inside the project (`library: /` would read every YAML file on the machine)."""
    folder = path.parent / deck.deck.library
    root = project_root(path)
    if not inside(folder, root):
        raise DeckgenError(
            _("the block library {library} is outside the project ({display_path})").format(
                library=repr(deck.deck.library), display_path=display_path(root)
            ),
            doc.locate(("deck", "library")) if doc is not None else Location(path),
            _(
                "keep the block files in a folder inside the project, e.g. "
                "`library: blocks` (the project is the nearest folder above the "
                "deck with pyproject.toml, .git or assets/)"
            ),
        )
    return folder


def _library_for(deck: DeckFile, doc: YamlDoc, path: Path, libraries: LibraryCache) -> BlockLibrary:
    """The deck's block library, from `libraries` if it was read before; a deck of inline
    blocks only needs none."""
    folder = library_folder(deck, path, doc)
    if folder.is_dir():
        return libraries.library(folder)
    if all(isinstance(entry, BlockBase) for entry in deck.slides):
        return BlockLibrary(folder, {})
    written = "library" in doc.data["deck"]
    raise DeckgenError(
        _("the block library folder {display_path} is not there").format(
            display_path=display_path(folder)
        ),
        doc.locate(("deck", "library") if written else ("slides",)),
        _("set `deck.library` to the folder of block files, relative to the deck file"),
    )


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, links followed, lies in the folder `root` (a loop of links does not)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop of links
        return False


class _Sources(Struct, frozen=True):
    """Where a slide's raw fields were written: the block's file, or the deck for overrides."""

    doc: YamlDoc
    base: PathKey
    deck_doc: YamlDoc | None = None
    deck_base: PathKey = ()
    overridden: frozenset[str] = frozenset()

    def locate(self, path: PathKey) -> Location:
        if self.deck_doc is not None and path and path[0] in self.overridden:
            return self.deck_doc.locate((*self.deck_base, *path))
        return self.doc.locate((*self.base, *path))

    def folder_for_paths(self) -> Path:
        """Where the block's relative paths start: the folder of the file that wrote them
        (a deck that overrides a library block's `file:` writes it relative to itself)."""
        if self.deck_doc is not None and self.overridden & _PATH_FIELDS:
            return self.deck_doc.path.parent
        return self.doc.path.parent

    def owner(self, path: PathKey) -> tuple[YamlDoc, PathKey]:
        if self.deck_doc is not None and path and path[0] in self.overridden:
            return self.deck_doc, self.deck_base
        return self.doc, self.base


class _Filler:
    """Substitutes variables through a raw block, reporting unknown names where they stand."""

    def __init__(
        self, values: Mapping[str, str], problems: ProblemCollector, deck: Path | None = None
    ) -> None:
        self.values = values
        self.problems = problems
        self.deck = deck
        """The deck file being composed: a block's variable it does not set is its to set."""
        self.used: set[str] = set()
        self.budget = limits.TextBudget()

    def fill(self, raw: Any, path: PathKey, sources: _Sources) -> Any:
        if isinstance(raw, str):
            too_long = self.budget.spend(raw, self.values)
            if too_long is not None:  # measured before filling in, so nothing huge is built
                if too_long[0]:
                    self.problems.add(sources.locate(path), *too_long)
                return raw[: limits.MAX_FIELD_CHARS]
            names = names_in(raw)
            self.used.update(names)
            missing = [name for name in names if name not in self.values]
            for name in dict.fromkeys(missing):
                if self.deck is None or (
                    sources.deck_doc is None and sources.doc.path == self.deck
                ):
                    message = _("variable {{{{ {name} }}}} is not set").format(name=name)
                else:  # a library block: the deck that shows it is the one to change
                    message = _("variable {{{{ {name} }}}} is not set by the deck {deck}").format(
                        name=name, deck=self.deck.name
                    )
                self.problems.add(
                    sources.locate(path),
                    message,
                    _("set it in the deck's `variables:` or with --set {name}=…").format(name=name),
                )
            broken = unclosed(raw)
            if broken is not None:
                self.problems.add(
                    sources.locate(path),
                    _("a placeholder is not closed: …{strip}…").format(strip=broken.strip()),
                    _("write variables as {{ name }}, with two braces on each side"),
                )
            return raw if missing else substitute(raw, self.values)
        if isinstance(raw, list):
            return [self.fill(item, (*path, i), sources) for i, item in enumerate(raw)]
        if isinstance(raw, dict):
            return {key: self.fill(value, (*path, key), sources) for key, value in raw.items()}
        return raw


def _variable_values(
    deck: DeckFile,
    doc: YamlDoc,
    overrides: Mapping[str, str],
    require_values: bool,
    problems: ProblemCollector,
) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, raw in {**deck.variables, **overrides}.items():
        from_cli = name in overrides
        where = None if from_cli else doc.locate(("variables", name))
        if raw and len(raw) > limits.MAX_FIELD_CHARS:
            label = f"--set {name}" if from_cli else f"variable {name!r}"
            problems.add(where, limits.value_too_long(label, len(raw)), _("shorten it"))
            values[name] = f"‹{name}›"
            continue
        if not raw:
            if require_values:
                problems.add(
                    where,
                    _("variable {name} has no value").format(name=repr(name)),
                    _("give it one with --set {name}=… or in the deck's `variables:`").format(
                        name=name
                    ),
                )
            values[name] = f"‹{name}›"
            continue
        try:
            values[name] = display_value(xml_safe(raw))
        except ValueError as exc:
            label = f"--set {name}" if from_cli else f"variable {name!r}"
            problems.add(where, f"{label}: {exc}")
            values[name] = f"‹{name}›"  # stands in, so the bad value is reported only once
    return values


def _property_problems(
    meta: DeckMeta,
    written: dict[str, Any],
    values: Mapping[str, str],
    doc: YamlDoc,
    overrides: Mapping[str, str],
) -> list[Problem]:
    """Document properties longer than PowerPoint holds, at the field or variable to shorten."""
    return limits.property_problems(
        {name: getattr(meta, name) for name in limits.PROPERTIES},
        written,
        values,
        lambda name: doc.locate(("deck", name)),
        lambda name: None if name in overrides else doc.locate(("variables", name)),
    )


def _split_problems(
    errors: list[FieldError], raw: dict[str, Any], sources: _Sources
) -> list[Problem]:
    """Problems of a merged block, each located in the file that wrote the failing field."""
    out = []
    for error in errors:
        loc = error.loc
        field = next((step for step in loc if isinstance(step, str) and step in raw), None)
        if field is None and sources.overridden and sources.deck_doc is not None:
            # A rule across fields (e.g. "needs layers or a centre") broken by this deck's
            # overrides belongs to the deck's slide, not to the library block.
            doc, base = sources.deck_doc, sources.deck_base
        else:
            doc, base = sources.owner((field,) if field else ())
        out.extend(problems_from([error], doc, base))
    return out
