"""The JSON API described in OpenAPI 3.1, served at `/api/openapi.json`.

The visit's schema is the visit record's own (`deckgen.visits.record.VisitRecord`, as msgspec
writes its JSON Schema), with each field's description in the reader's language: what the
API takes is what the register keeps, never a second description beside it.
"""

from __future__ import annotations

from typing import Any

from deckgen.i18n import _
from deckgen.visits.record import DESCRIPTIONS, LIST_COLUMNS, json_schema

_TEXT = {"type": "string"}
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def visit_schema() -> dict[str, Any]:
    """The visit as the API takes it: the record's fields, any of them written as a schedule
    writes it (a date as Danes write it, block ids as text or a list)."""
    schema = json_schema()
    properties = {}
    for name, field in schema["properties"].items():
        described = {**field, "description": _(DESCRIPTIONS[name])}
        if name in LIST_COLUMNS:
            described = {
                "oneOf": [field, _TEXT],
                "description": _(DESCRIPTIONS[name]),
            }
        properties[name] = described
    return {**schema, "properties": properties}


def _problems() -> dict[str, Any]:
    return {
        "description": _("The visit has problems; each names its column."),
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "problems": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "field": _TEXT,
                                    "message": _TEXT,
                                    "where": _TEXT,
                                    "confirm": {"type": "boolean"},
                                },
                            },
                        }
                    },
                }
            }
        },
    }


def description() -> dict[str, Any]:
    """The description, in the language of the request's process (Danish by default)."""
    visit = visit_schema()
    confirm = {
        "oneOf": [{"type": "boolean"}, {"type": "array", "items": _TEXT}],
        "description": _('Fields whose doubt is confirmed (an unlikely date): ["dato"].'),
    }
    post_body = {
        **visit,
        "properties": {**visit["properties"], "bekræft": confirm},
    }
    patch_body = {
        "type": "object",
        "required": ["revision"],
        "properties": {
            "revision": {
                "type": "integer",
                "description": _("The revision the change is based on."),
            },
            **visit["properties"],
            "bekræft": confirm,
        },
    }
    kept = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            **visit["properties"],
            "revision": {"type": "integer"},
            "state": {"enum": ["active", "deleted"]},
        },
    }
    deck = {"description": _("The .pptx, named as the tour names it."), "content": {_PPTX: {}}}
    one = {"200": {"description": "", "content": {"application/json": {"schema": kept}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "deckgen",
            "version": "2",
            "description": _("Keep visits and make their decks."),
        },
        "paths": {
            "/api/visits": {
                "post": {
                    "summary": _("Keep a visit and build its deck"),
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": post_body,
                                "example": {
                                    "dato": "12. marts 2026",
                                    "direktør": "Mette Holm",
                                    "udvalg": "OMU Børn og Familie",
                                    "sted": "Rådhuset",
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": deck,
                        "422": _problems(),
                        "415": {"description": _("The body was not JSON.")},
                    },
                },
                "get": {
                    "summary": _("List the kept visits"),
                    "parameters": [
                        {"name": name, "in": "query", "schema": _TEXT}
                        for name in ("direktør", "udvalg", "fra", "til", "side", "antal")
                    ],
                    "responses": {"200": {"description": ""}},
                },
            },
            "/api/visits/{id}": {
                "get": {"summary": _("A visit and its revisions"), "responses": one},
                "patch": {
                    "summary": _("Change a visit"),
                    "requestBody": {"content": {"application/json": {"schema": patch_body}}},
                    "responses": {
                        **one,
                        "409": {"description": _("Someone saved the visit first.")},
                        "422": _problems(),
                    },
                },
                "delete": {"summary": _("Delete a visit (restorable)"), "responses": one},
            },
            "/api/visits/{id}/pptx": {
                "get": {"summary": _("The visit's deck"), "responses": {"200": deck}}
            },
        },
    }
