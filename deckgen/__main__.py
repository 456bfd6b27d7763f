"""`python -m deckgen` runs the command line."""

from deckgen.cli import main

# Guarded, so that worker processes started by `spawn` (Windows, macOS), which import this
# module again, do not run the command a second time.
if __name__ == "__main__":
    main()
