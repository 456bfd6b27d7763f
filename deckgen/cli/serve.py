"""`deckgen serve`: the web page for the secretaries (see docs/web.md)."""

from __future__ import annotations

from pathlib import Path

import click

from deckgen.cli.language import Command, option
from deckgen.i18n import N_
from deckgen.project import DEFAULT_PROFILES


@click.command(
    cls=Command,
    help=N_(
        """Serve the web page: make a visit's deck, run the tour, see the library.

    \b
    Example:
      deckgen serve                        # http://localhost:8000/ opens in the browser
      deckgen serve --host 0.0.0.0 --port 8080 --no-browser   # on the shared machine
    """
    ),
)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar=N_("ADDRESS"),
    help=N_("Address to listen on."),
)
@option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    metavar=N_("PORT"),
    help=N_("The port to listen on (1 to 65535)."),
)
@option(
    "--directors",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_PROFILES,
    show_default=True,
    help=N_("The director profiles (the deck and the block library are found through them)."),
)
@option("--no-browser", is_flag=True, help=N_("Do not open the page in a browser."))
@option(
    "--user-header",
    envvar="DECKGEN_USER_HEADER",
    metavar=N_("NAME"),
    help=N_(
        "The request header in which the reverse proxy in front names the logged-in user "
        "(e.g. X-Remote-User); the visit register records that name with each change. "
        'Without it no header is trusted and changes are made by "ukendt".'
    ),
)
def serve(host: str, port: int, directors: Path, no_browser: bool, user_header: str | None) -> None:
    """The `serve` command."""
    from deckgen.web.serve import serve as run

    run(directors, host, port, open_browser=not no_browser, user_header=user_header)
