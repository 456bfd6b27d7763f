"""The `import` command: an existing presentation becomes library blocks and a deck file."""

from __future__ import annotations

import os
from pathlib import Path

import click

from deckgen.cli import options
from deckgen.cli.language import Command, argument, option
from deckgen.errors import display_path
from deckgen.i18n import N_, _, ngettext
from deckgen.project import DEFAULT_LIBRARY


@click.command(
    "import",
    cls=Command,
    help=N_(
        """Turn an existing presentation (OLD.pptx) into blocks of the library, and a deck
    file that lists them.

    \b
    Examples:
      deckgen import gammel.pptx -o decks/blocks/gammel.yaml
      deckgen import gammel.pptx --theme assets/theme/vores.yaml

    A slide that is a title slide, a section, a statement, a list (with sub-points), a picture
    or a closing slide becomes a block of that kind (pictures are saved in
    assets/imported/, with their alt text; speaker notes become the block's notes). Any
    other slide becomes a block of kind `slide`, which shows the original slide as it was
    designed. The deck file goes beside the library folder (decks/gammel.yaml). Nothing is
    written if a file is already there. A presentation outside the project is copied into
    assets/slides/ first: the `slide` blocks show that copy, so that is the file to edit.
    """
    ),
)
@argument("source", N_("OLD.pptx"), type=click.Path(path_type=Path, dir_okay=False))
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("The block file to write [default: decks/blocks/<name of the presentation>.yaml]."),
)
@option(
    "--deck",
    "deck_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help=N_("The deck file to write [default: beside the library folder, with the same name]."),
)
@options.theme_file(
    N_(
        "The theme the deck is built in, e.g. one drafted with `deckgen theme init` "
        "[default: the default theme]."
    )
)
def import_presentation(
    source: Path, output: Path | None, deck_file: Path | None, theme: Path | None
) -> None:
    from deckgen import api
    from deckgen.tour.filenames import slug

    output = output or DEFAULT_LIBRARY / f"{slug(source.stem) or 'praesentation'}.yaml"
    plan = api.import_presentation(source, output, deck_file, theme)
    for block in plan.blocks:
        for note in block.notes:
            click.echo(
                _("Note: slide {number} ({block}): {note}").format(
                    number=block.number, block=block.id, note=note
                ),
                err=True,
            )
    for note in plan.left_out:
        click.echo(_("Left out: {note}").format(note=note), err=True)
    slides = len(plan.blocks)
    kept = len(plan.fallbacks)
    click.echo(
        ngettext(
            "Imported {count} slide from {source} into {file}",
            "Imported {count} slides from {source} into {file}",
            slides,
        ).format(count=slides, source=display_path(source), file=display_path(plan.block_file))
        + (
            ngettext(
                " ({kept} kept as it was designed, as a `slide` block)",
                " ({kept} kept as they were designed, as `slide` blocks)",
                kept,
            ).format(kept=kept)
            if kept
            else ""
        )
    )
    # Where each file went, and which one she edits for what: the copy of the original,
    # when there is one, is the file to change a slide kept as designed, not her old one.
    click.echo(_("Written:"))
    click.echo(
        "  "
        + ngettext(
            "{file}: the block, one per slide: change its text and notes here",
            "{file}: the {count} blocks, one per slide: change their text and notes here",
            slides,
        ).format(file=display_path(plan.block_file), count=slides)
    )
    click.echo(
        "  "
        + _("{file}: the deck file: which slides it shows, in which order").format(
            file=display_path(plan.deck_file)
        )
    )
    pictures = [path for path in plan.files if path.suffix.lower() not in (".yaml", ".pptx")]
    if pictures:
        click.echo(
            "  "
            + ngettext(
                "{folder}: {count} picture, named in its block's `file:`",
                "{folder}: {count} pictures, each named in its block's `file:`",
                len(pictures),
            ).format(count=len(pictures), folder=display_path(pictures[0].parent) + os.sep)
        )
    if plan.copied is not None:
        click.echo(
            "  "
            + _("{file}: a copy of {source}").format(
                file=display_path(plan.copied), source=display_path(source)
            )
        )
    if kept:
        shown = plan.copied or source
        ids = ", ".join(block.id for block in plan.fallbacks)
        click.echo(
            ngettext(
                "The slide kept as designed ({ids}) is shown from {file}: to change it, edit "
                "that file in PowerPoint and save it under the same name",
                "The {count} slides kept as designed ({ids}) are shown from {file}: to change "
                "them, edit that file in PowerPoint and save it under the same name",
                kept,
            ).format(count=kept, ids=ids, file=display_path(shown))
            + (
                _(" ({source} is not read again)").format(source=display_path(source))
                if plan.copied is not None
                else ""
            )
        )
    for warning in plan.warnings:
        click.echo(_("Warning: {problem}").format(problem=warning), err=True)
    if plan.problem is not None:
        click.echo(
            _("The deck does not build yet: {problem}").format(problem=plan.problem), err=True
        )
    click.echo(_("Build it with: deckgen build {deck}").format(deck=display_path(plan.deck_file)))
