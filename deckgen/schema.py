"""JSON Schema of the file kinds (decks, blocks, themes), with every field described by its
docstring.

Field descriptions are written as attribute docstrings in the models (readable in the code)
and read from the source only here, when a schema is asked for.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any

import msgspec

from deckgen.blocks import Block
from deckgen.blocks.fields import BlockId
from deckgen.models import BlockFile, DeckFile, SlideUse
from deckgen.record import CheckedText, fields_of, records_in

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_REF = "#/$defs/{name}"


def json_schema(kind: str = "all") -> dict[str, Any]:
    """A JSON Schema for deck files (`deck`), block files (`blocks`), either (`all`), or theme
    files (`theme`)."""
    if kind == "theme":
        return {"$schema": SCHEMA_DIALECT, **_cleaned(_theme_schema())}
    schemas = {"deck": _described(DeckFile), "blocks": _described(BlockFile)}
    if kind in schemas:
        schema = schemas[kind]
    else:
        schema = {"title": "deckgen file", "anyOf": [schemas["deck"], schemas["blocks"]]}
    return {"$schema": SCHEMA_DIALECT, **_cleaned(schema)}


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
    used = _referenced(schema, defs)
    return {**schema, "$defs": {name: defs[name] for name in sorted(used)}}


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
