"""JSON Schema of the file kinds (decks, blocks, themes, director profiles, the committee
register), with every field described by its docstring.

Field descriptions are written as attribute docstrings in the models (readable in the code)
and read from the source only here, when a schema is asked for.

The schemas are for editors (VS Code's YAML extension validates and completes a file as it is
typed), so they are written in JSON Schema draft-07, the draft that extension supports in full,
and they agree with deckgen: a value is judged as deckgen reads it. The extension reads YAML
1.2, where `true` is a yes/no, `2025` a number and `ja` text, while deckgen reads every value as
text and lets the field decide (`deckgen.record`); so a text field takes a number or a yes/no
as text too, a yes/no field takes `ja`/`nej`/`yes`/`no`…, and a whole number may be written in
quotes. Rules across fields (a picture needs alt text unless it is decorative) come from each
block kind's `json_rules`.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import textwrap
from functools import cache
from typing import Any

import msgspec

from deckgen.blocks import Block
from deckgen.fields import BlockId
from deckgen.models import BlockFile, DeckFile, SlideUse
from deckgen.record import NO_WORDS, YES_WORDS, CheckedText, fields_of, records_in, words_pattern

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
_REF = "#/$defs/{name}"


def json_schema(kind: str = "all") -> dict[str, Any]:
    """A JSON Schema (draft-07) for deck files (`deck`), block files (`blocks`), either
    (`all`), or theme files (`theme`). The tour's files (director profiles, the committee
    register) describe theirs with `record_schema` (`deckgen.tour`)."""
    if kind == "theme":
        schema = _theme_schema()
    elif kind in ("deck", "blocks"):
        schema = _described(DeckFile if kind == "deck" else BlockFile)
    else:
        deck, blocks = _described(DeckFile), _described(BlockFile)
        # One set of definitions for both: the two share every block kind.
        defs = {**deck.pop("$defs"), **blocks.pop("$defs")}
        schema = {
            "title": "deckgen file",
            "anyOf": [deck, blocks],
            "$defs": dict(sorted(defs.items())),
        }
    return for_editors(schema)


def for_editors(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (as msgspec writes it) as editors get it: draft-07, each value judged as
    deckgen reads it."""
    return _draft7({"$schema": SCHEMA_DIALECT, **_cleaned(_as_deckgen_reads(schema))})


def record_schema(
    root: type[msgspec.Struct], items: dict[str, type[msgspec.Struct]] | None = None
) -> dict[str, Any]:
    """The JSON Schema (draft-07, for editors) of the file kind `root`, every field described
    by its docstring; `items` names fields holding a list of loose mappings whose items are
    records (a profile file's `directors:`, each a `DirectorProfile`)."""
    items = items or {}
    _refs, defs = msgspec.json.schema_components(
        [root, *items.values()], schema_hook=_text_schema, ref_template=_REF
    )
    schema = defs.pop(root.__name__)
    for field, model in items.items():
        schema["properties"][field]["items"] = {"$ref": _REF.format(name=model.__name__)}
    for model in (root, *items.values()):
        definition = schema if model is root else defs.get(model.__name__, {})
        docs = attribute_docs(model)
        for field, prop in definition.get("properties", {}).items():
            if field in docs and "description" not in prop:
                prop["description"] = docs[field]
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return for_editors(schema)


def _cleaned(node: Any) -> Any:
    """`node` with every description cleaned as `inspect.cleandoc` does.

    msgspec copies a record's docstring into the schema, and how it trims the indentation
    differs between its releases (0.23 dedents, earlier ones did not): cleaning it here gives the
    same schema with every msgspec."""
    if isinstance(node, dict):
        return {
            key: inspect.cleandoc(value)
            if key == "description" and isinstance(value, str)
            else _cleaned(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_cleaned(item) for item in node]
    return node


def _described(root: type[msgspec.Struct]) -> dict[str, Any]:
    (block, block_id), defs = msgspec.json.schema_components(
        [Block, BlockId], schema_hook=_text_schema, ref_template=_REF
    )
    (schema,), root_defs = msgspec.json.schema_components(
        [root], schema_hook=_text_schema, ref_template=_REF
    )
    defs.update(root_defs)
    if root is DeckFile:
        # A slide is told apart by its form, which msgspec's unions cannot express.
        defs["SlideUse"] = _slide_use(block_id)
        defs["DeckFile"]["properties"]["slides"]["items"] = {
            "anyOf": [block_id, {"$ref": _REF.format(name="SlideUse")}, block]
        }
    schema = defs.pop(root.__name__)
    records = {model.__name__: model for model in _reachable(root)}
    for name, definition in [(root.__name__, schema), *defs.items()]:
        model = records.get(name)
        if model is None:
            continue
        docs = attribute_docs(model)
        for field, prop in definition.get("properties", {}).items():
            if field in docs and "description" not in prop:
                prop["description"] = docs[field]
    for kind in records_in(Block):
        rules = getattr(kind, "json_rules", None)
        name = kind.__name__
        if rules and name in defs:
            defs[name] = {**defs[name], **rules}
    used = _referenced(schema, defs)
    return {**schema, "$defs": {name: defs[name] for name in sorted(used)}}


YES_NO_PATTERN = words_pattern(YES_WORDS + NO_WORDS)
_WHOLE_PATTERN = "^\\s*[+-]?[0-9](_?[0-9])*\\s*$"
_SCALARS = ["string", "number", "boolean"]


def _as_deckgen_reads(node: Any) -> Any:
    """`node` (a schema) with each scalar type widened to the values deckgen reads as it: text
    from any scalar, yes/no from its words, a whole number from digits in quotes."""
    if isinstance(node, list):
        return [_as_deckgen_reads(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_deckgen_reads(value) for key, value in node.items()}
    kind = node.get("type")
    if kind == "boolean":
        rest = {k: v for k, v in node.items() if k != "type"}
        return {
            "anyOf": [
                {"type": "boolean"},
                {"enum": [0, 1]},
                {"type": "string", "pattern": YES_NO_PATTERN},
            ],
            **rest,
        }
    if kind == "integer":
        keep = {"description", "default", "title"}
        return {
            "anyOf": [
                {k: v for k, v in node.items() if k not in keep},
                {"type": "string", "pattern": _WHOLE_PATTERN},
            ],
            **{k: v for k, v in node.items() if k in keep},
        }
    if kind == "string" and "enum" not in node and "const" not in node:
        return {**node, "type": _SCALARS}
    return node


def _draft7(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` in draft-07's words: definitions under `definitions`, not `$defs`."""
    text = json.dumps(schema, ensure_ascii=False).replace('"#/$defs/', '"#/definitions/')
    result: dict[str, Any] = json.loads(text)

    def rename(node: Any) -> None:
        if isinstance(node, dict):
            if "$defs" in node:
                node["definitions"] = node.pop("$defs")
            for value in node.values():
                rename(value)
        elif isinstance(node, list):
            for item in node:
                rename(item)

    rename(result)
    return result


def _theme_schema() -> dict[str, Any]:
    from deckgen.theme import ThemeFile

    (schema,), defs = msgspec.json.schema_components(
        [ThemeFile], schema_hook=_text_schema, ref_template=_REF
    )
    schema = defs.pop(ThemeFile.__name__)
    records = {model.__name__: model for model in _reachable(ThemeFile, with_blocks=False)}
    for name, definition in [(ThemeFile.__name__, schema), *defs.items()]:
        docs = attribute_docs(records[name]) if name in records else {}
        for field, prop in definition.get("properties", {}).items():
            if field in docs and "description" not in prop:
                prop["description"] = docs[field]
    return {**schema, "$defs": dict(sorted(defs.items()))}


def _text_schema(kind: type) -> dict[str, Any]:
    if isinstance(kind, type) and issubclass(kind, CheckedText):
        return kind.json_schema()
    raise NotImplementedError(kind)


def _slide_use(block_id: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "SlideUse",
        "description": inspect.cleandoc(SlideUse.__doc__ or ""),
        "type": "object",
        "properties": {"use": {**block_id, "description": attribute_docs(SlideUse)["use"]}},
        "required": ["use"],
        "additionalProperties": True,
    }


def _referenced(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    """The names of the definitions `schema` refers to, directly or through others."""
    found: set[str] = set()
    pending: list[Any] = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in found and name in defs:
                    found.add(name)
                    pending.append(defs[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def _reachable(
    root: type[msgspec.Struct], *, with_blocks: bool = True
) -> list[type[msgspec.Struct]]:
    seen: list[type[msgspec.Struct]] = []
    pending: list[type[msgspec.Struct]] = (
        [root, *records_in(Block), SlideUse] if with_blocks else [root]
    )
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in fields_of(model).values():
            pending.extend(records_in(info.type))
    return seen


@cache
def attribute_docs(model: type[msgspec.Struct]) -> dict[str, str]:
    """The docstring written under each field of `model` and of the models it extends."""
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, msgspec.Struct)):
            continue
        if klass.__module__.startswith("msgspec"):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, following in itertools.pairwise(body):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs
