"""Read YAML safely into plain values while remembering where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python values from them ourselves so
that (1) every scalar stays text exactly as written (`NO`, `10:30`, `0700` are not booleans or
numbers: the schema decides what a field is), (2) no tag ever constructs an object, (3) aliases
are refused, so an alias bomb fails at once, and (4) duplicate keys are an error naming both
lines. The result maps each value's path (`("slides", 3, "title")`) to file, line, column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deckgen.errors import DeckgenError, Location
from deckgen.i18n import N_, _
from deckgen.regular import NotRegular, TooLarge, read_regular
from deckgen.yaml_errors import diagnose

MAX_YAML_BYTES = 1024 * 1024
"""Block and deck files are a few kilobytes; anything near a megabyte is not one of ours."""

PathKey = tuple[str | int, ...]
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _STANDARD_TAG + name
    for name in ("str", "null", "bool", "int", "float", "timestamp", "seq", "map")
)


@dataclass
class YamlDoc:
    """A parsed YAML file: its plain data and the location of every value in it."""

    path: Path
    data: Any
    locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, path: Iterable[str | int]) -> Location:
        """Location of the deepest value along `path` that exists in the file."""
        found, _target = follow(self.data, path)
        return self.locations.get(found, Location(self.path, 1, 1))

    def mapping(self, message: str, hint: str, list_key: str | None = None) -> dict[str, Any]:
        """The file's top level, which must be a mapping (with a list under `list_key`);
        otherwise an error at the file's start saying what the file should look like."""
        data = self.data
        if not isinstance(data, dict) or (
            list_key is not None and not isinstance(data.get(list_key), list)
        ):
            raise DeckgenError(message, Location(self.path, 1, 1), hint)
        return data


def follow(data: Any, path: Iterable[str | int]) -> tuple[PathKey, Any]:
    """The steps of `path` that exist in `data`, and the value they lead to.

    Steps that are not in the file (a missing field) are passed over, so a message points at
    the nearest thing the user wrote.
    """
    found: PathKey = ()
    node = data
    for step in path:
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            continue
        found = (*found, step)
    return found, node


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases instead of expanding them."""

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in deckgen files",
                problem_mark=event.start_mark,  # type: ignore[arg-type]
            )
        if getattr(event, "anchor", None) is not None:
            # An anchor is of no use without aliases, and `text: &more to come` would
            # silently lose its first word to one.
            raise yaml.MarkedYAMLError(
                problem="anchors (&name) are not allowed in deckgen files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[arg-type]


_ANCHOR = re.compile(r"&[^\s]")
"""An anchor (`&name`) — which any alias needs. Text like "Reformer & frisættelse" is none."""


def read_yaml(path: Path) -> YamlDoc:
    """Parse the YAML file at `path`, raising a located `DeckgenError` for anything unusable."""
    raw = _read_bytes(path)
    text = _decode(raw, path)
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDoc:
    """Parse YAML `text` that came from `path` (used for locations in messages)."""
    if _ANCHOR.search(text) is None and getattr(yaml, "__with_libyaml__", False):
        try:
            root = _compose(yaml.CSafeLoader, text)
        except (yaml.YAMLError, RecursionError):
            # libyaml's messages are terser: the Python parser finds the fault and says more.
            root = _compose(_NoAliasLoader, text, path)
    else:
        root = _compose(_NoAliasLoader, text, path)
    if root is None:
        raise DeckgenError(
            _("the file is empty"), Location(path, 1, 1), _("add the file's content")
        )
    doc = YamlDoc(path, None)
    try:
        doc.data = _build(root, (), doc)
    except RecursionError:
        raise _too_deep(path) from None
    return doc


def _compose(loader_type: type, text: str, path: Path | None = None) -> Node | None:
    """The single document in `text`; with `path`, each failure becomes a located error."""
    loader = None
    try:
        loader = loader_type(text)
        return loader.get_single_node()
    except (yaml.YAMLError, RecursionError) as exc:
        if path is None:
            raise
        raise _located(exc, path, text) from None
    finally:
        if loader is not None:
            loader.dispose()


def _located(exc: BaseException, path: Path, text: str) -> DeckgenError:
    if isinstance(exc, RecursionError):
        return _too_deep(path)
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        return DeckgenError(
            _("the control character U+{character:04X} cannot stand in a slide").format(
                character=exc.character
            ),
            Location(path, line, column),
            _("delete it (it often comes from copying text out of another program)"),
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        found = diagnose(exc, text)
        if found is not None:
            message, hint, at = found
            return DeckgenError(message, _mark_location(path, at), hint)
        mark = exc.problem_mark or exc.context_mark
        message, hint = _plain_words(exc)
        return DeckgenError(message, _mark_location(path, mark) if mark else Location(path), hint)
    return DeckgenError(_("not valid YAML: {exc}").format(exc=exc), Location(path))


def _too_deep(path: Path) -> DeckgenError:
    return DeckgenError(
        _("the YAML is nested too deeply to be a block or deck file"),
        Location(path, 1, 1),
        _("check for runaway brackets such as [[[["),
    )


def read_bytes(path: Path, what: str = "", name_hint: str = "", split_hint: str = "") -> bytes:
    """The bytes of the file at `path`; refuses folders, devices and files over the size limit.

    `what` names the file in messages (`schedule`; default a YAML file), `name_hint` says what
    to name instead of a folder or pipe, `split_hint` what to do with a file too large."""
    return _read_bytes(path, what, name_hint, split_hint)


def byte_location(raw: bytes, offset: int, path: Path) -> Location:
    """The line and column of byte `offset` in `raw`, the contents of `path`, for messages."""
    before = raw[:offset]
    return Location(path, before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1)


def _read_bytes(path: Path, what: str = "", name_hint: str = "", split_hint: str = "") -> bytes:
    name_hint = name_hint or _("name a .yaml file")
    if path.is_dir():
        folder = (
            _("is a folder, not a {what}").format(what=what)
            if what
            else _("is a folder, not a YAML file")
        )
        raise DeckgenError(folder, Location(path), name_hint)
    try:
        return read_regular(path, MAX_YAML_BYTES)
    except TooLarge:
        too_large = (
            _("the {what} is over {limit:,} bytes, the most deckgen reads in one").format(
                what=what, limit=MAX_YAML_BYTES
            )
            if what
            else _(
                "file is over {MAX_YAML_BYTES:,} bytes, the most deckgen reads in a YAML file"
            ).format(MAX_YAML_BYTES=MAX_YAML_BYTES)
        )
        raise DeckgenError(
            too_large, Location(path), split_hint or _("split it into smaller block files")
        ) from None
    except NotRegular as exc:
        raise DeckgenError(exc.message, Location(path), name_hint) from None
    except FileNotFoundError:
        raise DeckgenError(_("file not found"), Location(path), _("check the path")) from None
    except OSError as exc:
        raise DeckgenError(
            _("cannot read the file: {strerror}").format(strerror=exc.strerror), Location(path)
        ) from None


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DeckgenError(
            _("the file is saved as UTF-16 (Notepad calls it 'Unicode')"),
            Location(path, 1, 1),
            _("save it as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"),
        )
    if b"\x00" in raw[:8192]:
        raise DeckgenError(
            _("this is a binary file, not YAML text"),
            Location(path, 1, 1),
            _("name the block or deck file (.yaml) instead"),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeckgenError(
            _("not UTF-8 text (byte 0x{value:02x})").format(value=raw[exc.start]),
            byte_location(raw, exc.start, path),
            _("save the file as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)"),
        ) from None


def _build(node: Node, path: PathKey, doc: YamlDoc) -> Any:
    doc.locations[path] = _mark_location(doc.path, node.start_mark)
    if node.tag not in _PLAIN_TAGS:
        raise DeckgenError(
            _("YAML tag {tag} is not allowed").format(tag=repr(node.tag)),
            doc.locations[path],
            _("remove the tag; deckgen files hold plain text, lists and mappings"),
        )
    if isinstance(node, ScalarNode):
        if node.tag == _STANDARD_TAG + "null" and not node.style:  # libyaml says "", PyYAML None
            return None
        # One form of each letter (NFC), at every input: an "å" typed on a Mac may be "a"
        # and a combining ring (or written `\u0301`), which matches no name written with
        # the one letter. Per value, so that columns count the characters as written.
        return unicodedata.normalize("NFC", node.value)
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    key_lines: dict[str, Location] = {}
    for key_node, value_node in node.value:
        key_location = _mark_location(doc.path, key_node.start_mark)
        if not isinstance(key_node, ScalarNode):
            if isinstance(key_node, MappingNode) and node.flow_style:  # `text: {{ omu }}`
                raise DeckgenError(
                    _("text that starts with {{ is read as a YAML mapping ({ … })"),
                    _mark_location(doc.path, node.start_mark),
                    _('put text that starts with {{ in quotes: "{{ name }} …"'),
                )
            raise DeckgenError(_("a key must be plain text"), key_location)
        key = unicodedata.normalize("NFC", key_node.value)
        if key == "<<":
            raise DeckgenError(
                _("merge keys (<<) are not allowed"), key_location, _("write the fields out")
            )
        if key in key_lines:
            raise DeckgenError(
                _("duplicate key {key} (first at line {line})").format(
                    key=repr(key), line=key_lines[key].line
                ),
                key_location,
                _("remove one of them"),
            )
        key_lines[key] = key_location
        result[key] = _build(value_node, (*path, key), doc)
        doc.locations[(*path, key)] = key_location
    return result


def _mark_location(path: Path, mark: yaml.Mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


_PLAIN_WORDS = (
    # (what the parser says, what we say, what to do)
    ("\\t", N_("a tab is used to indent"), N_("indent with spaces, not tabs")),
    (
        "aliases",
        N_("aliases (*name) are not allowed in deckgen files"),
        N_("write the value out in full instead of referring to an anchor (&name)"),
    ),
    (
        "anchors",
        N_("anchors (&name) are not allowed in deckgen files"),
        N_("remove the anchor; write each value out in full"),
    ),
    (
        "mapping values are not allowed",
        N_("YAML cannot place the ':' on this line"),
        N_(
            'text that contains ": " must be in quotes; otherwise line this line up with the '
            "one above"
        ),
    ),
    (
        "expected <block end>",
        N_("this line is indented differently from the lines around it"),
        N_("line it up with the other fields or list items at its level"),
    ),
    (
        "did not find expected key",
        N_("this line is indented differently from the lines around it"),
        N_("line it up with the other fields at its level"),
    ),
    (
        "did not find expected '-'",
        N_("a list item is indented differently from the others"),
        N_("put the '-' of every item in the same column"),
    ),
    (
        "could not find expected ':'",
        N_("a line is missing its ':', or a quote is not closed"),
        N_("check the line above this point"),
    ),
    (
        "found unexpected end of stream",
        N_("a quote or bracket is not closed"),
        N_("close it before the end of the file"),
    ),
)


def _plain_words(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    """The parser's complaint in words a person editing a block file understands."""
    problem = str(exc.problem or exc.context or "")
    for parser_words, message, hint in _PLAIN_WORDS:
        if parser_words in problem:
            return _(message), _(hint)
    return _("not valid YAML: {problem}").format(problem=problem), _(
        "check the indentation and quoting around this point"
    )
