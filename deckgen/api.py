"""What a Python user calls: build, validate, list and describe decks; the CLI wraps this."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.compose import ComposedDeck, compose_deck
from deckgen.errors import DeckgenError, InvalidInput, Location, Problem
from deckgen.library import BlockLibrary, block_files, load_library, read_block_file
from deckgen.ooxml import PRESENTATION_SUFFIXES
from deckgen.output import check_target, write_atomic
from deckgen.source import YamlDoc, read_yaml
from deckgen.theme import Theme, load_theme
from deckgen.validation import close_match
from deckgen.variables import names_in, substitute

if TYPE_CHECKING:
    from deckgen.catalogue import Catalogue
    from deckgen.check import DeckReport as CheckReport
    from deckgen.preview import Preview

DEFAULT_OUTPUT_DIR = Path("build")


@dataclass
class BuildResult:
    """What a build produced: the file, its slide count, and warnings worth reading."""

    output: Path
    slides: int
    warnings: list[Problem] = field(default_factory=list)
    backup: Path | None = None
    """Where the file that was replaced (with `force`) is kept, if one was."""


def default_output(deck_path: Path) -> Path:
    """Where a deck goes without `-o`: `build/<deck name>.pptx`."""
    return DEFAULT_OUTPUT_DIR / f"{deck_path.stem}.pptx"


def render_composed(
    deck: ComposedDeck, theme: Theme | None = None, slide_cache: Any = None
) -> tuple[bytes, list[Problem]]:
    """Draw a composed deck; returns the .pptx bytes and any warnings.

    `slide_cache` (a `deckgen.render.slidecache.SlideCache`) lets a tour copy slides it
    has drawn for earlier decks.
    """
    from deckgen.render.deck import render_deck  # python-pptx loads only when drawing

    theme = theme or load_theme(deck.theme_path)
    rendered = render_deck(deck, theme, _footer_text(deck, theme), slide_cache)
    return rendered.data, rendered.warnings


def build_deck(
    deck_path: Path,
    output: Path | None = None,
    variables: Mapping[str, str] | None = None,
    *,
    force: bool = False,
    strict: bool = False,
    library: BlockLibrary | None = None,
) -> BuildResult:
    """Build the deck file at `deck_path` into a .pptx; nothing is written if anything fails."""
    output = output or default_output(deck_path)
    keep_old = check_target(output, [deck_path], force)
    deck = compose_deck(deck_path, variables, library=library)
    theme = load_theme(deck.theme_path)
    _check_set_names(deck, theme, variables or {})
    data, warnings = render_composed(deck, theme)
    if strict and warnings:
        raise InvalidInput([*warnings])
    backup = write_atomic(output, data, backup=keep_old)
    return BuildResult(output, len(deck.slides), warnings, backup)


def _check_set_names(deck: ComposedDeck, theme: Theme, variables: Mapping[str, str]) -> None:
    """A `--set` name that nothing declares or uses is a typo that would silently do nothing."""
    footer = deck.meta.footer if deck.meta.footer is not None else theme.footer.text
    known = deck.known_variables | set(names_in(footer))
    problems = [
        Problem(
            None,
            f"--set {name}: the deck neither declares nor uses a variable {name!r}",
            close_match(name, known) or f"the deck's variables are: {', '.join(sorted(known))}",
        )
        for name in variables
        if name not in known
    ]
    if problems:
        raise InvalidInput(problems)


def validate_paths(
    paths: Iterable[Path], variables: Mapping[str, str] | None = None
) -> tuple[list[Problem], list[Problem], int]:
    """Check every block, deck and theme file under `paths`.

    Returns (errors, warnings, files checked). Decks are composed and drawn in memory, so
    everything a build would find is found, and all of it is reported at once.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    files = _yaml_files(paths, errors)
    # Decks that share a block library (the visit decks `deckgen new` writes) read it once.
    libraries: dict[Path, BlockLibrary] = {}
    for path in files:
        try:
            doc = read_yaml(path)
            kind = _file_kind(doc)
            if kind == "blocks":
                errors.extend(read_block_file(path, doc)[1])
            elif kind == "profiles":
                from deckgen.profiles import load_profiles

                load_profiles(path)
            elif kind == "schedule":
                from deckgen.schedule import load_schedule

                errors.extend(load_schedule(path).problems)
            elif kind == "theme":
                from deckgen.render.deck import check_layouts

                errors.extend(check_layouts(load_theme(path)))
            else:
                deck = compose_deck(
                    path, variables, require_values=False, doc=doc, libraries=libraries
                )
                warnings.extend(render_composed(deck)[1])
        except InvalidInput as exc:
            errors.extend(exc.problems)
        except DeckgenError as exc:
            errors.append(exc.problem)
    return _unique(errors), _unique(warnings), len(files)


def build_tour(
    schedule: Path,
    output_dir: Path = DEFAULT_OUTPUT_DIR,
    *,
    directors: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[Any], None] | None = None,
) -> Any:
    """Build one deck per visit of `schedule` into `output_dir`; a `deckgen.tour.TourResult`.

    `directors` is the profile file (default: `direktoerer.yaml` beside the schedule); `jobs`
    how many decks are built at once (default: one per core). A bad row is that row's outcome,
    not an exception. `on_start` hears the number of rows, `on_outcome` each row's outcome.
    """
    from deckgen.tour import run_tour

    return run_tour(
        schedule,
        output_dir,
        profiles_path=directors,
        jobs=jobs,
        force=force,
        strict=strict,
        on_start=on_start,
        on_outcome=on_outcome,
    )


def list_blocks(folder: Path) -> BlockLibrary:
    """The block library in `folder`."""
    return load_library(folder)


def json_schema(kind: str = "all") -> dict[str, Any]:
    """A JSON Schema for deck files (`deck`), block files (`blocks`), or either (`all`)."""
    from deckgen.schema import json_schema as build_schema

    return build_schema(kind)


def schema_text(kind: str = "all") -> str:
    """The JSON Schema as indented text, Danish letters kept."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files and built .pptx files that `paths` name; a folder gives every deck file
    (not block or theme files) and every .pptx below it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            decks = [p for p in _yaml_files([path], []) if _is_deck_file(p)]
            # `~$name.pptx` is the lock file PowerPoint keeps beside a deck it has open.
            # .pptx, .ppsx and their macro-enabled twins (.pptm, .ppsm), to report the macros.
            built = [p for p in path.rglob("*.pp[st][xm]") if not p.name.startswith("~$")]
            found += sorted([*decks, *built])
        elif not path.exists():
            raise DeckgenError("file not found", Location(path), "check the path")
        elif path.suffix.lower() in PRESENTATION_SUFFIXES or _is_deck_file(path):
            found.append(path)
        else:
            raise DeckgenError(
                "not a deck file or a .pptx", Location(path), "name a deck file (with `deck:`)"
            )
    return list(dict.fromkeys(found))


def _is_deck_file(path: Path) -> bool:
    try:
        data = read_yaml(path).data
    except DeckgenError:
        return True  # a file that does not even parse is reported by whoever opens it
    return isinstance(data, dict) and ("slides" in data or isinstance(data.get("deck"), dict))


def check_decks(
    paths: Iterable[Path],
    variables: Mapping[str, str] | None = None,
    theme: Path | None = None,
) -> list[CheckReport]:
    """Check the decks `paths` name (deck files, built .pptx, folders): fit, accessibility,
    brand and package. A deck that does not build is reported as failing, not raised."""
    from deckgen.check import check_file

    return [check_file(path, variables, theme) for path in deck_files(paths)]


def render_previews(
    paths: Iterable[Path],
    output: Path,
    variables: Mapping[str, str] | None = None,
    *,
    approve: bool = False,
) -> list[Preview]:
    """Render the decks `paths` name to PDF, slide PNGs and a contact sheet in `output`, with
    one LibreOffice for all; with `approve`, also make them the approved reference renders."""
    from deckgen.preview import render_decks

    previews = render_decks(deck_files(paths), output, variables)
    if approve:
        from deckgen.visual import approve as approve_pdf

        for preview in previews:
            approve_pdf(preview.pdf, preview.pdf.stem)  # the deck's name, made unique
    return previews


def make_catalogue(
    output: Path, library: Path = Path("decks/blocks"), theme: Path | None = None
) -> Catalogue:
    """A page and a contact sheet showing every block of `library` as it renders."""
    from deckgen.catalogue import build_catalogue

    return build_catalogue(library, output, theme)


def _footer_text(deck: ComposedDeck, theme: Theme) -> str:
    text = deck.meta.footer if deck.meta.footer is not None else theme.footer.text
    # The deck's own footer was filled in when it was composed; only the theme's can miss one.
    missing = [name for name in names_in(text) if name not in deck.variables]
    if missing:
        raise DeckgenError(
            f"the footer uses {{{{ {missing[0]} }}}}, which the deck does not set",
            theme.locate("footer", "text"),
            f"set {missing[0]!r} in the deck's `variables:`, or set `deck.footer`",
        )
    return substitute(text, deck.variables)


def _yaml_files(paths: Iterable[Path], errors: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(block_files(path))
        elif path.exists():
            files.append(path)
        else:
            errors.append(Problem(Location(path), "file not found", "check the path"))
    return list(dict.fromkeys(files))


def _file_kind(doc: YamlDoc) -> str:
    data, path = doc.data, doc.path
    if isinstance(data, dict):
        if "blocks" in data:
            return "blocks"
        if "directors" in data:
            return "profiles"
        if "visits" in data:
            return "schedule"
        if "deck" in data or "slides" in data:
            return "deck"
        if "template" in data and "layouts" in data:
            return "theme"
    raise DeckgenError(
        "not a deckgen file: expected `blocks:` (a block file) or `deck:` (a deck file)",
        Location(path, 1, 1),
        "start the file with one of those keys",
    )


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
