"""Plan where an import's files go, write them as YAML people can read, all or nothing.

The block file goes where `-o` says (a library folder, e.g. `decks/blocks/gammel.yaml`); the
deck file listing the blocks beside the library folder (`decks/gammel.yaml`, with `library:`
pointing at it); pictures into `assets/imported/<presentation>/`; and the old presentation,
when a `slide` block needs it and it lies outside the project, copied into `assets/slides/`,
where the library keeps the presentations its `slide` blocks show: that copy is the file she
edits to change those slides, so it lies where she looks for them, not among the pictures.
Nothing is
written if any of these files is already there or anything fails on the way; whatever was
written before a failure is removed again.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.blocks import BLOCK_KINDS, read_block
from deckgen.compose import inside
from deckgen.errors import DeckgenError, Location, Problem, printable
from deckgen.i18n import _, ngettext
from deckgen.importer.mapping import ImportedBlock, Targets, map_deck, slide_block
from deckgen.importer.reading import SourceDeck, hazard_hint, read_source_deck
from deckgen.library import load_library
from deckgen.output import write_atomic
from deckgen.project import project_root
from deckgen.record import Invalid
from deckgen.regular import write_new
from deckgen.source import write_yaml
from deckgen.theme import load_theme
from deckgen.tour.filenames import slug

IMPORT_FOLDER = Path("assets") / "imported"
"""Where, in the project, an import's pictures go."""
SLIDES_FOLDER = Path("assets") / "slides"
"""Where, in the project, an import copies the presentation its `slide` blocks show."""
_KINDS = {kind.__struct_config__.tag for kind in BLOCK_KINDS}


@dataclass
class ImportPlan:
    """What an import will write: each file's path and bytes, and the blocks made."""

    source: SourceDeck
    block_file: Path
    deck_file: Path
    blocks: list[ImportedBlock]
    targets: Targets
    """Where the blocks' outside files are, as the block file refers to them."""
    files: dict[Path, bytes] = field(default_factory=dict)
    """Every file to write, by path, the block and deck files among them."""
    copied: Path | None = None
    """Where the old presentation is copied to, if it is."""
    copy_to: Path | None = None
    """Where the old presentation goes if a `slide` block needs it (it lies outside)."""
    warnings: list[Problem] = field(default_factory=list)
    """What building the imported deck warns of."""
    problem: Problem | None = None
    """Why the imported deck does not build, if it does not."""

    @property
    def left_out(self) -> list[str]:
        """Each slide not imported for what it carries (an OLE object, a control …), said
        with what to do about it."""
        return [
            _("slide {number} ({title}): {hazard} — {hint}").format(
                number=slide.number,
                title=slide.title or _("no title"),
                hazard=slide.unsafe[0],
                hint=hazard_hint(slide.unsafe[0]),
            )
            for slide in self.source.slides
            if slide.unsafe
        ]

    @property
    def fallbacks(self) -> list[ImportedBlock]:
        """The blocks that reuse their slide as it was (kind `slide`)."""
        return [block for block in self.blocks if block.kind == "slide"]


def import_deck(
    source: Path, output: Path, deck_file: Path | None = None, theme: Path | None = None
) -> ImportPlan:
    """Import the presentation `source` into the block file `output` and a deck file
    (`deck_file`, default beside the library folder) in `theme` (default: the default theme);
    see `plan_import` and `write_import`."""
    plan = plan_import(source, output, deck_file, theme)
    write_import(plan)
    _try(plan)
    return plan


def _try(plan: ImportPlan) -> None:
    """Build the written deck once (`deckgen.importer.trial`): keep in their own look the
    slides whose text would not read in the theme's, and keep what the build says."""
    from deckgen.importer.trial import try_deck  # the builder, the checks: only now

    trial = try_deck(plan.deck_file)
    if trial.crowded:
        _keep_as_designed(plan, trial.crowded)
        trial = try_deck(plan.deck_file)
    plan.warnings, plan.problem = trial.warnings, trial.problem
    if not trial.own_look:
        return
    for block in plan.blocks:
        count = trial.own_look.get(block.id)
        if count is None:
            continue
        # `keep:` written after `slide:`, where a reader of the block file looks for it.
        items = list(block.fields.items())
        at = [key for key, _value in items].index("slide") + 1
        block.fields = dict([*items[:at], ("keep", "source"), *items[at:]])
        block.notes.append(
            ngettext(
                "it keeps its own look (`keep: source`): in the theme's, one of its texts "
                "would not read (too little contrast, too small, or running off its shape)",
                "it keeps its own look (`keep: source`): in the theme's, {count} of its texts "
                "would not read (too little contrast, too small, or running off their shapes)",
                count,
            ).format(count=count)
        )
    text = _block_file_text(plan.source, plan.blocks, plan.block_file).encode("utf-8")
    plan.files[plan.block_file] = text
    write_atomic(plan.block_file, text)


def _keep_as_designed(plan: ImportPlan, ids: list[str]) -> None:
    """Make the blocks `ids` (of deckgen's text kinds) `slide` blocks, written again, with the
    original copied into the project if it lies outside and no block needed it yet."""
    titles = [slide.title for slide in plan.source.slides]
    by_number = {slide.number: slide for slide in plan.source.slides}
    for place, block in enumerate(plan.blocks):
        if block.id in ids:
            kept = slide_block(by_number[block.number], block.id, plan.targets, titles)
            kept.notes = [
                *block.notes,
                _("it is kept as designed: in the theme's layout its text would not fit"),
            ]
            plan.blocks[place] = kept
    if plan.copy_to is not None and plan.copied is None:
        _make_folders(plan.copy_to.parent)
        if not _already(plan, plan.copy_to, plan.source.data):
            write_new(plan.copy_to, plan.source.data)
        plan.copied = plan.copy_to
        plan.files[plan.copy_to] = plan.source.data
    text = _block_file_text(plan.source, plan.blocks, plan.block_file).encode("utf-8")
    plan.files[plan.block_file] = text
    write_atomic(plan.block_file, text)


def plan_import(
    source: Path, output: Path, deck_file: Path | None = None, theme_file: Path | None = None
) -> ImportPlan:
    """Read `source` and work out every file the import writes, without writing any; the
    deck file names `theme_file` as its theme, whose layouts the slides are mapped to."""
    _check_output(output)
    root = project_root(output)
    library = output.parent
    if library.resolve() == root:
        raise DeckgenError(
            _("the block file must go in a library folder inside the project, not at its top"),
            Location(output),
            _("write it into the library, e.g. -o decks/blocks/{name}").format(name=output.name),
        )
    deck_path = deck_file or library.parent / output.name
    _check_output(deck_path)
    if deck_path.resolve() == output.resolve():
        raise DeckgenError(
            _("the deck file and the block file cannot be the same file"),
            Location(deck_path),
            _("name another deck file with --deck"),
        )
    deck = read_source_deck(source)
    name = slug(source.stem) or "praesentation"
    folder = root / IMPORT_FOLDER / name
    copied = None
    original = source
    # A file outside the project is copied in; so is one whose path a block file cannot
    # name (a name that is not UTF-8, made on a system with another encoding; a backslash,
    # which a block file's paths refuse; `{{ }}`, which it takes for a variable), under a
    # name it can.
    if not inside(source, root) or not _is_text(_relative(source, library)):
        copied = original = root / SLIDES_FOLDER / _nameable(source.name)
    targets = Targets(_relative(original, library), _relative(folder, library))
    theme = load_theme(theme_file)
    roles: dict[str, str] = {}
    for role, name in theme.layouts.items():  # a layout serving two roles is the first's
        roles.setdefault(name.strip().lower(), role)
    blocks = map_deck(deck, targets, _library_ids(library), roles, _valid)
    if not blocks:
        # Every slide left out for what it carries: a deck of no slides would not build.
        first = next(slide for slide in deck.slides if slide.unsafe)
        raise DeckgenError(
            ngettext(
                "its one slide carries something deckgen does not pass on: {hazard}",
                "each of its {count} slides carries something deckgen does not pass on, "
                "the first: {hazard}",
                len(deck.slides),
            ).format(count=len(deck.slides), hazard=first.unsafe[0]),
            Location(source),
            hazard_hint(first.unsafe[0]),
        )
    plan = ImportPlan(deck, output, deck_path, blocks, targets, copy_to=copied)
    plan.files[output] = _block_file_text(deck, blocks, output).encode("utf-8")
    theme_name = _relative(theme_file, deck_path.parent) if theme_file is not None else None
    plan.files[deck_path] = _deck_file_text(deck, blocks, library, deck_path, theme_name).encode(
        "utf-8"
    )
    for block in blocks:
        if block.picture is not None:
            plan.files[folder / block.picture[0]] = block.picture[1]
    if copied is not None and plan.fallbacks:
        plan.copied = copied
        plan.files[copied] = deck.data
    return plan


def write_import(plan: ImportPlan) -> None:
    """Write every file of `plan`; none if any is already there, none left if one fails.

    A picture or copied presentation already there with the same bytes (the same old
    presentation imported again into another block file) is used as it is."""
    there = {path for path, data in plan.files.items() if _already(plan, path, data)}
    for path in plan.files:
        if path not in there and os.path.lexists(
            path
        ):  # a dangling link too: writing to it writes elsewhere
            raise DeckgenError(
                _("{name} is already there; deckgen import does not replace files").format(
                    name=path.name
                ),
                Location(path),
                _(
                    "another presentation of this name was imported before: give the one you "
                    "import another name, or move the old copy away first"
                )
                if path == plan.copied
                else _("give another name with -o, or move the file away first"),
            )
    written: list[Path] = []
    made: list[Path] = []
    try:
        for path, data in plan.files.items():
            if path in there:
                continue
            made += _make_folders(path.parent)
            write_new(path, data)
            written.append(path)
    except BaseException as exc:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, OSError):
            raise DeckgenError(
                _("could not write the file: {reason}; nothing was imported").format(
                    reason=exc.strerror or exc
                ),
                Location(Path(exc.filename) if exc.filename else plan.block_file),
                _("check the folder and that there is room on the disk"),
            ) from None
        raise


def _check_output(path: Path) -> None:
    if str(path) == "-" or path.suffix.lower() not in (".yaml", ".yml"):
        raise DeckgenError(
            _("the file to write must be a .yaml file"),
            Location(path),
            _("name a YAML file, e.g. -o decks/blocks/gammel.yaml"),
        )


def _relative(path: Path, start: Path) -> str:
    """`path` relative to the folder `start`, with forward slashes (as block files write)."""
    return posixpath.join(*Path(os.path.relpath(path.resolve(), start.resolve())).parts)


def _library_ids(folder: Path) -> set[str]:
    """The ids the library in `folder` has already (blocks there must not repeat them)."""
    if not folder.is_dir():
        return set()
    return {block.block.id for block in load_library(folder, strict=False)}


def _valid(fields: dict[str, Any]) -> bool:
    """Whether `fields` are a valid block of a kind deckgen has."""
    if fields["kind"] not in _KINDS:
        return False
    try:
        read_block(fields)
    except (Invalid, ValueError):
        return False
    return True


def _schema_line(path: Path, schema: str) -> str:
    """The line that has VS Code's YAML extension check the file at `path` with the project's
    schema `schema` (in a `schema/` folder beside the file's folder or its own, as
    `deckgen schema` writes them); "" if the project has none there."""
    for folder in (path.parent.parent / "schema", path.parent / "schema"):
        if (folder / schema).is_file():
            return f"# yaml-language-server: $schema={_relative(folder / schema, path.parent)}\n"
    return ""


def _block_file_text(deck: SourceDeck, blocks: list[ImportedBlock], path: Path) -> str:
    head = (
        _schema_line(path, "blocks.schema.json")
        + "# "
        + _("Imported by `deckgen import` from {name}: one block per slide, in order.").format(
            name=printable(deck.path.name)
        )
        + "\n# "
        + _("Blocks of kind `slide` show the original slide as it was designed.")
        + "\n# "
        + _(
            "Each block is a draft (`status: kladde`) until you have looked at it: remove the "
            "line to offer it to the secretaries."
        )
        + "\n"
    )
    return head + write_yaml({"blocks": [_as_draft(block.fields) for block in blocks]})


def _as_draft(fields: dict[str, Any]) -> dict[str, Any]:
    """An imported block's fields with `status: kladde` after its kind: nothing imported is
    offered to the secretaries until communication has looked at it and removed the line
    (an old deck's "Tak for i dag!" would otherwise be a second one on their list at once)."""
    items = list(fields.items())
    at = [key for key, _value in items].index("kind") + 1
    return dict([*items[:at], ("status", "kladde"), *items[at:]])


def _deck_file_text(
    deck: SourceDeck,
    blocks: list[ImportedBlock],
    library: Path,
    deck_path: Path,
    theme: str | None = None,
) -> str:
    footers = [slide.footer for slide in deck.slides if slide.footer]
    meta: dict[str, Any] = {"title": _apart(deck.title or deck.path.stem)}
    if theme is not None:
        meta["theme"] = theme
    folder = _relative(library, deck_path.parent)
    if folder != "blocks":
        meta["library"] = folder
    # The old deck's own footer, else its title: the deck needs no variables the theme's
    # footer asks for, and every slide has the footer its layout has room for.
    meta["footer"] = _apart(max(set(footers), key=footers.count)) if footers else meta["title"]
    head = (
        _schema_line(deck_path, "deck.schema.json")
        + "# "
        + _("The presentation {name}, imported by `deckgen import`.").format(
            name=printable(deck.path.name)
        )
        + "\n"
    )
    return head + write_yaml({"deck": meta, "slides": [block.id for block in blocks]})


def _apart(text: str) -> str:
    """`text` with `{{` and `}}` written apart, so it is not taken for a variable."""
    return text.replace("{{", "{ {").replace("}}", "} }")


def _already(plan: ImportPlan, path: Path, data: bytes) -> bool:
    """Whether `path`, a file of the assets an import brings, is there with `data` already."""
    if path in (plan.block_file, plan.deck_file) or path.is_symlink() or not path.is_file():
        return False
    return path.stat().st_size == len(data) and path.read_bytes() == data


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents; the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _is_text(path: str) -> bool:
    """Whether a block file can name `path` as it is: text a YAML file can hold (no byte of
    a name that is not UTF-8), without a backslash or braces taken for a variable."""
    return _nameable(path) == path


def _nameable(name: str) -> str:
    """`name` as a block file can name it: a byte that is not UTF-8 or a backslash as `_`,
    `{{` and `}}` written apart."""
    name = "".join("_" if 0xD800 <= ord(char) <= 0xDFFF or char == "\\" else char for char in name)
    return _apart(name)
