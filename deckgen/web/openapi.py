"""The JSON API described in OpenAPI 3.1, served at `/api/openapi.json`."""

from __future__ import annotations

from typing import Any

from deckgen.i18n import _

_TEXT = {"type": "string"}


def description() -> dict[str, Any]:
    """The description, in the language of the request's process (Danish by default)."""
    _IDS = {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        "description": _("Block ids, separated by commas or spaces, or a list of them."),
    }

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "deckgen",
            "version": "1",
            "description": _("Make the deck for one visit from a schedule row's fields."),
        },
        "paths": {
            "/api/visits": {
                "post": {
                    "summary": _("Build one visit's deck"),
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["dato", "direktør", "udvalg"],
                                    "properties": {
                                        "dato": {
                                            **_TEXT,
                                            "description": _(
                                                "2025-03-12, 12-03-2025 or 12.03.2025"
                                            ),
                                        },
                                        "direktør": {**_TEXT, "description": _("id or name")},
                                        "udvalg": _TEXT,
                                        "sted": _TEXT,
                                        "tilføj": _IDS,
                                        "fjern": _IDS,
                                        "lokalt eksempel": _TEXT,
                                    },
                                },
                                "example": {
                                    "dato": "2025-03-12",
                                    "direktør": "Mette Holm",
                                    "udvalg": "OMU Børn og Familie",
                                    "sted": "Rådhuset",
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": _("The .pptx, named as the tour names it."),
                            "content": {
                                "application/vnd.openxmlformats-officedocument."
                                "presentationml.presentation": {}
                            },
                        },
                        "422": {
                            "description": _("The row has problems; each names its column."),
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
                                                    },
                                                },
                                            }
                                        },
                                    }
                                }
                            },
                        },
                        "415": {"description": _("The body was not JSON.")},
                    },
                }
            }
        },
    }
