"""How much text a deck may hold once its variables are filled in, and the checks for it.

A YAML file is limited to a megabyte before it is read, but `{{ name }}` multiplies: a
variable of ten thousand characters used in every field grows a small deck to gigabytes. So
every text is measured as it will be filled in — without building it — before it is, and a
field, a deck and a document property each have a limit, reported where it is broken.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from deckgen.errors import Location, Problem
from deckgen.i18n import _, grouped
from deckgen.variables import PATTERN, names_in

MAX_FIELD_CHARS = 20_000
"""The most characters one text may hold once filled in: pages of speaker notes, far more
than any slide shows, and far below what makes measuring text slow or wrong."""
MAX_DECK_CHARS = 2_000_000
"""The most characters all the texts of one deck may hold together once filled in."""
MAX_PROPERTY_CHARS = 255
"""PowerPoint's limit for a document property (title, subject, author, keywords)."""
PROPERTIES = ("title", "subject", "author", "keywords")
_LONG_VALUE = 40
"""A variable this long in an over-long property is named as the cause."""


def filled_length(text: str, values: Mapping[str, str]) -> int:
    """How long `text` is once every `{{ name }}` in it is replaced from `values`."""
    length = len(text)
    for match in PATTERN.finditer(text):
        length += len(values.get(match.group(1), match.group())) - len(match.group())
    return length


class TextBudget:
    """Counts the characters of one deck's texts as they are filled in, against the limits."""

    def __init__(self) -> None:
        self.total = 0
        self.exhausted = False
        """Whether the deck's texts have passed `MAX_DECK_CHARS` (reported once, at the field
        where they did; later texts are not filled in)."""

    def spend(self, text: str, values: Mapping[str, str]) -> tuple[str, str] | None:
        """Count `text` as filled in from `values`: None if it may be filled in, else the
        message and hint to report at it ("" for both once the deck is over its limit)."""
        if self.exhausted:
            return "", ""
        length = filled_length(text, values)
        if length > MAX_FIELD_CHARS:
            return field_too_long(length, filled=length != len(text))
        self.total += length
        if self.total > MAX_DECK_CHARS:
            self.exhausted = True
            return deck_too_long()
        return None


def too_long_text(
    raw: object, path: tuple[str | int, ...] = ()
) -> tuple[tuple[str | int, ...], int] | None:
    """The place and length of the first text in `raw` (plain YAML values) over
    `MAX_FIELD_CHARS` as written, if any."""
    if isinstance(raw, str):
        return (path, len(raw)) if len(raw) > MAX_FIELD_CHARS else None
    items = (
        raw.items() if isinstance(raw, dict) else enumerate(raw) if isinstance(raw, list) else ()
    )
    for key, value in items:
        found = too_long_text(value, (*path, key))
        if found is not None:
            return found
    return None


def field_too_long(length: int, filled: bool) -> tuple[str, str]:
    """The message and hint for a text of `length` characters over `MAX_FIELD_CHARS`."""
    message = (
        _(
            "this text is {length} characters long once its variables are filled in; a text "
            "may hold at most {most}"
        )
        if filled
        else _("this text is {length} characters long; a text may hold at most {most}")
    )
    return (
        message.format(length=grouped(length), most=grouped(MAX_FIELD_CHARS)),
        _("shorten it; a slide shows a few lines, and long notes belong in a document"),
    )


def deck_too_long() -> tuple[str, str]:
    """The message and hint for a deck whose texts pass `MAX_DECK_CHARS` at some field."""
    return (
        _("the deck's texts pass {most} characters here, once variables are filled in").format(
            most=grouped(MAX_DECK_CHARS)
        ),
        _("use fewer slides, shorter texts, or a variable in fewer places"),
    )


def value_too_long(label: str, length: int) -> str:
    """The message for a variable's value over `MAX_FIELD_CHARS`."""
    return _("{label} is {length} characters long; a value may hold at most {most}").format(
        label=label, length=grouped(length), most=grouped(MAX_FIELD_CHARS)
    )


def property_problems(
    filled: Mapping[str, object],
    written: Mapping[str, object],
    values: Mapping[str, str],
    locate_field: Callable[[str], Location | None],
    locate_variable: Callable[[str], Location | None],
) -> list[Problem]:
    """Document properties over `MAX_PROPERTY_CHARS` once filled in: each at the variable that
    made it long (its `variables:` line, schedule row or `--set`), else at the field.

    `filled` holds the deck's properties as filled in, `written` as the deck file wrote them;
    `locate_field(name)` and `locate_variable(name)` give places (None for a `--set` value).
    """
    problems = []
    for name in PROPERTIES:
        value = filled.get(name)
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")
        if len(text) <= MAX_PROPERTY_CHARS:
            continue
        raw = written.get(name)
        used = names_in(" ".join(map(str, raw)) if isinstance(raw, list) else str(raw or ""))
        culprit = max(used, key=lambda n: len(values.get(n, "")), default=None)
        message = (
            _(
                "the deck's {name} is {length} characters long once filled in; a document "
                "property holds at most {most}"
            )
            if used
            else _(
                "the deck's {name} is {length} characters long; a document property holds at "
                "most {most}"
            )
        ).format(name=name, length=f"{len(text):,}", most=MAX_PROPERTY_CHARS)
        if culprit is not None and len(values.get(culprit, "")) >= _LONG_VALUE:
            where = locate_variable(culprit)
            label = f"--set {culprit}: " if where is None else f"{{{{ {culprit} }}}}: "
            hint = _("shorten the value of {variable}, or use it in the slides only").format(
                variable=f"{{{{ {culprit} }}}}"
            )
            problems.append(Problem(where, label + message, hint))
        else:
            where = locate_field(name)
            problems.append(Problem(where, message, _("shorten `deck.{name}`").format(name=name)))
    return problems
