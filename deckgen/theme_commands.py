"""The `theme` commands: `theme show` lists what a PowerPoint template offers, `theme init`
drafts a theme file from it."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def theme() -> None:
    """Look into a corporate PowerPoint template and make a theme from it.

    \b
    Examples:
      deckgen theme show skabelon.potx
      deckgen theme init skabelon.potx -o assets/theme/vores.yaml
    """


@theme.command("show")
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
def show(template: Path) -> None:
    """List TEMPLATE's masters, their layouts and each layout's placeholders.

    TEMPLATE is a .pptx or .potx file. For each placeholder it prints its type (title,
    subtitle, text, content, picture, footer, …), its idx ("idx –" when the template gives
    none, as LibreOffice's do), its name and where it sits on the slide in cm.

    \b
    Example:
      deckgen theme show assets/theme/kommune.pptx
    """
    from deckgen.theme.inspect import describe, read_template

    for line in describe(read_template(template)):
        click.echo(line)
