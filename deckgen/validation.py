"""Turn pydantic's validation errors into located, friendly problems with suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from deckgen.blocks import BLOCK_KINDS, KIND_NAMES
from deckgen.blocks.fields import HEX_COLOR_PATTERN, ID_PATTERN
from deckgen.errors import Problem
from deckgen.source import PathKey, YamlDoc, follow

_FIELDS_BY_KIND = {
    name: tuple(kind.model_fields) for name, kind in zip(KIND_NAMES, BLOCK_KINDS, strict=True)
}


_PATTERN_HINTS = {
    HEX_COLOR_PATTERN: 'write a colour as six hex digits in quotes, e.g. "003B5C"',
    ID_PATTERN: "use lower-case letters, digits, '-' and '_' only, e.g. `vejen-videre`",
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
        message, hint = _describe(error, _Context(doc, base, written, model))
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


@dataclass(frozen=True)
class _Context:
    """What a message needs beyond the error itself: where in which file, under which model."""

    doc: YamlDoc
    base: PathKey
    written: list[str | int]
    model: type[BaseModel] | None


def _describe(error: Any, context: _Context) -> tuple[str, str]:
    """The message and hint for one pydantic error, in the words of someone writing YAML."""
    if error.get("input", 0) is None and error["type"] != "missing":
        return "is empty", "write a value, or remove the line"
    handler = _HANDLERS.get(error["type"])
    if handler is not None:
        return handler(error, context)
    return error["msg"].removeprefix("Value error, "), ""


def _unknown_kind(error: Any, _context: _Context) -> tuple[str, str]:
    tag = str(error["ctx"]["tag"])
    return f"unknown block kind {tag!r}", close_match(tag, KIND_NAMES) or _KINDS_HINT


def _no_kind(_error: Any, _context: _Context) -> tuple[str, str]:
    return "the block has no 'kind'", f"add `kind:` with one of: {', '.join(KIND_NAMES)}"


def _unknown_field(_error: Any, context: _Context) -> tuple[str, str]:
    written = context.written
    field = str(written[-1]) if written else "?"
    parent = _walk(context.doc.data, (*context.base, *written[:-1]))
    allowed = _allowed_fields(parent, context.model, written)
    hint = close_match(field, allowed) or f"allowed fields: {', '.join(allowed)}"
    return f"unknown field {field!r}", hint


def _missing(error: Any, _context: _Context) -> tuple[str, str]:
    field = str(error["loc"][-1])
    return f"required field {field!r} is missing", f"add `{field}: …`"


def _not_text(error: Any, _context: _Context) -> tuple[str, str]:
    if isinstance(error.get("input"), dict):
        return (
            "expected text, but YAML read a `key: value` here",
            'text that contains ": " must be in quotes: "like: this"',
        )
    return f"expected text, not {type(error.get('input')).__name__}", "write the text"


def _not_whole(error: Any, _context: _Context) -> tuple[str, str]:
    return f"{error['input']!r} is not a whole number", "write a number such as 15"


def _not_bool(error: Any, _context: _Context) -> tuple[str, str]:
    return f"{error['input']!r} is not yes or no", "write true or false"


def _out_of_range(error: Any, _context: _Context) -> tuple[str, str]:
    return f"{error['input']!r} is out of range", error["msg"].replace("Input should", "it must")


def _empty_text(_error: Any, _context: _Context) -> tuple[str, str]:
    return "must not be empty", "write the text, or remove the field"


def _too_few(error: Any, _context: _Context) -> tuple[str, str]:
    least = error.get("ctx", {}).get("min_length", 1)
    return f"needs at least {least} item{'s' if least != 1 else ''}", "add items under it"


def _too_many(error: Any, _context: _Context) -> tuple[str, str]:
    most = error.get("ctx", {}).get("max_length")
    return f"has more than {most} items", "shorten the list or split the block"


def _bad_pattern(error: Any, _context: _Context) -> tuple[str, str]:
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    hint = _PATTERN_HINTS.get(pattern, f"it must match the pattern {pattern}")
    return f"{error['input']!r} is not allowed here", hint


def _not_mapping(_error: Any, _context: _Context) -> tuple[str, str]:
    return "expected fields (`name: value` lines) here", "indent the fields under this line"


_KINDS_HINT = f"use one of: {', '.join(KIND_NAMES)}"
_HANDLERS: dict[str, Callable[[Any, _Context], tuple[str, str]]] = {
    "union_tag_invalid": _unknown_kind,
    "union_tag_not_found": _no_kind,
    "extra_forbidden": _unknown_field,
    "missing": _missing,
    "string_type": _not_text,
    "int_parsing": _not_whole,
    "int_type": _not_whole,
    "int_from_float": _not_whole,
    "bool_parsing": _not_bool,
    "bool_type": _not_bool,
    "less_than_equal": _out_of_range,
    "greater_than_equal": _out_of_range,
    "less_than": _out_of_range,
    "greater_than": _out_of_range,
    "string_too_short": _empty_text,
    "too_short": _too_few,
    "too_long": _too_many,
    "string_pattern_mismatch": _bad_pattern,
    "model_type": _not_mapping,
    "model_attributes_type": _not_mapping,
    "dict_type": _not_mapping,
}


def _nested_fields() -> dict[str, tuple[str, ...]]:
    """Fields of the models nested under each field name (e.g. `items` → Point's fields)."""
    found: dict[str, set[str]] = {}

    def visit(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            for nested in _models_in(info.annotation):
                if name not in found or not set(nested.model_fields) <= found[name]:
                    found.setdefault(name, set()).update(nested.model_fields)
                    visit(nested)

    for kind in BLOCK_KINDS:
        visit(kind)
    return {name: tuple(sorted(fields)) for name, fields in found.items()}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


_FIELDS_UNDER = _nested_fields()


def _allowed_fields(
    parent: Any, model: type[BaseModel] | None, written: list[str | int]
) -> tuple[str, ...]:
    if isinstance(parent, dict) and parent.get("kind") in _FIELDS_BY_KIND:
        return _FIELDS_BY_KIND[parent["kind"]]
    if model is not None and len(written) == 1:
        return tuple(model.model_fields)
    owner = next((step for step in reversed(written[:-1]) if isinstance(step, str)), None)
    if owner in _FIELDS_UNDER:
        return _FIELDS_UNDER[owner]
    return tuple(sorted({name for fields in _FIELDS_BY_KIND.values() for name in fields}))
