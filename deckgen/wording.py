"""Turn conversion errors (`deckgen.record.FieldError`) into located, friendly problems with
suggestions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from msgspec import Struct

from deckgen.blocks import BLOCK_KINDS, KIND_NAMES
from deckgen.errors import Problem, close_match
from deckgen.fields import HEX_COLOR_PATTERN, ID_PATTERN, THEME_COLOR_PATTERN
from deckgen.i18n import N_, _, grouped, ngettext
from deckgen.models import VARIABLE_PATTERN
from deckgen.record import FieldError, fields_of, records_in
from deckgen.source import PathKey, YamlDoc, follow

_KIND_CLASSES = dict(zip(KIND_NAMES, BLOCK_KINDS, strict=True))


@cache
def _every_field_name() -> tuple[str, ...]:
    """Every field name of every block kind, `kind` included, sorted.

    Made the first time a message needs it, not on import: reading each kind's fields
    resolves their type annotations, which a build that goes well never needs."""
    return tuple(sorted({"kind", *(name for kind in BLOCK_KINDS for name in fields_of(kind))}))


_PATTERN_HINTS = {
    HEX_COLOR_PATTERN: N_('write a colour as six hex digits in quotes, e.g. "003B5C"'),
    THEME_COLOR_PATTERN: N_(
        'write a colour as six hex digits in quotes, e.g. "003B5C", or one of the '
        'template\'s colour scheme, e.g. "scheme:accent1"'
    ),
    ID_PATTERN: N_("use lower-case letters, digits, '-' and '_' only, e.g. `vejen-videre`"),
    VARIABLE_PATTERN: N_("a variable's name is letters, digits and '_', e.g. `dato` or `omu_navn`"),
}


DANISH_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "titel": ("title",),
    "overskrift": ("title", "headline", "heading"),
    "undertitel": ("subtitle",),
    "underrubrik": ("subtitle",),
    "detaljer": ("details", "detail"),
    "detalje": ("detail", "details"),
    "tekst": ("text",),
    "udsagn": ("text",),
    "punkter": ("items",),
    "punkt": ("items",),
    "underpunkter": ("items",),
    "principper": ("items",),
    "situationer": ("items",),
    "indledning": ("lead",),
    "intro": ("lead",),
    "konklusion": ("conclusion",),
    "afrunding": ("conclusion",),
    "kilde": ("source", "attribution"),
    "citat": ("attribution",),
    "spørgsmål": ("question",),
    "spoergsmaal": ("question",),
    "etiket": ("label",),
    "mærkat": ("label",),
    "minutter": ("minutes",),
    "tid": ("minutes",),
    "lokalt_eksempel": ("local_example",),
    "eksempel": ("local_example",),
    "linjer": ("lines",),
    "lag": ("layers",),
    "midte": ("centre",),
    "centrum": ("centre",),
    "center": ("centre",),
    "sider": ("sides",),
    "arenaer": ("arenas",),
    "grupper": ("groups",),
    "alt_tekst": ("alt_text", "code_alt_text"),
    "alttekst": ("alt_text", "code_alt_text"),
    "alternativ_tekst": ("alt_text", "code_alt_text"),
    "billede": ("file",),
    "fil": ("file",),
    "tilpasning": ("mode",),
    "dekorativ": ("decorative",),
    "pynt": ("decorative",),
    "billedtekst": ("caption",),
    "kredit": ("credit",),
    "fotograf": ("credit",),
    "foto": ("credit",),
    "linktekst": ("link_text",),
    "link_tekst": ("link_text",),
    "dias": ("slide", "slides"),
    "behold": ("keep",),
    "noter": ("notes",),
    "talenoter": ("notes",),
    "speakernoter": ("notes",),
    "emner": ("tags",),
    "emneord": ("tags",),
    "mærker": ("tags",),
    "forfatter": ("author",),
    "ejer": ("author",),
    "direktør": ("author",),
    "slags": ("kind",),
    "type": ("kind",),
    "art": ("kind",),
    "tilstand": ("status",),
    "navn": ("name",),
    "stilling": ("title",),
    "signatur": ("signature",),
    "blokke": ("blocks",),
    "præsentation": ("deck",),
    "variabler": ("variables",),
    "tema": ("theme",),
    "bibliotek": ("library",),
    "sidefod": ("footer",),
    "emne": ("subject",),
    "nøgleord": ("keywords",),
    "udvalg": ("committees",),
}
"""The Danish names people try for deckgen's (English) field names, and the fields they mean:
an unknown field written in Danish is answered with the field to write instead."""

DANISH_KIND_NAMES: dict[str, str] = {
    "titel": "title",
    "forside": "title",
    "afsnit": "section",
    "udsagn": "statement",
    "punkter": "bullets",
    "punktliste": "bullets",
    "principper": "principles",
    "dialog": "dialogue",
    "situationer": "situations",
    "afslutning": "closing",
    "arenamodel": "arena_model",
    "arenaer": "arena_model",
    "billede": "image",
    "opfordring": "call_to_action",
    "link": "call_to_action",
    "dias": "slide",
}
"""The Danish names people try for the block kinds, and the kind each means."""


def danish_field(field: str, allowed: Iterable[str]) -> str:
    """The field of `allowed` that the Danish name `field` means, or empty."""
    key = "_".join(field.replace("-", " ").split()).casefold()
    choices = set(allowed)
    return next((name for name in DANISH_FIELD_NAMES.get(key, ()) if name in choices), "")


def dotted(path: Sequence[str | int], data: Any = None) -> str:
    """A path in the words of the one who wrote the file: `block 'vejen-videre', item 1, text`
    for `blocks[0].items[0].text` (a block by its id, a slide and a list item by number)."""
    words: list[str] = []
    node = data
    steps = list(path)
    for i, step in enumerate(steps):
        following = steps[i + 1] if i + 1 < len(steps) else None
        if isinstance(step, str) and isinstance(following, int):
            pass  # said with the number that follows
        elif isinstance(step, int):
            before = steps[i - 1] if i else None
            words.append(_numbered(before, step, _child(node, step)))
        else:
            name = step if len(step) <= SHOWN_CHARS else step[: SHOWN_CHARS - 1] + "…"
            # A field inside a field reads as YAML writes it: `colors.accent`.
            if i and isinstance(steps[i - 1], str) and words:
                words[-1] += f".{name}"
            else:
                words.append(name)
        node = _child(node, step)
    return ", ".join(words)


def _numbered(field: object, index: int, node: Any) -> str:
    """The `index`th entry of the list `field`, as a user counts it."""
    if field == "blocks":
        block_id = node.get("id") if isinstance(node, dict) else None
        if isinstance(block_id, str):
            return _("block {name}").format(name=shown(block_id))
        return _("block {number}").format(number=index + 1)
    if field == "slides":
        return _("slide {number}").format(number=index + 1)
    if field == "tags":
        return _("tag {number}").format(number=index + 1)
    if field == "directors":
        director = node.get("id") if isinstance(node, dict) else None
        if isinstance(director, str):
            return _("director {name}").format(name=shown(director))
        return _("director {number}").format(number=index + 1)
    return _("item {number}").format(number=index + 1)


def _child(node: Any, step: str | int) -> Any:
    try:
        return node[step]
    except (KeyError, IndexError, TypeError):
        return None


def problems_from(
    errors: Iterable[FieldError],
    doc: YamlDoc,
    base: PathKey = (),
    model: type[Struct] | None = None,
) -> list[Problem]:
    """One problem per conversion error, located in `doc` below `base`."""
    problems = []
    for error in _without_echoes(list(errors)):
        loc = error.loc
        written = _written_path(doc.data, base, loc, error.type == "missing")
        # A wrong kind is best shown on the `kind:` line itself.
        tail = ("kind",) if error.type == "union_tag_invalid" else ()
        location = doc.locate((*base, *loc, *tail))
        message, hint = _describe(error, _Context(doc, base, written, model))
        where = dotted((*base, *written), doc.data)
        problems.append(Problem(location, f"{where}: {message}" if where else message, hint))
    return problems


def _without_echoes(errors: list[FieldError]) -> list[FieldError]:
    """Drop "required field missing" errors that another error already explains: a misspelled
    field (`itmes` for `items`), or text that YAML read as a field because of its ': '."""
    unknown = [e for e in errors if e.type == "extra_forbidden" and e.loc]
    explained = set()
    for error in unknown:
        key, parent = str(error.loc[-1]), error.loc[:-1]
        for other in errors:
            if other.type != "missing" or other.loc[:-1] != parent:
                continue
            missing = str(other.loc[-1])
            if _reads_as_text(key) or close_match(key, [missing]) or danish_field(key, [missing]):
                explained.add(id(other))
    return [error for error in errors if id(error) not in explained]


def _reads_as_text(key: str) -> bool:
    """A "field name" with spaces is text that YAML split at its ': '."""
    return " " in key.strip()


def _written_path(data: Any, base: PathKey, loc: tuple[Any, ...], missing: bool) -> list[str | int]:
    """The steps of `loc` that exist in the file, plus the key that is `missing`."""
    node = _walk(data, base)
    found, target = follow(node, loc)
    path: list[str | int] = list(found)
    last = loc[-1] if loc else None
    if missing and isinstance(last, str) and isinstance(target, dict) and last not in target:
        path.append(last)
    return path


def _walk(data: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        data = data[step]
    return data


class _Context(Struct, frozen=True):
    """What a message needs beyond the error itself: where in which file, under which model."""

    doc: YamlDoc
    base: PathKey
    written: list[str | int]
    model: type[Struct] | None


def _describe(error: FieldError, context: _Context) -> tuple[str, str]:
    """The message and hint for one conversion error, in the words of someone writing YAML."""
    if error.input is None and error.type != "missing":
        return _("is empty"), _("write a value, or remove the line")
    handler = _HANDLERS.get(error.type)
    if handler is not None:
        return handler(error, context)
    if _MSGSPEC_WORDS.match(error.msg):
        # msgspec's own English ("Expected `int`, got `str`"): never shown as it is.
        return _("{shown} is not a value this field takes").format(shown=shown(error.input)), ""
    return error.msg, ""


_MSGSPEC_WORDS = re.compile(r"^(Expected |Object |Invalid |Input should |Extra )")
"""How msgspec's own messages begin; ours (a rule of a record, in `_()`) never do."""


def _unknown_kind(error: FieldError, _context: _Context) -> tuple[str, str]:
    tag = str(error.ctx["tag"])
    danish = DANISH_KIND_NAMES.get(tag.strip().casefold())
    hint = (
        _("the kinds have English names: write `kind: {kind}`").format(kind=danish)
        if danish
        else close_match(tag, KIND_NAMES) or _(_KINDS_HINT).format(kinds=", ".join(KIND_NAMES))
    )
    return _("unknown block kind {shown}").format(shown=shown(tag)), hint


def _no_kind(_error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("the block has no 'kind'"), _("add `kind:` with one of: {join}").format(
        join=", ".join(KIND_NAMES)
    )


def _unknown_field(_error: FieldError, context: _Context) -> tuple[str, str]:
    written = context.written
    field = str(written[-1]) if written else "?"
    if _reads_as_text(field):
        return (
            _("YAML read {shown} as a field name because of the ': ' after it").format(
                shown=shown(field)
            ),
            _('put the whole text in quotes: "like: this"'),
        )
    allowed = _allowed_fields(context)
    danish = danish_field(field, allowed)
    if danish:
        return _("unknown field {shown}").format(shown=shown(field)), _(
            "the fields have English names: write `{name}:` instead"
        ).format(name=danish)
    suggestion = close_match(field, [name for name in allowed if name != field])
    return _("unknown field {shown}").format(shown=shown(field)), suggestion or _(
        "the fields allowed here: {fields}"
    ).format(fields=", ".join(allowed))


def _missing(error: FieldError, _context: _Context) -> tuple[str, str]:
    field = str(error.loc[-1])
    return _("required field {field} is missing").format(field=repr(field)), _(
        "add `{field}: …`"
    ).format(field=field)


def _not_text(error: FieldError, _context: _Context) -> tuple[str, str]:
    if isinstance(error.input, dict):
        return (
            _("expected text, but YAML read a `key: value` here"),
            _('text that contains ": " must be in quotes: "like: this"'),
        )
    return _("expected text, not {name__}").format(name__=type(error.input).__name__), _(
        "write the text"
    )


def _not_whole(error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("{shown} is not a whole number").format(shown=shown(error.input)), _(
        "write a number such as 15"
    )


def _not_number(error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("{shown} is not a number").format(shown=shown(error.input)), _(
        "write a number such as 12.5"
    )


def _not_bool(error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("{shown} is not yes or no").format(shown=shown(error.input)), _("write true or false")


def _out_of_range(error: FieldError, _context: _Context) -> tuple[str, str]:
    limit = error.msg.rsplit(" ", 1)[-1]
    hint = {
        "greater_than_equal": _("it must be greater than or equal to {limit}"),
        "less_than_equal": _("it must be less than or equal to {limit}"),
        "greater_than": _("it must be greater than {limit}"),
        "less_than": _("it must be less than {limit}"),
    }[error.type]
    return _("{shown} is out of range").format(shown=shown(error.input)), hint.format(limit=limit)


def _empty_text(_error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("must not be empty"), _("write the text, or remove the field")


def _too_few(error: FieldError, _context: _Context) -> tuple[str, str]:
    least = error.ctx.get("min_length", 1)
    return ngettext("needs at least {least} item", "needs at least {least} items", least).format(
        least=least
    ), _("add items under it")


def _too_many(error: FieldError, _context: _Context) -> tuple[str, str]:
    most = error.ctx.get("max_length")
    return _("has more than {most} items").format(most=most), _(
        "shorten the list or split the block"
    )


def _bad_pattern(error: FieldError, context: _Context) -> tuple[str, str]:
    pattern = str(error.ctx.get("pattern", ""))
    if pattern == ID_PATTERN and " - " in str(error.input):
        return (
            _(
                "{shown} reads as ids run together: a '- ' line is indented under the one above"
            ).format(shown=shown(error.input)),
            _("put every `- id` of the list in the same column"),
        )
    written = str(error.input)
    is_tag = "tags" in context.written
    if pattern == ID_PATTERN and is_tag:
        lower = "-".join(written.casefold().split())
        fix = (
            _("write it as {tag}").format(tag=repr(lower))
            if re.fullmatch(ID_PATTERN, lower)
            else _(_PATTERN_HINTS[ID_PATTERN])
        )
        return (
            _("the tag {shown} cannot be used: a tag is written in small letters").format(
                shown=shown(error.input)
            ),
            _("{fix}; a tag is one word or words joined by '-', e.g. `vejen-videre`").format(
                fix=fix
            ),
        )
    if pattern == ID_PATTERN and re.fullmatch(ID_PATTERN, written.casefold()):
        return (
            _("{shown} is not allowed here: an id is written in small letters").format(
                shown=shown(error.input)
            ),
            _("write it as {id}").format(id=repr(written.casefold())),
        )
    hint = (
        _(_PATTERN_HINTS[pattern])
        if pattern in _PATTERN_HINTS
        else _("it must match the pattern {pattern}").format(pattern=pattern)
    )
    return _("{shown} is not allowed here").format(shown=shown(error.input)), hint


def _not_list(_error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("expected a list here"), _("write it as [a, b] or as one `- item` per line under it")


def _not_choice(error: FieldError, _context: _Context) -> tuple[str, str]:
    listed = error.ctx.get("choices")
    if isinstance(listed, list) and listed:
        # "fit or fill" in the user's language ("fit eller fill"), not the English "or".
        *rest, last = [str(choice) for choice in listed]
        choices = f"{', '.join(rest)}{_(' or ')}{last}" if rest else last
    else:
        choices = str(error.ctx.get("expected", "")).replace("'", "")
    return _("{shown} is not one of the choices").format(shown=shown(error.input)), _(
        "write one of: {choices}"
    ).format(choices=choices)


def _not_mapping(_error: FieldError, _context: _Context) -> tuple[str, str]:
    return _("expected fields (`name: value` lines) here"), _("indent the fields under this line")


_KINDS_HINT = N_("use one of: {kinds}")
_HANDLERS: dict[str, Callable[[FieldError, _Context], tuple[str, str]]] = {
    "union_tag_invalid": _unknown_kind,
    "union_tag_not_found": _no_kind,
    "extra_forbidden": _unknown_field,
    "missing": _missing,
    "string_type": _not_text,
    "int_parsing": _not_whole,
    "int_from_float": _not_whole,
    "float_parsing": _not_number,
    "bool_parsing": _not_bool,
    "less_than_equal": _out_of_range,
    "greater_than_equal": _out_of_range,
    "greater_than": _out_of_range,
    "less_than": _out_of_range,
    "string_too_short": _empty_text,
    "too_short": _too_few,
    "too_long": _too_many,
    "string_pattern_mismatch": _bad_pattern,
    "list_type": _not_list,
    "literal_error": _not_choice,
    "model_type": _not_mapping,
    "dict_type": _not_mapping,
}


def _allowed_fields(context: _Context) -> tuple[str, ...]:
    """The fields allowed where the unknown one stands: those of the model at that place, found
    by walking down from the file's model or from the block kind along the path (a bullet
    point's, a principle's, an arena's, a theme's font files')."""
    node: Any = context.doc.data
    for step in context.base:
        node = node[step]
    models = _kind_of(node) or ([context.model] if context.model is not None else [])
    for step in context.written[:-1]:
        node = node[step]
        kind = _kind_of(node)
        if kind:
            models = kind
        elif isinstance(step, str):
            models = [
                nested
                for model in models
                if step in fields_of(model)
                for nested in records_in(fields_of(model)[step].type)
            ]
    if models:
        return tuple(sorted({name for model in models for name in _field_names(model)}))
    return _every_field_name()


def _kind_of(node: Any) -> list[type[Struct]]:
    """The block kind `node` is written as, if it is a block with a known `kind:`."""
    kind = node.get("kind") if isinstance(node, dict) else None
    return [_KIND_CLASSES[kind]] if isinstance(kind, str) and kind in _KIND_CLASSES else []


def _field_names(model: type[Struct]) -> tuple[str, ...]:
    """The names a user may write in `model`, its `kind:` included if it is a block kind."""
    names = tuple(fields_of(model))
    return ("kind", *names) if model.__struct_config__.tag_field else names


SHOWN_CHARS = 60


def shown(value: object) -> str:
    """`value` as a message quotes it: in full when short, else its start and its length."""
    text = repr(value)
    if len(text) <= SHOWN_CHARS:
        return text
    count = len(str(value))
    length = ngettext("{count} character", "{count} characters", count).format(count=grouped(count))
    return f"{text[: SHOWN_CHARS - 10]}…' ({length})"
