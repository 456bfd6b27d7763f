"""Name the real cause of a YAML slip, at the place the user must change, with the fix.

The parser reports where it gave up, in its own words: an unclosed `[` at the end of the
file, text that starts with `*` as "expected alphabetic or numeric character", `{{ omu }}
og mere` as bad indentation. People write these slips in plain text fields, so the cause is
nearly always text that YAML reads as syntax: this module looks at the line the parser
stopped on (and the one where what it was reading began) and says that in words.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import ScalarNode

from deckgen.errors import Location, Problem
from deckgen.i18n import N_, _

Diagnosis = tuple[str, str, "yaml.Mark"]
"""What is wrong, what to do, and where."""

_SYNTAX_START = {
    "{{": N_("is read as a YAML mapping ({ … })"),
    "*": N_("is read as a reference to an anchor (*name)"),
    "&": N_("is read as an anchor (&name)"),
    "@": N_("must be in quotes in YAML"),
    "`": N_("must be in quotes in YAML"),
    "%": N_("must be in quotes in YAML"),
    "|": N_("starts a block of lines in YAML"),
    ">": N_("starts a block of lines in YAML"),
    "? ": N_("is read as a YAML key"),
    "- ": N_("is read as a list item"),
    "!": N_("is read as a YAML tag"),
}
"""Text that YAML reads as syntax when it starts a value, and what YAML makes of it."""
_LEAD = re.compile(r"^(\s*(?:-\s+)*)(?:([^\s#'\"\[{][^#]*?):(?:\s+|$))?")
"""Indentation and list dashes, then an optional `key:`; what follows is the value."""
_OTHER_QUOTE = {'"': N_("single"), "'": N_("double")}
_FLOW = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


def diagnose(exc: yaml.MarkedYAMLError, text: str) -> Diagnosis | None:
    """The cause of `exc`, raised while parsing `text`, in words; None if not recognised."""
    lines = text.splitlines()
    if "'\\t'" in str(exc.problem or "") and exc.problem_mark is not None:
        return _tab(lines, exc.problem_mark)
    # The line the parser stopped on; and the one where what it was scanning began (a
    # quote, an alias), but not where an enclosing mapping began: that line may be fine.
    scanning = str(exc.context or "").startswith("while scanning")
    candidates = (exc.problem_mark, exc.context_mark if scanning else None)
    marks = [m for m in candidates if m is not None]
    for mark in marks:
        found = _syntax_at_start(lines, mark)
        if found is not None:
            return found
    context, problem = str(exc.context or ""), str(exc.problem or "")
    if "quoted scalar" in context and exc.context_mark is not None:
        if "escape" in problem:
            return _escape(exc.problem_mark or exc.context_mark)
        return (
            _("a quote ({char_at}) opened here is never closed").format(
                char_at=_char_at(lines, exc.context_mark)
            ),
            _("close it at the end of the text"),
            exc.context_mark,
        )
    for what, (opening, closing) in _FLOW.items():
        if what in context and exc.context_mark is not None:
            return (
                _("a '{opening}' opened here is not closed").format(opening=opening),
                _(
                    "close it with '{closing}' on the same line; if the text starts "
                    "with '{opening}', put the whole text in quotes"
                ).format(closing=closing, opening=opening),
                exc.context_mark,
            )
    for mark in marks:
        found = _text_after_quote(lines, mark) or _text_after_flow(lines, mark)
        if found is not None:
            return found
    return None


def _value_start(lines: list[str], mark: yaml.Mark) -> tuple[str, int] | None:
    """The value written on the mark's line and its column (from 0), if the line has one."""
    if not 0 <= mark.line < len(lines):
        return None
    line = lines[mark.line]
    lead = _LEAD.match(line)
    start = lead.end() if lead else 0
    value = line[start:]
    return (value, start) if value.strip() else None


def _syntax_at_start(lines: list[str], mark: yaml.Mark) -> Diagnosis | None:
    found = _value_start(lines, mark)
    if found is None:
        return None
    value, column = found
    if value.rstrip() == "?":
        value = "? "
    for start, what in _SYNTAX_START.items():
        if value.startswith(start):
            shown = value.strip()
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            quote = "'" if '"' in shown else '"'
            return (
                _("text that starts with {strip} {what}").format(strip=start.strip(), what=_(what)),
                _("put text that starts with {strip} in quotes: {quote}{shown}{quote}").format(
                    strip=start.strip(), quote=quote, shown=shown
                ),
                _at(mark, column),
            )
    return None


def _text_after_quote(lines: list[str], mark: yaml.Mark) -> Diagnosis | None:
    """`"OMU" Børn og Familie`: a quoted text with more text after its closing quote."""
    found = _value_start(lines, mark)
    if found is None or found[0][0] not in "'\"":
        return None
    value, column = found
    closing = value.find(value[0], 1)
    rest = value[closing + 1 :].strip() if closing > 0 else ""
    if not rest or rest.startswith("#"):
        return None
    whole = value.split(" #")[0].strip()
    said = _(
        "the text in quotes ends at its second {quote}, and YAML cannot place what follows"
    ).format(quote=value[0])
    if len(whole) > 1 and whole[-1] == value[0]:  # 'OMU'er i 2025': quotes inside quotes
        inner = whole[1:-1]
        fix = _requote(inner) if value[0] == "'" else "'" + inner.replace("'", "''") + "'"
        hint = _("a text that holds {quote} must be in {other} quotes: {fix}").format(
            quote=value[0], other=_(_OTHER_QUOTE[value[0]]), fix=fix
        )
        return said, hint, _at(mark, column)
    hint = _("put the whole text in {other} quotes: {fix}").format(
        other=_(_OTHER_QUOTE[value[0]]), fix=_requote(whole)
    )
    return said, hint, _at(mark, column)


def _text_after_flow(lines: list[str], mark: yaml.Mark) -> Diagnosis | None:
    """`[Udkast] Vejen videre`: text that starts with a bracket is read as a list."""
    found = _value_start(lines, mark)
    if found is None or found[0][0] not in "[{":
        return None
    value, column = found
    what = _("a YAML list ([ … ])") if value[0] == "[" else _("a YAML mapping ({ … })")
    return (
        _(
            "text that starts with {value} is read as {what}, and YAML cannot place what follows it"
        ).format(value=value[0], what=what),
        _("put text that starts with {value} in quotes: {requote}").format(
            value=value[0], requote=_requote(value.split(" #")[0].strip())
        ),
        _at(mark, column),
    )


def _tab(lines: list[str], mark: yaml.Mark) -> Diagnosis:
    """A tab where YAML wants spaces: before a field, or inside its indentation."""
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    field = line.strip().split(":", 1)[0] if ":" in line else ""
    if field and len(field) <= 30:
        hint = _(
            "replace the tab before `{field}:` with spaces, so that it lines up with the "
            "fields above it (YAML counts spaces, and a tab is not one)"
        ).format(field=field)
    else:
        hint = _("indent with spaces, not tabs: YAML counts spaces, and a tab is not one")
    return _("a tab is used to indent this line"), hint, _at(mark, mark.column)


def _escape(mark: yaml.Mark) -> Diagnosis:
    return (
        _("a backslash (\\) in double quotes starts an escape such as \\n, and this one is not"),
        _(
            "write paths with forward slashes (pictures/a.png), or put text "
            "with backslashes in single quotes: 'C:\\mappe'"
        ),
        mark,
    )


def _requote(value: str) -> str:
    if value.startswith('"'):
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _char_at(lines: list[str], mark: yaml.Mark) -> str:
    try:
        return lines[mark.line][mark.column]
    except IndexError:
        return '"'


def _at(mark: yaml.Mark, column: int) -> yaml.Mark:
    return yaml.Mark(mark.name, mark.index, mark.line, column, None, None)  # type: ignore[arg-type]


# Slips that parse: valid YAML that is nearly never what the writer meant, found as each text is
# read (`deckgen.source`), and told as warnings with the fix.

_COMMENT_AFTER_TEXT = re.compile(r"^ #")
"""A comment one space after plain text: `- Åbenhed om fejl #1 – også når det gør ondt` keeps
"Åbenhed om fejl" and drops the rest. A comment meant as one stands two spaces off (the
convention of the project's files and of yamllint), so one space is taken as text."""
_SWALLOWED_ITEM = re.compile(r"^\s*-(\s|$)")


def scalar_slips(node: ScalarNode, lines: list[str], path: Path) -> list[Problem]:
    """What in the plain (unquoted) text `node` looks like a slip: text cut off at ` #`, a list
    item read as part of the text above it. Empty for text that is as meant."""
    if node.style or not node.value:  # PyYAML says None for plain text, libyaml ""
        return []
    found: list[Problem] = []
    end = node.end_mark
    if 0 <= end.line < len(lines):
        rest = lines[end.line][end.column :]
        if _COMMENT_AFTER_TEXT.match(rest):
            whole = f"{node.value}{rest}".strip()
            shown = whole if len(whole) <= 60 else whole[:59] + "…"
            found.append(
                Problem(
                    Location(path, end.line + 1, end.column + 2),
                    _(
                        "the text stops at ' #': YAML reads the rest of the line "
                        "({rest}) as a comment and leaves it out"
                    ).format(rest=repr(rest.strip())),
                    _(
                        "put the whole text in quotes: {quoted}; if the rest is a note for "
                        "yourself, put two spaces before the #"
                    ).format(quoted=_requote(shown)),
                )
            )
    start = node.start_mark
    for number in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
        line = lines[number]
        if _SWALLOWED_ITEM.match(line):
            column = len(line) - len(line.lstrip()) + 1
            found.append(
                Problem(
                    Location(path, number + 1, column),
                    _(
                        "this '- ' line is read as part of the text above, not as an item of "
                        "its own: its '-' is further in than the '-' of the item before it"
                    ),
                    _(
                        "put its '-' in the same column as the '-' of the items above; a "
                        "sub-point goes under `items:` of a point written as `- text: …`"
                    ),
                )
            )
    return found
