"""Turn pydantic's validation errors into located, friendly problems with suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from deckgen.blocks import BLOCK_KINDS, KIND_NAMES
from deckgen.errors import Problem
from deckgen.source import PathKey, YamlDoc, follow

_FIELDS_BY_KIND = {
    name: tuple(kind.model_fields) for name, kind in zip(KIND_NAMES, BLOCK_KINDS, strict=True)
}


_PATTERN_HINTS = {
    "^[0-9A-Fa-f]{6}$": 'write a colour as six hex digits in quotes, e.g. "003B5C"',
    "^[a-z0-9æøå][a-z0-9æøå_-]*$": (
        "use lower-case letters, digits, '-' and '_' only, e.g. `vejen-videre`"
    ),
}


def close_match(word: str, choices: Iterable[str]) -> str:
    """`did you mean 'x'?` for the closest of `choices`, or empty."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else ""


def dotted(path: Sequence[str | int]) -> str:
    """A path as users read it: `slides[3].items[0]`."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def problems_from(
    errors: ValidationError | Iterable[Any],
    doc: YamlDoc,
    base: PathKey = (),
    model: type[BaseModel] | None = None,
) -> list[Problem]:
    """One problem per pydantic error, located in `doc` below `base`."""
    if isinstance(errors, ValidationError):
        errors = errors.errors(include_url=False)
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        written = _written_path(doc.data, base, loc, error["type"] == "missing")
        # A wrong kind is best shown on the `kind:` line itself.
        tail = ("kind",) if error["type"] == "union_tag_invalid" else ()
        location = doc.locate((*base, *loc, *tail), skip_tags=True)
        message, hint = _describe(error, doc, base, written, model)
        where = dotted((*base, *written))
        problems.append(Problem(location, f"{where}: {message}" if where else message, hint))
    return problems


def _written_path(data: Any, base: PathKey, loc: tuple[Any, ...], missing: bool) -> list[str | int]:
    """The steps of `loc` that exist in the file, plus the key that is `missing`."""
    node = _walk(data, base)
    found, target = follow(node, loc, skip_tags=True)
    path: list[str | int] = list(found)
    last = loc[-1] if loc else None
    if missing and isinstance(last, str) and isinstance(target, dict) and last not in target:
        path.append(last)
    return path


def _walk(data: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        data = data[step]
    return data


def _describe(
    error: Any,
    doc: YamlDoc,
    base: PathKey,
    written: list[str | int],
    model: type[BaseModel] | None,
) -> tuple[str, str]:
    kind = error["type"]
    if kind == "union_tag_invalid":
        tag = str(error["ctx"]["tag"])
        hint = close_match(tag, KIND_NAMES) or f"use one of: {', '.join(KIND_NAMES)}"
        return f"unknown block kind {tag!r}", hint
    if kind == "union_tag_not_found":
        return "the block has no 'kind'", f"add `kind:` with one of: {', '.join(KIND_NAMES)}"
    if kind == "extra_forbidden":
        field = str(written[-1]) if written else "?"
        allowed = _allowed_fields(_walk(doc.data, (*base, *written[:-1])), model, written)
        hint = close_match(field, allowed) or f"allowed fields: {', '.join(allowed)}"
        return f"unknown field {field!r}", hint
    if kind == "missing":
        field = str(error["loc"][-1])
        return f"required field {field!r} is missing", f"add `{field}: …`"
    if kind == "string_type" and isinstance(error.get("input"), dict):
        return (
            "expected text, but YAML read a `key: value` here",
            'text that contains ": " must be in quotes: "like: this"',
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{error['input']!r} is not a whole number", "write a number such as 15"
    if kind in ("bool_parsing", "bool_type"):
        return f"{error['input']!r} is not yes or no", "write true or false"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        limit = error["msg"].replace("Input should", "it must")
        return f"{error['input']!r} is out of range", limit
    if kind in ("string_too_short", "too_short"):
        return "must not be empty", "write the text, or remove the field"
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        hint = _PATTERN_HINTS.get(pattern, f"it must match the pattern {pattern}")
        return f"{error['input']!r} is not allowed here", hint
    return error["msg"].removeprefix("Value error, "), ""


def _allowed_fields(
    parent: Any, model: type[BaseModel] | None, written: list[str | int]
) -> tuple[str, ...]:
    if isinstance(parent, dict) and parent.get("kind") in _FIELDS_BY_KIND:
        return _FIELDS_BY_KIND[parent["kind"]]
    if model is not None and len(written) == 1:
        return tuple(model.model_fields)
    return tuple(sorted({name for fields in _FIELDS_BY_KIND.values() for name in fields}))
