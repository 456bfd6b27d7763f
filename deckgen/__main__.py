"""`python -m deckgen` and the `deckgen` command run the command line."""

import gc
import sys


def run() -> None:
    """Start the command line with its start-up objects kept out of garbage collection.

    Importing deckgen's command line makes some thirty thousand objects that live as long as
    the process; the collector would scan them again and again while a deck is built and once
    more at exit, which cost a one-deck build a tenth of its time.
    """
    gc.disable()
    from deckgen.i18n import choose_language

    # Chosen before the command line is imported, so that click's words are in the language
    # from the very first (a mistyped option before --lang is read says so in Danish, too).
    choose_language(_language_in(sys.argv[1:]))
    from deckgen.cli.commands import main

    gc.freeze()
    gc.enable()
    main()


def _language_in(args: list[str]) -> str | None:
    """The value of `--lang` among the command-line arguments, if it is there."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
    return None


# Guarded, so that worker processes started by `spawn` (Windows, macOS), which import this
# module again, do not run the command a second time.
if __name__ == "__main__":
    run()
