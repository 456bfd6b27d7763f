"""`python -m deckgen` and the `deckgen` command run the command line."""

import gc


def run() -> None:
    """Start the command line with its start-up objects kept out of garbage collection.

    Importing deckgen's command line makes some thirty thousand objects that live as long as
    the process; the collector would scan them again and again while a deck is built and once
    more at exit, which cost a one-deck build a tenth of its time.
    """
    gc.disable()
    from deckgen.cli.commands import main

    gc.freeze()
    gc.enable()
    main()


# Guarded, so that worker processes started by `spawn` (Windows, macOS), which import this
# module again, do not run the command a second time.
if __name__ == "__main__":
    run()
