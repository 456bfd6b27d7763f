"""The command line in the user's language: help texts translated when shown, click's own
words ("Usage:", "Aborted!", "Error: No such option") through deckgen's catalogue, and
deckgen's errors shown as click's.

Click makes a command's help when the module is imported, before `--lang` is read; so the help
texts are marked with `N_()` and the command, group and option classes here translate them each
time help is shown. Click looks its own words up with the standard `gettext` functions, in the
process's text domain and the language `$LANGUAGE` names: while a command runs, that domain is
deckgen's catalogue and that language deckgen's (`click_speaks`), as click's documentation
advises, so the words a user meets are in the catalogue below (`CLICK_WORDS`) on every click 8.x.

A `DeckgenError` knows nothing of click; `Command` turns it into click's error, which click
prints as ``Error: …`` with exit status 1.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import io
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from deckgen.errors import DeckgenError
from deckgen.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, N_, _, choose_language, language, ngettext


def _help_property() -> Any:
    def get(self: Any) -> str | None:
        text = self.__dict__.get("_raw_help")
        return _(text) if text else text

    def put(self: Any, value: str | None) -> None:
        self.__dict__["_raw_help"] = value

    return property(get, put)


def _type_word(param: click.Parameter) -> str | None:
    """The name of the value `param` takes, in the user's words (`FIL`, `MAPPE`, `ANTAL`), or
    None for a choice (its values are shown)."""
    kind = param.type
    if isinstance(kind, click.Path):
        word = (
            N_("FILE") if not kind.dir_okay else N_("FOLDER") if not kind.file_okay else N_("PATH")
        )
    elif isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        word = N_("INTEGER")
    elif isinstance(kind, click.types.StringParamType):
        word = N_("TEXT")
    else:
        return None
    return _(word)


class Option(click.Option):
    """An option whose help, and the name of its value (`NAME=VALUE`), is translated when shown."""

    help = _help_property()

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is not None:
            return _(self.metavar)
        word = _type_word(self)
        if word is None or self.is_flag:
            return super().make_metavar(ctx)
        return word + ("..." if self.nargs != 1 else "")


class Argument(click.Argument):
    """An argument whose name in the usage line (`DECK`, in Danish `PRÆSENTATION`) is
    translated when shown."""

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is None:
            return super().make_metavar(ctx)
        word = _(self.metavar) if self.required else f"[{_(self.metavar)}]"
        return word + ("..." if self.nargs != 1 else "")


def argument(name: str, metavar: str, **attrs: Any) -> Any:
    """`click.argument` shown in the usage line as `metavar` (marked with `N_()`), translated."""
    return click.argument(name, cls=Argument, metavar=metavar, **attrs)


@contextlib.contextmanager
def click_speaks() -> Iterator[None]:
    """Click's own words in deckgen's language and catalogue while the block runs; the text
    domain and `$LANGUAGE` are as they were after it."""
    domain, variable = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    _tell_click(language())
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if variable is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = variable


def _tell_click(chosen: str) -> None:
    # The standard gettext functions that click calls take the language from the environment.
    os.environ["LANGUAGE"] = chosen


class Command(click.Command):
    """A command whose help, and its usage line, are translated when shown, and whose
    `DeckgenError` is shown as click's error."""

    help = _help_property()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            raise click.ClickException(exc.message) from exc

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        # `[OPTIONS]` and `COMMAND [ARGS]...` are click's words, made in English.
        own = (self.options_metavar, getattr(self, "subcommand_metavar", None))
        return [_(piece) if piece in own else piece for piece in super().collect_usage_pieces(ctx)]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # Click keeps the --help option it made, with its help in the language of that moment.
        self._help_option = None
        return super().get_help_option(ctx)


class Group(Command, click.Group):
    """A group of commands whose help, and its commands' help, is translated when shown.

    Commands added with `add_later` are imported only when they are run, or listed with
    their help: `deckgen build` does not load the modules of the other commands."""

    command_class = Command
    group_class = type

    def add_later(self, name: str, where: str) -> None:
        """Add the command `name`, found at `where` (`module:attribute`) when first needed."""
        self.__dict__.setdefault("_later", {})[name] = where

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.__dict__.get("_later", {})})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = self.__dict__.get("_later", {}).pop(cmd_name, None)
        if where is not None:
            module, _, attribute = where.partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with click_speaks():
            try:
                return super().main(*args, **kwargs)
            except OSError as exc:
                # Printing failed (standard output on a full disk, /dev/full, a broken
                # terminal; click says nothing of a closed pipe itself): what was done stays
                # done, and the status says the output is missing, without a traceback.
                if not _while_printing(exc):
                    raise
                with contextlib.suppress(OSError, ValueError):
                    message = _("cannot print the messages: {strerror}").format(
                        strerror=exc.strerror
                    )
                    click.echo(_("Error: {message}").format(message=message), err=True)
                sys.stdout = sys.stderr = io.StringIO()  # nothing more to flush at the end
                sys.exit(1)


def _while_printing(exc: OSError) -> bool:
    """Whether `exc` was raised by `click.echo` writing to a stream."""
    trace = exc.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_name == "echo" and code.co_filename == click.utils.__file__:
            return True
        trace = trace.tb_next
    return False


def option(*names: str, **attrs: Any) -> Any:
    """`click.option` with its help translated when shown."""
    return click.option(*names, cls=Option, **attrs)


def _language_chosen(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        _tell_click(choose_language(value))


language_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    is_eager=True,
    expose_value=False,
    callback=_language_chosen,
    help=N_("Language of the messages: da (Danish, the default) or en (English)."),
    cls=Option,
)


# Click's words that a user of deckgen meets, so that the catalogue holds their translation.
CLICK_WORDS = (
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("[COMMAND] [ARGS]..."),  # click 8.5 and later, for a group that runs on its own
    N_("Error: {message}"),
    N_("Usage:"),
    N_("Aborted!"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Try '{command} {option}' for help."),
    N_("No such command {name!r}."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("default: {default}"),
    N_("required"),
    N_("{value!r} is not a valid {number_type}."),
    N_("Repeat for confirmation"),
    N_("Error: invalid input"),
    N_("Error: The two entered values do not match."),
    N_("No such option {name!r}."),
    N_("Missing parameter"),
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    ),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
    ngettext(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1
    ),
)
