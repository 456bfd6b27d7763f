"""Command-line options that several commands share, declared once."""

from __future__ import annotations

import unicodedata
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


def variables() -> Decorator:
    """`--set NAME=VALUE`, any number of times: variables for the deck (read with `parse_sets`)."""
    return click.option(
        "--set",
        "sets",
        multiple=True,
        metavar=N_("NAME=VALUE"),
        help=N_('Set a variable, e.g. --set omu="OMU Børn og Familie" --set dato=2025-03-12.'),
        cls=Option,
    )


def parse_sets(values: tuple[str, ...]) -> dict[str, str]:
    """The `--set` values as names and values; a value without `=` is a usage error."""
    result = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(
                _('{value} is not NAME=VALUE; write e.g. --set omu="OMU Børn og Familie"').format(
                    value=repr(value)
                ),
                param_hint="--set",
            )
        if name.strip() == "dato" and text.strip():
            # The visit's date, read by the one date grammar (`12/3`, `12. marts 2026`) and
            # passed on as ISO, which the slides print the Danish way: never raw.
            from deckgen.tour.dates import parse_visit_date

            try:
                text = parse_visit_date(text)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint="--set dato") from None
        # One form of each letter (NFC), as every file deckgen reads is.
        result[unicodedata.normalize("NFC", name.strip())] = unicodedata.normalize("NFC", text)
    return result


def strict(
    help_text: str = N_("Treat warnings (e.g. text that overflows) as errors."),
) -> Decorator:
    """`--strict`: warnings count as errors."""
    return click.option("--strict", is_flag=True, help=help_text, cls=Option)


def force(help_text: str) -> Decorator:
    """`--force`: replace what deckgen would otherwise leave alone (each command says what)."""
    return click.option("--force", is_flag=True, help=help_text, cls=Option)


def as_json(help_text: str) -> Decorator:
    """`--json`: print the result as JSON."""
    return click.option("--json", "as_json", is_flag=True, help=help_text, cls=Option)


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
