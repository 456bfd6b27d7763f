"""Errors a user can cause, each carrying the place in their files where it happened.

Every error deckgen raises on purpose is a `DeckgenError`, a plain exception that knows
nothing of its callers: the command line (`deckgen.cli.language`) turns it into click's error,
printed as ``Error: file:line:column: what is wrong — what to do`` with exit status 1 and no
traceback, and the web page into an HTTP answer. Anything else that escapes is a bug.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct

from deckgen.i18n import _, ngettext


class Location(Struct, frozen=True, order=True):
    """A point in a source file; line and column count from 1, as editors show them."""

    file: Path
    line: int = 0
    column: int = 0
    heading: str = ""
    """The name of the column, for a cell of a table (a schedule's `dato`)."""

    def __str__(self) -> str:
        if self.line <= 0:
            return display_path(self.file)
        if self.column <= 0:
            # A row of a table (a schedule), not a line of YAML: in Danish "række 14".
            if self.heading:
                return _('{file}:{row}, column "{heading}"').format(
                    file=display_path(self.file), row=self.line, heading=self.heading
                )
            return _("{file}:{row}").format(file=display_path(self.file), row=self.line)
        return f"{display_path(self.file)}:{self.line}:{self.column}"


def display_path(path: Path) -> str:
    """Show `path` relative to the working directory when it lies below it, on one line
    (`printable`: a name may hold a line break or a terminal's escape codes)."""
    try:
        return printable(str(path.resolve().relative_to(Path.cwd().resolve())))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
        return printable(str(path))


def printable(text: str) -> str:
    """`text` (a file name, a title from elsewhere) as it may stand in a message or a YAML
    comment: on one line, with every character that YAML reads as a line break (`\\n`,
    `\\r`, U+0085, U+2028, U+2029), every other control or format character (a terminal's
    escape codes, a bidi override) and every byte of a file name that is not UTF-8 written
    escaped. A line break in a name would otherwise end a comment and start YAML of the
    name's choosing, or split a one-line message."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        char
        if char.isprintable() or char == " "
        else f"\\x{ord(char) - 0xDC00:02x}"
        if 0xDC80 <= ord(char) <= 0xDCFF  # a byte of a name that is not UTF-8
        else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in text
    )


def name_text(path: Path | str) -> str:
    """A path or file name as text that can be printed and written into a deck: a name that
    is not UTF-8 (made on a system with another encoding, `d\xe6k.yaml`) shows its odd bytes
    escaped, where they would otherwise crash whatever encodes the text."""
    text = str(path)
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def name_from_text(text: str) -> str:
    """The file name `name_text` showed as `text` (its escaped bytes back as they were)."""
    if "\\x" not in text:
        return text
    return re.sub(r"\\x([89a-f][0-9a-f])", lambda m: chr(0xDC00 + int(m.group(1), 16)), text)


def name_bytes(name: str) -> bytes:
    """The bytes of a file name as the file system holds them (`name_text`'s inverse side)."""
    return name.encode("utf-8", "surrogateescape")


class Problem(Struct, frozen=True):
    """One thing wrong with the input: where, what, and what to do about it."""

    location: Location | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = self.message if not self.hint else f"{self.message} — {self.hint}"
        return text if self.location is None else f"{self.location}: {text}"


class DeckgenError(Exception):
    """A failure the user can fix, reported with its location and a hint."""

    def __init__(self, message: str, location: Location | None = None, hint: str = "") -> None:
        self.problem = Problem(location, message, hint)
        self.message = str(self.problem)
        """What a user is shown after "Error: "."""
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class InvalidInput(DeckgenError):
    """One or more problems found while reading or checking the inputs; all are reported."""

    def __init__(self, problems: list[Problem]) -> None:
        # The same problem can surface twice (a library block used on two slides).
        self.problems = sorted(dict.fromkeys(problems), key=problem_order)
        first = self.problems[0]
        super().__init__(first.message, first.location, first.hint)
        # Click prints "Error: " before the first line; the others get it too, as in validate.
        self.message = "\n".join(
            [str(self.problems[0])]
            + [_("Error: {message}").format(message=p) for p in self.problems[1:]]
        )
        if len(self.problems) > 1:
            self.message += "\n" + tally(len(self.problems)) + "."


def closest(
    word: str, choices: Iterable[str], *, fold: bool = False, cutoff: float = 0.6
) -> str | None:
    """The one of `choices` that `word` most likely misspells (with `fold`, whatever the case
    of either), or None when none is close: the one "did you mean" lookup."""
    import difflib  # only when something is misspelt

    options = list(choices)
    if not fold:
        found = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
        return found[0] if found else None
    folded = {option.casefold(): option for option in options}
    found = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[found[0]] if found else None


def did_you_mean(name: str | None) -> str:
    """`did you mean 'x'?` for `name`, or empty for None."""
    return _("did you mean {name}?").format(name=repr(name)) if name is not None else ""


def close_match(
    word: str, choices: Iterable[str], *, fold: bool = False, cutoff: float = 0.6
) -> str:
    """`did you mean 'x'?` for the closest of `choices` to `word`, or empty."""
    return did_you_mean(closest(word, choices, fold=fold, cutoff=cutoff))


def tally(errors: int, warnings: int | None = None) -> str:
    """`2 errors, 1 warning`: what was found, worded the same in every command's summary."""
    text = ngettext("{count} error", "{count} errors", errors).format(count=errors)
    if warnings is None:
        return text
    return (
        text
        + ", "
        + ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
    )


def problem_order(problem: Problem) -> tuple[str, int, int]:
    """The order problems are reported in: by file, line and column (without a place first)."""
    loc = problem.location
    return ("", 0, 0) if loc is None else (str(loc.file), loc.line, loc.column)


class ProblemCollector:
    """Gathers problems so validation reports every one of them, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, location: Location | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(location, message, hint))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)
