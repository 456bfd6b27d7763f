"""`python -m deckgen` and the `deckgen` command run the command line."""

import atexit
import gc
import os
import sys
import threading


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
    try:
        main()
    except SystemExit as done:
        if _command_in(sys.argv[1:]) in _ENDS_AT_ONCE:
            _end_at_once(done)
        raise


_ENDS_AT_ONCE = frozenset({"build"})
"""Commands that leave nothing open when they are done (no register, no server, no
workers): the process ends as soon as they are, without taking the interpreter apart."""


def _end_at_once(done: SystemExit) -> None:
    """End the process with `done`'s status once the exit handlers have run and the output
    is flushed, without tearing the interpreter down module by module: that freed the
    objects of every module one by one (3 % of a one-deck build) and shows nobody anything.
    Returns (and the usual exit follows) for a status that is not a number or while another
    thread runs, which the usual exit would wait for."""
    status = 0 if done.code is None else done.code
    if not isinstance(status, int) or threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with it closed (`>&-`)
                stream.flush()
    except (OSError, ValueError):  # a closed pipe: the usual exit says so
        return
    os._exit(status)


def _command_in(args: list[str]) -> str | None:
    """The command named among the command-line arguments (the first that is no option)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
    return None


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
