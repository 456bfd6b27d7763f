"""Plan where an import's files go, write them as YAML people can read, all or nothing.

The block file goes where `-o` says (a library folder, e.g. `decks/blocks/gammel.yaml`); the
deck file listing the blocks beside the library folder (`decks/gammel.yaml`, with `library:`
pointing at it); pictures into `assets/imported/<presentation>/`; and the old presentation,
when a `slide` block needs it and it lies outside the project, copied there too. Nothing is
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

import yaml

from deckgen.blocks import BLOCK_KINDS, read_block
from deckgen.compose import inside
from deckgen.errors import DeckgenError, Location, printable
from deckgen.i18n import _, decimal
from deckgen.importer.mapping import ImportedBlock, Targets, map_deck
from deckgen.importer.reading import SourceDeck, read_source_deck
from deckgen.library import load_library
from deckgen.project import project_root
from deckgen.record import Invalid
from deckgen.regular import write_new
from deckgen.render.package import open_template
from deckgen.theme import load_theme
from deckgen.tour.filenames import slug

IMPORT_FOLDER = Path("assets") / "imported"
"""Where, in the project, an import's pictures and copied presentations go."""
_KINDS = {kind.__struct_config__.tag for kind in BLOCK_KINDS}


@dataclass
class ImportPlan:
    """What an import will write: each file's path and bytes, and the blocks made."""

    source: SourceDeck
    block_file: Path
    deck_file: Path
    blocks: list[ImportedBlock]
    files: dict[Path, bytes] = field(default_factory=dict)
    """Every file to write, by path, the block and deck files among them."""
    copied: Path | None = None
    """Where the old presentation is copied to, if it is."""

    @property
    def fallbacks(self) -> list[ImportedBlock]:
        """The blocks that reuse their slide as it was (kind `slide`)."""
        return [block for block in self.blocks if block.kind == "slide"]


def import_deck(source: Path, output: Path, deck_file: Path | None = None) -> ImportPlan:
    """Import the presentation `source` into the block file `output` and a deck file
    (`deck_file`, default beside the library folder); see `plan_import` and `write_import`."""
    plan = plan_import(source, output, deck_file)
    write_import(plan)
    return plan


def plan_import(source: Path, output: Path, deck_file: Path | None = None) -> ImportPlan:
    """Read `source` and work out every file the import writes, without writing any."""
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
    # A file outside the project is copied in; so is one whose path YAML cannot hold (a
    # name that is not UTF-8, made on a system with another encoding), under a name it can.
    if not inside(source, root) or not _is_text(_relative(source, library)):
        copied = original = folder / "".join(
            "_" if 0xDC80 <= ord(char) <= 0xDCFF else char for char in source.name
        )
    targets = Targets(_relative(original, library), _relative(folder, library))
    theme = load_theme()
    roles = {name.strip().lower(): role for role, name in theme.layouts.items()}
    blocks = map_deck(deck, targets, _library_ids(library), roles, _valid)
    _note_other_size(deck, blocks, theme.template_path)
    plan = ImportPlan(deck, output, deck_path, blocks)
    plan.files[output] = _block_file_text(deck, blocks).encode("utf-8")
    plan.files[deck_path] = _deck_file_text(deck, blocks, library, deck_path).encode("utf-8")
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
                _("give another name with -o, or move the file away first"),
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


class _Dumper(yaml.SafeDumper):
    """YAML as the sample library is written: lists indented under their key, text with
    line breaks as a `|` block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def _block_file_text(deck: SourceDeck, blocks: list[ImportedBlock]) -> str:
    head = (
        "# "
        + _("Imported by `deckgen import` from {name}: one block per slide, in order.").format(
            name=printable(deck.path.name)
        )
        + "\n# "
        + _("Blocks of kind `slide` show the original slide as it was designed.")
        + "\n"
    )
    return head + _dump({"blocks": [block.fields for block in blocks]})


def _deck_file_text(
    deck: SourceDeck, blocks: list[ImportedBlock], library: Path, deck_path: Path
) -> str:
    footers = [slide.footer for slide in deck.slides if slide.footer]
    meta: dict[str, Any] = {"title": _apart(deck.title or deck.path.stem)}
    folder = _relative(library, deck_path.parent)
    if folder != "blocks":
        meta["library"] = folder
    # The old deck's own footer, so the deck needs no variables the theme's footer asks for.
    meta["footer"] = _apart(max(set(footers), key=footers.count)) if footers else ""
    head = (
        "# "
        + _("The presentation {name}, imported by `deckgen import`.").format(
            name=printable(deck.path.name)
        )
        + "\n"
    )
    return head + _dump({"deck": meta, "slides": [block.id for block in blocks]})


def _apart(text: str) -> str:
    """`text` with `{{` and `}}` written apart, so it is not taken for a variable."""
    return text.replace("{{", "{ {").replace("}}", "} }")


def _note_other_size(deck: SourceDeck, blocks: list[ImportedBlock], template: Path) -> None:
    """Tell, on each slide kept as designed, that a slide of another size than the theme's
    is refused when the deck is built, so she resizes the presentation first."""
    theme = open_template(template)
    if deck.size == (theme.slide_width, theme.slide_height):
        return
    sizes = [
        " × ".join("?" if side is None else decimal(side / 360_000, 2) for side in size) + " cm"
        for size in (deck.size, (theme.slide_width, theme.slide_height))
    ]
    for block in blocks:
        if block.kind == "slide":
            block.notes.append(
                _(
                    "the slide is {size} and the theme's slides are {theme_size}, so the deck "
                    "will not build with it until the presentation is set to the theme's size "
                    "in PowerPoint (Design → Slide Size)"
                ).format(size=sizes[0], theme_size=sizes[1])
            )


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
    """Whether `path` is text a YAML file can hold (no byte of a name that is not UTF-8)."""
    return not any(0xD800 <= ord(char) <= 0xDFFF for char in path)
