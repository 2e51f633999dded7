"""Validation of a signal against the contract's JSON Schema (read, not copied)."""
from __future__ import annotations

from typing import Any, List

from signaal.data_files import schema_problems
from signaal.paths import SIGNAL_SCHEMA


def schema_errors(signal: Any) -> List[str]:
    """Readable problems with `signal`; empty when it is valid."""
    return schema_problems(SIGNAL_SCHEMA, signal)
