"""The OpenAPI 3.1 document of the intake API, built from the contract's signal schema (no second copy).

Served at GET /api/schema and committed as docs/intake-openapi.json (a test
keeps the two equal). The paths and names are those of docs/contract.md.
"""
from __future__ import annotations

import json
from typing import Any, Dict

from signaal.paths import ADDENDUM_SCHEMA, SIGNAL_SCHEMA


def _error(description: str) -> Dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(description: str, schema: Dict[str, Any]) -> Dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _signal_schema(path=SIGNAL_SCHEMA) -> Dict[str, Any]:
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


def openapi_document() -> Dict[str, Any]:
    stored = {"$ref": "#/components/schemas/StoredSignal"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Signaal intake API",
            "version": "1",
            "description": (
                "Where forwarded signals arrive and where supervisors and trainers read them. "
                "POST /api/signals is signed (docs/intake.md: the contract's body-only X-Signature, or the "
                "timestamped form with X-Signaal-Timestamp, accepted once within the window); reads use a "
                "bearer token per role; the reporter endpoint is for the action server (service signature)."
            ),
        },
        "servers": [{"url": "http://127.0.0.1:8000"}],
        "paths": {
            "/api/signals": {
                "post": {
                    "operationId": "receiveSignal",
                    "summary": "Store a forwarded signal (once per id)",
                    "security": [{"signature": []}],
                    "parameters": [{
                        "name": "X-Signaal-Timestamp", "in": "header", "required": False,
                        "description": "Unix seconds; when present X-Signature signs method, path, this and the body.",
                        "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"},
                    }],
                    "requestBody": {"required": True,
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Signal"}}}},
                    "responses": {
                        "201": _json("stored now", {"$ref": "#/components/schemas/Receipt"}),
                        "200": _json("that id was stored before (stored once)", {"$ref": "#/components/schemas/Receipt"}),
                        "400": _error("not JSON"),
                        "401": _error("missing, bad, stale or replayed signature"),
                        "403": _error("a live signal from a practice-only web chat"),
                        "405": {"description": "method not allowed"},
                        "410": _error("this id was deleted by retention and is not stored again"),
                        "413": _error("body too large"),
                        "422": _error("not a valid signal"),
                    },
                },
                "get": {
                    "operationId": "listSignals",
                    "summary": "Signals as stored (live for supervisors, exercise for trainers)",
                    "security": [{"bearer": []}],
                    "parameters": [
                        {"name": "mode", "in": "query", "schema": {"type": "string", "enum": ["live", "exercise"]}},
                        {"name": "status", "in": "query", "schema": {"type": "string"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                    ],
                    "responses": {
                        "200": _json("the signals", {"type": "array", "items": stored}),
                        "400": _error("bad query"),
                        "401": _error("no valid bearer token"),
                        "403": _error("the role may not read this mode"),
                    },
                },
            },
            "/api/signals/{signal_key}": {
                "get": {
                    "operationId": "getSignal",
                    "summary": "One signal by UUID or reference",
                    "security": [{"bearer": []}],
                    "parameters": [{"name": "signal_key", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": _json("the signal", stored),
                        "401": _error("no valid bearer token"),
                        "404": _error("unknown, or not readable by this role (the same answer)"),
                        "405": {"description": "method not allowed"},
                    },
                },
            },
            "/api/signals/{signal_key}/addenda": {
                "post": {
                    "operationId": "receiveAddendum",
                    "summary": "A note or location added after forwarding (once per addendum id)",
                    "security": [{"signature": []}],
                    "parameters": [
                        {"name": "signal_key", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "X-Signaal-Timestamp", "in": "header", "required": False,
                         "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"}},
                    ],
                    "requestBody": {"required": True,
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Addendum"}}}},
                    "responses": {
                        "201": _json("stored now", {"type": "object"}),
                        "200": _json("stored before (stored once)", {"type": "object"}),
                        "400": _error("not JSON"),
                        "401": _error("missing, bad, stale or replayed signature"),
                        "404": _error("unknown signal, or another officer's (the same answer)"),
                        "405": {"description": "method not allowed"},
                        "413": _error("body too large"),
                        "422": _error("not a valid addendum"),
                    },
                },
            },
            "/api/reporters/{pseudonym}/signals": {
                "get": {
                    "operationId": "reporterSignals",
                    "summary": "An officer's own live signals (action server only)",
                    "security": [{"service": []}],
                    "parameters": [{"name": "pseudonym", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": _json("the officer's signals", {"type": "array", "items": {"type": "object"}}),
                        "401": _error("missing or bad service signature"),
                        "405": {"description": "method not allowed"},
                    },
                },
            },
        },
        "components": {
            "securitySchemes": {
                "signature": {"type": "apiKey", "in": "header", "name": "X-Signature",
                              "description": "sha256=<hex HMAC-SHA256>; see docs/intake.md"},
                "bearer": {"type": "http", "scheme": "bearer"},
                "service": {"type": "apiKey", "in": "header", "name": "X-Signature",
                            "description": "with X-Signaal-Timestamp, over GET, the path and the timestamp"},
            },
            "schemas": {
                "Signal": _signal_schema(),
                "Addendum": _signal_schema(ADDENDUM_SCHEMA),
                "Receipt": {
                    "type": "object", "required": ["id", "reference", "status"],
                    "properties": {"id": {"type": "string"}, "reference": {"type": "string"}, "status": {"type": "string"}},
                },
                "StoredSignal": {
                    "type": "object", "required": ["id", "reference", "status", "received_at"],
                    "properties": {"id": {"type": "string"}, "reference": {"type": "string"},
                                   "status": {"type": "string"}, "received_at": {"type": "string"}},
                },
                "Error": {
                    "type": "object", "required": ["error", "message"],
                    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
    }


def openapi_json() -> str:
    return json.dumps(openapi_document(), indent=2, ensure_ascii=False) + "\n"
