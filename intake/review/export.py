"""CSV and JSON exports of the filtered queue."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, List

from intake.signals.models import Signal
from intake.signals.serialize import signal_as_json

CSV_COLUMNS = [
    "reference", "id", "received_at", "priority", "status", "exploitation_type", "minor_involved",
    "acute_danger", "ilo_likely_victim", "yes_indicators", "assigned_to", "reporter_pseudonym", "notes",
]


def spreadsheet_safe(value: Any) -> str:
    """Officer text that starts like a formula is prefixed, so a spreadsheet shows it as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _row(signal: Signal) -> List[str]:
    payload = signal.payload
    yes = [answer["id"] for answer in payload.get("indicators", []) if answer.get("answer") == "yes"]
    values = [
        signal.reference, signal.signal_id, signal.received_at.isoformat(), signal.priority, signal.status,
        signal.exploitation_type, signal.minor_involved, signal.acute_danger,
        payload.get("assessment", {}).get("ilo_likely_victim"), " ".join(yes),
        signal.assigned_to.get_username() if signal.assigned_to else "", signal.reporter_pseudonym, payload.get("notes"),
    ]
    return [spreadsheet_safe(value) for value in values]


def signals_csv(signals: Iterable[Signal]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for signal in signals:
        writer.writerow(_row(signal))
    return buffer.getvalue()


def signals_json(signals: Iterable[Signal]) -> str:
    return json.dumps([signal_as_json(signal) for signal in signals], ensure_ascii=False, indent=2)
