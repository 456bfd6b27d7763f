"""JSON Schema of the two file kinds, with every field described by its docstring.

Field descriptions are written as attribute docstrings in the models (readable in the code)
and read from the source only here, when a schema is asked for: having pydantic read them at
import time would cost every build a tenth of its start-up.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from deckgen.models import BlockFile, DeckFile

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str = "all") -> dict[str, Any]:
    """A JSON Schema for deck files (`deck`), block files (`blocks`), or either (`all`)."""
    schemas = {"deck": _described(DeckFile), "blocks": _described(BlockFile)}
    if kind in schemas:
        schema = schemas[kind]
    else:
        schema = {"title": "deckgen file", "anyOf": [schemas["deck"], schemas["blocks"]]}
    return {"$schema": SCHEMA_DIALECT, **schema}


def _described(root: type[BaseModel]) -> dict[str, Any]:
    schema = root.model_json_schema()
    models = {model.__name__: model for model in _reachable(root)}
    for name, definition in [(root.__name__, schema), *schema.get("$defs", {}).items()]:
        model = models.get(name)
        if model is None:
            continue
        docs = attribute_docs(model)
        properties = definition.get("properties", {})
        for field, prop in properties.items():
            if field in docs and "description" not in prop:
                # Keys in pydantic's own (alphabetical) order, as it writes descriptions.
                properties[field] = dict(sorted({**prop, "description": docs[field]}.items()))
    return schema


def _reachable(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    pending = [root]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            pending.extend(_models_in(info.annotation))
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


@cache
def attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring written under each field of `model` and of the models it extends."""
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, BaseModel)) or klass is BaseModel:
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
