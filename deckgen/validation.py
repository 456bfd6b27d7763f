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

_KIND_CLASSES = dict(zip(KIND_NAMES, BLOCK_KINDS, strict=True))
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
    for error in _without_echoes(list(errors)):
        loc = tuple(error["loc"])
        written = _written_path(doc.data, base, loc, error["type"] == "missing")
        # A wrong kind is best shown on the `kind:` line itself.
        tail = ("kind",) if error["type"] == "union_tag_invalid" else ()
        location = doc.locate((*base, *loc, *tail), skip_tags=True)
        message, hint = _describe(error, _Context(doc, base, written, model))
        where = dotted((*base, *written))
        problems.append(Problem(location, f"{where}: {message}" if where else message, hint))
    return problems


def _without_echoes(errors: list[Any]) -> list[Any]:
    """Drop "required field missing" errors that another error already explains: a misspelled
    field (`itmes` for `items`), or text that YAML read as a field because of its ': '."""
    unknown = [e for e in errors if e["type"] == "extra_forbidden" and e["loc"]]
    explained = set()
    for error in unknown:
        key, parent = str(error["loc"][-1]), tuple(error["loc"][:-1])
        for other in errors:
            if other["type"] != "missing" or tuple(other["loc"][:-1]) != parent:
                continue
            if _reads_as_text(key) or close_match(key, [str(other["loc"][-1])]):
                explained.add(id(other))
    return [error for error in errors if id(error) not in explained]


def _reads_as_text(key: str) -> bool:
    """A "field name" with spaces is text that YAML split at its ': '."""
    return " " in key.strip()


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
    if _reads_as_text(field):
        return (
            f"YAML read {field!r} as a field name because of the ': ' after it",
            'put the whole text in quotes: "like: this"',
        )
    allowed = _allowed_fields(context)
    suggestion = close_match(field, [name for name in allowed if name != field])
    return f"unknown field {field!r}", suggestion or f"allowed here: {', '.join(allowed)}"


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
    if pattern == ID_PATTERN and " - " in str(error["input"]):
        return (
            f"{error['input']!r} reads as ids run together: a '- ' line is indented under the one"
            " above",
            "put every `- id` of the list in the same column",
        )
    hint = _PATTERN_HINTS.get(pattern, f"it must match the pattern {pattern}")
    return f"{error['input']!r} is not allowed here", hint


def _not_list(_error: Any, _context: _Context) -> tuple[str, str]:
    return "expected a list here", "write it as [a, b] or as one `- item` per line under it"


def _not_choice(error: Any, _context: _Context) -> tuple[str, str]:
    choices = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
    return f"{error.get('input')!r} is not one of the choices", f"write one of: {choices}"


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
    "list_type": _not_list,
    "literal_error": _not_choice,
    "model_type": _not_mapping,
    "model_attributes_type": _not_mapping,
    "dict_type": _not_mapping,
}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def _allowed_fields(context: _Context) -> tuple[str, ...]:
    """The fields allowed where the unknown one stands: the block kind's, or those of the
    model nested under it along the path (a bullet point's, a principle's, an arena's)."""
    path = (*context.base, *context.written[:-1])
    node: Any = context.doc.data
    models: list[type[BaseModel]] = []
    for step in path:
        node = node[step]
        if isinstance(node, dict) and node.get("kind") in _KIND_CLASSES:
            models = [_KIND_CLASSES[node["kind"]]]
        elif models and isinstance(step, str):
            models = [
                nested
                for model in models
                if step in model.model_fields
                for nested in _models_in(model.model_fields[step].annotation)
            ]
    if models:
        return tuple(sorted({name for model in models for name in model.model_fields}))
    if context.model is not None and len(context.written) == 1:
        return tuple(context.model.model_fields)
    return tuple(sorted({name for fields in _FIELDS_BY_KIND.values() for name in fields}))
