"""The command line: a thin shell over `deckgen.api`. `commands` holds the commands and their
help, `tour` the visit tour's commands (`tour`, `new`, `provenance`), `options` the options
several commands share.
"""

from deckgen.cli.commands import main

__all__ = ["main"]
