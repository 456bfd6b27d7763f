"""Typed records read from YAML: the base of every model, and conversion that finds every problem.

msgspec turns a valid document into typed, frozen records in one fast call, which is what a
build does almost every time, and it costs a build's start-up next to nothing. It stops at the
first problem, though, and a user fixing a file wants all of them at once: so when conversion
fails, `explain` walks the types and the data together and lists every problem, each as a
`FieldError` that `deckgen.wording` turns into words. Before that, a second try reads the
values people write that msgspec does not (`yes`/`ja` for true, `05` for 5). These slower paths
run only for such input.

Every string is stripped of surrounding white space before conversion (YAML keeps it only in
quoted text and block scalars, where it is never meant), and text with a character that XML
cannot hold is refused wherever it stands, since every string ends up in the .pptx.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, dataclass_transform, get_args, get_origin

import msgspec

from deckgen.i18n import _

# XML 1.0 cannot hold these; PowerPoint refuses a file that has them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x85\u2029\ud800-\udfff\ufffe\uffff]")
"""Characters XML cannot hold (surrogates too, which YAML's `\\udce6` escape can make), and
two (next line, paragraph separator) the text shaper that measures a slide's text fails on."""


# Tells type checkers that subclasses are frozen and keyword-only too (msgspec passes both
# options down; without this, mypy takes each subclass for a mutable dataclass).
@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(msgspec.field,))
class Record(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    """A typed, immutable record read from a YAML file; unknown fields are refused. Dumped,
    it shows only what differs from the defaults, as a user would write it."""


class CheckedText(str):
    """Text with a rule of its own beyond length and pattern (e.g. a link); subclasses say
    what in `check`, which returns the value or raises ValueError with what to do."""

    @classmethod
    def check(cls, value: str) -> str:
        raise NotImplementedError

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """What JSON Schema can say of this text."""
        return {"type": "string"}


@dataclass(frozen=True)
class FieldError:
    """One problem with one value: what kind of problem, where below the converted value, and
    the details a message needs (the same vocabulary pydantic uses, which users never see)."""

    type: str
    loc: tuple[str | int, ...]
    msg: str = ""
    input: Any = None
    ctx: Mapping[str, Any] = field(default_factory=dict)


class Invalid(Exception):
    """Conversion failed; `errors` lists every problem found."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{list(e.loc)}: {e.type} {e.msg}" for e in errors))
        self.errors = errors


def xml_safe(value: str) -> str:
    """`value` unchanged, or ValueError if it holds a character XML cannot."""
    match = _XML_ILLEGAL.search(value)
    if match:
        raise ValueError(
            _(
                "contains the control character U+{code} at position {position}, which a "
                "slide cannot hold; delete it"
            ).format(position=match.start() + 1, code=f"{ord(match.group()):04X}")
        )
    return value


def convert(raw: Any, target: Any) -> Any:
    """`raw` (plain values from YAML) as `target`, a record type or any type msgspec knows.

    Raises `Invalid` with every problem found.
    """
    cleaned, problems = _clean(raw, ())
    if not problems:
        try:
            return msgspec.convert(cleaned, target, strict=False, dec_hook=_decode)
        except msgspec.ValidationError:
            pass
        eased = _ease(cleaned, target)
        try:
            return msgspec.convert(eased, target, strict=False, dec_hook=_decode)
        except msgspec.ValidationError:
            cleaned = eased
    # A value with a character XML cannot hold is reported once, for that character.
    bad = {problem.loc for problem in problems}
    found = [error for error in explain(cleaned, target) if _place(error) not in bad]
    raise Invalid([*problems, *found])


def dump(value: Any) -> Any:
    """A record as plain values (for hashing and listing): fields left at their default are
    left out, the `kind:` of a block is kept."""
    return msgspec.to_builtins(value, enc_hook=str)


def fields_of(record: type[msgspec.Struct]) -> dict[str, Any]:
    """The fields of `record` by the name YAML uses, with their types."""
    return {info.encode_name: info for info in msgspec.structs.fields(record)}


def records_in(annotation: Any) -> list[type[msgspec.Struct]]:
    """The record types an annotation can hold (`list[Point]`, `Text | Point`, …)."""
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return [annotation]
    return [found for arg in get_args(annotation) for found in records_in(arg)]


def _decode(target: type, value: Any) -> Any:
    if isinstance(target, type) and issubclass(target, CheckedText):
        if not isinstance(value, str):
            raise TypeError(f"Expected `str`, got `{type(value).__name__}`")
        return target(target.check(value))
    raise NotImplementedError(f"deckgen cannot read a {target!r}")


YES_WORDS = ("true", "yes", "y", "on", "t", "1", "ja", "j")
NO_WORDS = ("false", "no", "n", "off", "f", "0", "nej")
_YES_NO = {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)}
"""What people write for yes and no: YAML 1.1's words, and Danish (in any case)."""


def words_pattern(words: tuple[str, ...]) -> str:
    """A regular expression (as JSON Schema writes them: no flags) matching any of `words`
    in any case, with spaces around: how deckgen reads a yes or a no."""

    def caseless(word: str) -> str:
        return "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in word)

    return "^\\s*(" + "|".join(caseless(word) for word in words) + ")\\s*$"


_WHOLE = re.compile(r"[+-]?[0-9](?:_?[0-9])*")
"""A whole number as people write it: `15`, `05`, `+5`, `1_000`."""
_MOST_DIGITS = 100
"""More digits than this in a whole number: not a count deckgen has a use for."""


def _ease(value: Any, target: Any) -> Any:
    """`value` with yes/no words and zero-padded numbers turned into what the fields typed
    `bool` and `int` below `target` hold; msgspec reads only `true`/`false` and plain digits."""
    base, _, records, others = _parts(target)
    if records and isinstance(value, dict):
        record = _record_for(records, value)
        if record is None:
            return value
        known = fields_of(record)
        return {k: _ease(v, known[k].type) if k in known else v for k, v in value.items()}
    if len(others) == 1 and others[0] is not base:
        return _ease(value, others[0])
    origin = get_origin(base)
    if origin is list and isinstance(value, list):
        (item_type,) = get_args(base)
        return [_ease(item, item_type) for item in value]
    if origin is dict and isinstance(value, dict):
        value_type = get_args(base)[1]
        return {key: _ease(item, value_type) for key, item in value.items()}
    if isinstance(value, str) and base is bool:
        return _YES_NO.get(value.casefold(), value)
    if isinstance(value, str) and base is int and _WHOLE.fullmatch(value):
        # Leading zeros say nothing; a number of hundreds of digits is no count of anything
        # (and Python refuses to read one of over 4,300): it stays text, to be reported.
        sign, digits = value[:1] if value[:1] in "+-" else "", value.lstrip("+-")
        digits = digits.replace("_", "").lstrip("0") or "0"
        return int(sign + digits, 10) if len(digits) <= _MOST_DIGITS else value
    return value


def _record_for(records: list[type[msgspec.Struct]], value: dict[str, Any]) -> Any:
    """The record type among `records` that `value` is written as (by its tag, e.g. `kind:`),
    or None if its tag names none of them."""
    tag_field = records[0].__struct_config__.tag_field
    if tag_field is None or len(records) == 1:
        return records[0]
    tag = value.get(tag_field)
    tags = {kind.__struct_config__.tag: kind for kind in records}
    return tags.get(tag) if isinstance(tag, str) else None


def _place(error: FieldError) -> tuple[str | int, ...]:
    """Where the value an error is about is written: a wrong kind at its `kind:`."""
    if error.type == "union_tag_invalid":
        return (*error.loc, error.ctx["field"])
    return error.loc


def _clean(raw: Any, loc: tuple[str | int, ...]) -> tuple[Any, list[FieldError]]:
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return xml_safe(text), []
        except ValueError as exc:
            return text, [FieldError("value_error", loc, str(exc), text)]
    if isinstance(raw, list):
        pairs = [_clean(item, (*loc, index)) for index, item in enumerate(raw)]
        return [item for item, _ in pairs], [e for _, errors in pairs for e in errors]
    if isinstance(raw, dict):
        out, problems = {}, []
        for key, value in raw.items():
            out[key], found = _clean(value, (*loc, key))
            problems += found
        return out, problems
    return raw, []


def explain(value: Any, target: Any, loc: tuple[str | int, ...] = ()) -> list[FieldError]:
    """Every problem with `value` as `target`; empty if it converts."""
    try:
        msgspec.convert(value, target, strict=False, dec_hook=_decode)
        return []
    except msgspec.ValidationError as exc:
        first = _message(str(exc))
    base, meta, records, others = _parts(target)
    if records and isinstance(value, dict):
        return _explain_record(value, records, loc, first)
    if records and not others:
        return [FieldError("model_type", loc, first, value)]
    if len(others) == 1 and others[0] is not base:
        return explain(value, others[0], loc)
    texts = [other for other in others if _unwrap(other)[0] is str]
    if isinstance(value, str) and len(others) > 1 and len(texts) == 1:
        # Text given where text or a number may stand (`slide: "  "`): judged as the text.
        return explain(value, texts[0], loc)
    origin = get_origin(base)
    if origin is list and isinstance(value, list):
        (item_type,) = get_args(base)
        found = _length_errors(value, meta, loc, item=True)
        for index, item in enumerate(value):
            found += explain(item, item_type, (*loc, index))
        return found or [FieldError("value_error", loc, first, value)]
    if origin is dict and isinstance(value, dict):
        key_type, value_type = get_args(base)
        found = []
        for key, item in value.items():
            found += [replace(e, loc=(*loc, key)) for e in explain(key, key_type, ())]
            found += explain(item, value_type, (*loc, key))
        return found or [FieldError("value_error", loc, first, value)]
    return [_leaf(value, base, meta, loc, first)]


def _explain_record(
    value: dict[str, Any],
    records: list[type[msgspec.Struct]],
    loc: tuple[str | int, ...],
    first: str,
) -> list[FieldError]:
    tag_field = records[0].__struct_config__.tag_field
    record = _record_for(records, value)
    if record is None:
        assert tag_field is not None
        tag = value.get(tag_field)
        if tag_field not in value:
            return [FieldError("union_tag_not_found", loc, "", value, {"field": tag_field})]
        return [FieldError("union_tag_invalid", loc, "", value, {"tag": tag, "field": tag_field})]
    known = fields_of(record)
    found = [
        FieldError("extra_forbidden", (*loc, key), "", item)
        for key, item in value.items()
        if key not in known and key != tag_field
    ]
    found += [
        FieldError("missing", (*loc, name), "", value)
        for name, info in known.items()
        if info.required and name not in value
    ]
    for key, item in value.items():
        if key in known:
            found += explain(item, known[key].type, (*loc, key))
    # Every field is fine on its own, so a rule across fields (`__post_init__`) failed.
    return found or [FieldError("value_error", loc, first, value)]


def _leaf(
    value: Any, base: Any, meta: list[msgspec.Meta], loc: tuple[str | int, ...], first: str
) -> FieldError:
    origin = get_origin(base)
    if value is None:
        return FieldError("none_type", loc, first, None)
    if origin is Literal:
        expected = " or ".join(repr(choice) for choice in get_args(base))
        choices = [str(choice) for choice in get_args(base)]
        return FieldError(
            "literal_error", loc, first, value, {"expected": expected, "choices": choices}
        )
    if origin is list:
        return FieldError("list_type", loc, first, value)
    if origin is dict:
        return FieldError("dict_type", loc, first, value)
    if isinstance(base, type) and issubclass(base, msgspec.Struct):
        return FieldError("model_type", loc, first, value)
    if base is bool:
        return FieldError("bool_parsing", loc, first, value)
    if base in (int, float):
        return _number_error(value, base, meta, loc, first)
    if isinstance(base, type) and issubclass(base, str):
        if not isinstance(value, str):
            return FieldError("string_type", loc, first, value)
        errors = _length_errors(value, meta, loc, item=False)
        if errors:
            return errors[0]
        for rule in meta:
            if rule.pattern is not None and not re.search(rule.pattern, value):
                return FieldError(
                    "string_pattern_mismatch", loc, first, value, {"pattern": rule.pattern}
                )
    return FieldError("value_error", loc, first, value)


def _number_error(
    value: Any, base: type, meta: list[msgspec.Meta], loc: tuple[str | int, ...], first: str
) -> FieldError:
    try:
        number = msgspec.convert(value, float, strict=False)
    except msgspec.ValidationError:
        return FieldError("int_parsing" if base is int else "float_parsing", loc, first, value)
    if base is int and not float(number).is_integer():
        return FieldError("int_from_float", loc, first, value)
    bounds = {
        "ge": ("greater_than_equal", "greater than or equal to", lambda n, at: n >= at),
        "le": ("less_than_equal", "less than or equal to", lambda n, at: n <= at),
        "gt": ("greater_than", "greater than", lambda n, at: n > at),
        "lt": ("less_than", "less than", lambda n, at: n < at),
    }
    for rule in meta:
        for name, (kind, words, holds) in bounds.items():
            limit = getattr(rule, name)
            if limit is not None and not holds(number, limit):
                return FieldError(kind, loc, f"Input should be {words} {limit}", value)
    return FieldError("value_error", loc, first, value)


def _length_errors(
    value: Any, meta: list[msgspec.Meta], loc: tuple[str | int, ...], *, item: bool
) -> list[FieldError]:
    for rule in meta:
        if rule.min_length is not None and len(value) < rule.min_length:
            kind = "too_short" if item else "string_too_short"
            return [FieldError(kind, loc, "", value, {"min_length": rule.min_length})]
        if rule.max_length is not None and len(value) > rule.max_length:
            kind = "too_long" if item else "string_too_long"
            most = rule.max_length
            msg = _("must be at most {most} characters long").format(most=most) if not item else ""
            return [FieldError(kind, loc, msg, value, {"max_length": most})]
    return []


def _unwrap(target: Any) -> tuple[Any, list[msgspec.Meta]]:
    meta: list[msgspec.Meta] = []
    while get_origin(target) is Annotated:
        target, *extras = get_args(target)
        meta += [extra for extra in extras if isinstance(extra, msgspec.Meta)]
    return target, meta


def _parts(target: Any) -> tuple[Any, list[msgspec.Meta], list[Any], list[Any]]:
    """`target` without `Annotated`, its constraints, and the record types and other types it
    may be (`None` left out), as the walks over data and types need them."""
    base, meta = _unwrap(target)
    options = [arg for arg in _union_args(base) if arg is not NoneType]
    records = [arg for arg in options if isinstance(arg, type) and issubclass(arg, msgspec.Struct)]
    return base, meta, records, [arg for arg in options if arg not in records]


def _union_args(target: Any) -> tuple[Any, ...]:
    return get_args(target) if get_origin(target) in (Union, UnionType) else (target,)


def _message(text: str) -> str:
    """msgspec's message without its ` - at `$.path`` suffix (paths are reported apart)."""
    return re.sub(r" - at `\$[^`]*`$", "", text)
