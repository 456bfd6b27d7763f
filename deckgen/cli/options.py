"""Command-line options that several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from deckgen.cli.language import Option
from deckgen.errors import printable
from deckgen.i18n import N_, _, ngettext
from deckgen.project import DEFAULT_LIBRARY

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def output_folder(default: Path, help_text: str) -> Decorator:
    """`-o/--output FOLDER` with a default folder."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, file_okay=False),
        default=default,
        show_default=True,
        help=help_text,
        cls=Option,
    )


def library_folder() -> Decorator:
    """`--library FOLDER` of block files."""
    return click.option(
        "--library",
        type=click.Path(path_type=Path, file_okay=False),
        default=DEFAULT_LIBRARY,
        show_default=True,
        help=N_("Folder of block files."),
        cls=Option,
    )


def theme_file(help_text: str = N_("Theme file [default: the default theme].")) -> Decorator:
    """`--theme FILE`."""
    return click.option(
        "--theme", type=click.Path(path_type=Path, dir_okay=False), help=help_text, cls=Option
    )


_PROJECT_HELP = N_(
    "The project folder whose decks/tour profiles and committee register to use "
    "[default: beside the schedule, else the current folder's project]."
)


def project_folder(help_text: str = _PROJECT_HELP) -> Decorator:
    """`--project`: the project whose director profiles and committee register to use (or,
    with `help_text`, whose files to read otherwise)."""
    return click.option(
        "--project",
        type=click.Path(path_type=Path, file_okay=False),
        help=help_text,
        cls=Option,
    )


def echo_written(result: Any) -> None:
    """Say what a build wrote (a `BuildResult`): the file, its slides, and any file kept."""
    click.echo(
        ngettext(
            "Wrote {file} ({count} slide)", "Wrote {file} ({count} slides)", result.slides
        ).format(file=printable(str(result.output)), count=result.slides)
    )
    if result.backup:
        click.echo(
            _("Kept the file that was there as {file}").format(file=printable(str(result.backup)))
        )
