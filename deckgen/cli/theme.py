"""The `theme` commands: `theme show` lists what a PowerPoint template offers, `theme init`
drafts a theme file from it."""

from __future__ import annotations

from pathlib import Path

import click

from deckgen import api
from deckgen.cli.language import Group, argument, option
from deckgen.i18n import N_, _


@click.group(
    cls=Group,
    help=N_(
        """Look into a corporate PowerPoint template and make a theme from it.

    \b
    Examples:
      deckgen theme show skabelon.potx
      deckgen theme init skabelon.potx -o assets/theme/vores.yaml
    """
    ),
)
def theme() -> None:
    """The `theme` command group."""


@theme.command(
    "show",
    help=N_(
        """List TEMPLATE's masters, their layouts and each layout's placeholders.

    TEMPLATE is a .pptx or .potx file. For each placeholder it prints its type (title,
    subtitle, text, content, picture, footer, …), its idx ("idx –" when the template gives
    none, as LibreOffice's do), its name and where it sits on the slide in cm.

    \b
    Example:
      deckgen theme show skabelon.potx
    """
    ),
)
@argument("template", N_("TEMPLATE"), type=click.Path(path_type=Path, dir_okay=False))
def show(template: Path) -> None:
    for line in api.describe_template(template):
        click.echo(line)


@theme.command(
    "init",
    help=N_(
        """Draft a working theme file for TEMPLATE (.pptx or .potx).

    It picks a layout for every role by the placeholders each layout has (a layout named
    for the role in English or Danish counts most), the master to use, colours and fonts
    from the template's theme, the logo on the master and the footer. Comments in the file
    say what was guessed; lines marked CHECK deserve a look. An existing file is never
    replaced.

    \b
    Example:
      deckgen theme init skabelon.potx -o assets/theme/vores.yaml
      deckgen validate assets/theme/vores.yaml
    """
    ),
)
@argument("template", N_("TEMPLATE"), type=click.Path(path_type=Path, dir_okay=False))
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help=N_("The theme file to write (it must not exist yet)."),
)
def init(template: Path, output: Path) -> None:
    draft = api.draft_theme(template, output)
    master = draft.master.title if draft.master.number else _("layouts from every master")
    click.echo(_("Wrote {file}: {master}").format(file=output, master=master))
    for role, choice in draft.layouts.items():
        how = _("by name") if choice.by_name else _("guessed from its placeholders")
        # The keys as the theme file writes them, `layouts.picture`: what to change is there.
        click.echo(f"  {'layouts.' + role:<19} {choice.layout.name!r} ({how})")
    if draft.logo is not None:
        click.echo(f"  {'logo':<19} {output.parent / draft.logo[0]}")
    if draft.left_out:
        click.echo(draft.left_out)
    for check in draft.checks:
        click.echo(_("Check: {message}").format(message=check))
