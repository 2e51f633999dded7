"""What the intake checks in a body after its signature: JSON, the schema, known indicators."""
from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any, FrozenSet, List

from signaal.catalogue import contract_ids
from signaal.signal_schema import schema_errors


class InvalidJson(ValueError):
    pass


@lru_cache(maxsize=1)
def known_indicator_ids() -> FrozenSet[str]:
    return frozenset(contract_ids())


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidJson(f"geen geldige JSON / not valid JSON: {exc}") from None


def signal_problems(payload: Any) -> List[str]:
    """Readable problems; empty when the signal may be stored."""
    problems = schema_errors(payload)
    if problems:
        return problems
    known = known_indicator_ids()
    for position, answer in enumerate(payload["indicators"]):
        if answer["id"] not in known:
            problems.append(f"indicators/{position}/id: unknown indicator {answer['id']!r}")
    try:
        datetime.fromisoformat(payload["created_at"])
    except ValueError:
        problems.append(f"created_at: not an ISO 8601 date-time: {payload['created_at']!r}")
    return problems

