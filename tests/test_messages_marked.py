"""No English-only message can slip in: every text that reaches a user goes through the catalogue.

Two scans of deckgen's source (its syntax tree, not its text):

- a *sink* scan: a string literal handed to something that shows it to a user — a
  `Problem`, `DeckgenError` or any `…Error`/`…Exception` raised, `click.echo`, a prompt, a
  `Finding` or `Hazard`, a warning — must be inside `_()`, `N_()` or `ngettext()`;
- a *sentence* scan: any other literal that reads as English words (two or more words, one of
  them a common English one) must be marked too, wherever it is, for messages made in one
  place and shown in another.

A literal that is not for users (an exception that marks a bug, a text deckgen matches in
a library's own message) is in `ALLOWED`, with why.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "deckgen"
MARKERS = {"_", "N_", "ngettext"}
_SINK_NAMES = {
    "Problem",
    "DeckgenError",
    "InvalidInput",
    "UnsafePackage",
    "Hazard",
    "Finding",
    "finding",
    "FieldProblem",
    "AssetError",
    "TooLarge",
    "NotRegular",
}
_SINK_CALLS = {
    "echo",
    "secho",
    "prompt",
    "confirm",
    "warn",
    "add",
    "fail",
    "ClickException",
    "UsageError",
    "BadParameter",
    "Abort",
}
_QUIET_KEYWORDS = {"err", "nl", "type", "default", "show_default", "param_hint", "check", "kind"}
"""Keyword arguments of the sinks that are not words for the user."""
_IDENTIFIER = re.compile(r"^[a-z0-9_.\-/:*#%{}\[\]()'\"=,]*$")
_WORD = re.compile(r"[A-Za-z]{2,}")
_ENGLISH = re.compile(
    r"\b(the|is|are|not|no|an?|of|to|in|be|must|has|have|was|with|for|on|it|this|that|or|and|"
    r"cannot|can|should|use|found|missing|expected|unknown|failed|wrote|skipped|error|warning)\b",
    re.IGNORECASE,
)

ALLOWED: dict[tuple[str, str], str] = {
    # Exceptions that mark a bug in deckgen, never a user's mistake: they end in a traceback
    # for a developer, and are not shown as messages.
    ("blocks/__init__.py", "module "): "Python's own AttributeError wording",
    ("blocks/__init__.py", " has no attribute "): "Python's own AttributeError wording",
    ("check/slides.py", "asked for the text of a shape without text"): "an assertion",
    # The JSON Schema's words for editors, in English as every field's docstring is.
    (
        "fields.py",
        "Six hex digits (`003B5C`), or a colour of the template's colour scheme "
        "(`scheme:accent1`, `scheme:dk2`…), written as a live reference that follows the "
        "template's theme.",
    ): "a JSON Schema description",
    ("render/slidecache.py", "slide copy related "): "a RuntimeError for a bug",
    ("render/slidecache.py", " where "): "a RuntimeError for a bug",
    ("render/slidecache.py", " was expected"): "a RuntimeError for a bug",
    ("record.py", "deckgen cannot read a "): "a NotImplementedError for a bug",
    ("render/zipwrite.py", "a package this large needs ZIP64, which decks never do"): (
        "a ValueError for a bug: decks are bounded far below 2 GB"
    ),
    # Words of other programs that deckgen recognises, to say what they mean in its own words.
    ("source.py", "mapping values are not allowed"): "PyYAML's message, matched",
    ("render/package.py", "Presentation is missing (viewProps|presProps) relationship"): (
        "openxml-audit's message, matched"
    ),
    ("source.py", "expected <block end>"): "PyYAML's message, matched",
    ("source.py", "did not find expected key"): "PyYAML's message, matched",
    ("source.py", "did not find expected '-'"): "PyYAML's message, matched",
    ("source.py", "could not find expected ':'"): "PyYAML's message, matched",
    ("source.py", "found unexpected end of stream"): "PyYAML's message, matched",
    ("record.py", "Expected `str`, got `"): "msgspec's wording, read by wording.py",
    ("record.py", "greater than or equal to"): "msgspec's wording, read by wording.py",
    ("record.py", "less than or equal to"): "msgspec's wording, read by wording.py",
    ("record.py", "Input should be "): "msgspec's wording, read by wording.py",
    ("wording.py", "^(Expected |Object |Invalid |Input should |Extra )"): (
        "msgspec's wording, matched so that it is never shown"
    ),
    ("render/package.py", "content type is '([^']+)'"): "python-pptx's message, matched",
    ("ooxml/__init__.py", ", line |, use XML_PARSE_HUGE"): "libxml2's message, cut",
    ("ooxml/__init__.py", "not well-formed"): "libxml2's reason, kept for whoever repairs it",
    ("source.py", "aliases (*name) are not allowed in deckgen files"): "matched, then translated",
    ("source.py", "anchors (&name) are not allowed in deckgen files"): "matched, then translated",
    ("theme/inspect.py", "no main part"): "a KeyError caught at once, said as a damaged file",
    # The worker runs under the system's python3 without deckgen (LibreOffice's UNO bridge),
    # so it cannot reach the catalogue; its reason is put inside a translated message, as
    # LibreOffice's own reasons are.
    ("preview/unoworker.py", "LibreOffice could not open the file"): "a reason inside a message",
    # Names PowerPoint gives its layouts, which deckgen looks for in a template.
    ("theme/names.py", "Title and Content"): "a layout name PowerPoint writes",
    ("theme/names.py", "Picture with Caption"): "a layout name PowerPoint writes",
    ("theme/names.py", "To indholdsobjekter"): "a layout name PowerPoint writes",
    ("theme/names.py", "Content with Caption"): "a layout name PowerPoint writes",
    ("importer/mapping.py", "title and content"): "a layout name PowerPoint writes",
    ("importer/mapping.py", "picture with caption"): "a layout name PowerPoint writes",
    # The visit register's SQL, and the words of SQLite's and PostgreSQL's errors it reads
    # to tell a full disk from a read-only one (its messages to users are in the catalogue).
    ("visits/migrations/versions/0001_register.py", "deleted_at IS NULL"): "SQL",
    ("visits/tables.py", "deleted_at IS NULL"): "SQL",
    ("visits/register.py", "PRAGMA foreign_keys = ON"): "SQL",
    ("visits/register.py", "no space"): "a database error's words, read",
    ("visits/register.py", "unable to open"): "a database error's words, read",
    ("visits/register.py", "not a database"): "a database error's words, read",
}
SKIPPED_FOLDERS: tuple[str, ...] = ()
"""The web page is another helper's at the time of writing; it has its own Danish tests."""


def _files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in SKIPPED_FOLDERS
    ]


def _docstrings(tree: ast.AST) -> set[int]:
    """The string statements: docstrings of modules, classes, functions and attributes."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        for statement in body if isinstance(body, list) else []:
            if (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                found.add(id(statement.value))
    return found


def _marked(tree: ast.AST) -> set[int]:
    """Every node inside a `_()`, `N_()` or `ngettext()` call."""
    inside = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in MARKERS
        ):
            inside.update(id(inner) for inner in ast.walk(node))
    return inside


def _callee(call: ast.Call) -> str:
    func = call.func
    return (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )


def _is_sink(call: ast.Call) -> bool:
    name = _callee(call)
    return (
        name in _SINK_NAMES
        or name in _SINK_CALLS
        or name.endswith(("Error", "Exception", "Warning"))
    )


def _literals(node: ast.AST) -> list[ast.Constant]:
    return [
        inner
        for inner in ast.walk(node)
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str)
    ]


def _unmarked(path: Path) -> list[tuple[int, str, str]]:
    """(line, literal, why) for each literal in `path` that a user could read in English."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings, marked = _docstrings(tree), _marked(tree)
    where = path.relative_to(PACKAGE).as_posix()
    found: dict[int, tuple[int, str, str]] = {}

    def report(literal: ast.Constant, why: str) -> None:
        text = literal.value
        if id(literal) in marked or id(literal) in docstrings or (where, text) in ALLOWED:
            return
        found.setdefault(id(literal), (literal.lineno, text, why))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_sink(node):
            arguments = [*node.args] + [
                keyword.value for keyword in node.keywords if keyword.arg not in _QUIET_KEYWORDS
            ]
            for argument in arguments:
                if where == "theme/draft.py" and _callee(node) == "add":
                    argument = argument if argument is not node.args[0] else ast.Constant("")
                for literal in _literals(argument):
                    if _WORD.search(literal.value) and not _IDENTIFIER.match(literal.value):
                        report(literal, "shown to the user")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            words = _WORD.findall(text)
            english = len(words) >= 2 and " " in text.strip() and _ENGLISH.search(text)
            if english and not text.lstrip().startswith("<"):  # not XML or HTML
                report(node, "reads as English")
    return sorted(found.values())


def test_every_message_a_user_can_read_goes_through_the_catalogue():
    unmarked = [
        f"deckgen/{path.relative_to(PACKAGE).as_posix()}:{line}: {text!r} ({why})"
        for path in _files()
        for line, text, why in _unmarked(path)
    ]
    assert not unmarked, (
        "wrap these in _() (or N_() where the language is not known yet), run "
        "python tools/messages.py and translate them; or, if no user reads them, add them to "
        "ALLOWED with why:\n" + "\n".join(unmarked)
    )


def test_the_allowed_literals_are_still_there():
    """An allowance for a literal that is gone would let a new one of the same words in."""
    # The literals as Python reads them: a text split over lines in the source is one literal.
    literals = {
        path.relative_to(PACKAGE).as_posix(): "\n".join(
            literal.value for literal in _literals(ast.parse(path.read_text(encoding="utf-8")))
        )
        for path in _files()
    }
    gone = [key for key in ALLOWED if key[1] not in literals.get(key[0], "")]
    assert not gone


def test_the_scan_finds_an_unmarked_message(tmp_path):
    """The scan itself: it catches what it is for, and lets marked messages pass."""
    module = tmp_path / "sample.py"
    module.write_text(
        "from deckgen.i18n import _\n"
        "def f(location):\n"
        "    raise DeckgenError(f'the file {location} is broken', location, _('fix it'))\n"
        "def g():\n"
        "    click.echo('Wrote it')\n"
        "def h():\n"
        "    return _('this is fine') + ' and this is not'\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        texts = [text for _line, text, _why in _unmarked(module)]
    finally:
        PACKAGE = saved
    assert sorted(texts) == sorted(["the file ", " is broken", "Wrote it", " and this is not"])
