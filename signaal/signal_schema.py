"""Validation of a signal against the contract's JSON Schema (read, not copied)."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, List

import jsonschema

from signaal.paths import SIGNAL_SCHEMA


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SIGNAL_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(signal: Any) -> List[str]:
    """Readable problems with `signal`; empty when it is valid."""
    errors = sorted(_validator().iter_errors(signal), key=lambda e: list(e.absolute_path))
    messages = []
    for error in errors:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        messages.append(f"{where}: {error.message}")
    return messages

