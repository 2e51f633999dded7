"""An addendum: what the officer adds to a signal after forwarding it (pure; both sides use it).

The action server builds one (`build_addendum`); the intake checks it
(`addendum_problems`) against contract/addendum.schema.json and the signal
it is addressed to.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from signaal.data_files import schema_problems
from signaal.paths import ADDENDUM_SCHEMA

MAX_NOTES = 4000


def build_addendum(signal_id: str, pseudonym: str, notes: Optional[str] = None,
                   location: Optional[Dict[str, Any]] = None, addendum_id: Optional[str] = None) -> Dict[str, Any]:
    addendum: Dict[str, Any] = {
        "id": addendum_id or str(uuid.uuid4()),
        "signal_id": signal_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "reporter": {"pseudonym": pseudonym},
    }
    if notes:
        addendum["notes"] = notes[:MAX_NOTES]
    if location:
        addendum["location"] = {key: location.get(key) for key in ("text", "lat", "lon") if location.get(key) is not None}
    return addendum


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def addendum_problems(payload: Any, signal_id_in_path: str) -> List[str]:
    """Readable problems; empty when the addendum may be stored for that signal."""
    problems = schema_problems(ADDENDUM_SCHEMA, payload)
    if problems:
        return problems
    for key in ("id", "signal_id"):
        if not _is_uuid(payload[key]):
            problems.append(f"{key}: not a UUID")
    if str(payload["signal_id"]) != signal_id_in_path:
        problems.append("signal_id: does not match the signal in the path")
    try:
        datetime.fromisoformat(payload["created_at"])
    except ValueError:
        problems.append("created_at: not an ISO 8601 date-time")
    return problems


def _sent_notes(sent: List[Dict[str, Any]]) -> str:
    return "\n".join(str(body.get("notes") or "") for body in sent if body.get("notes"))


def _last_location(sent: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    for body in reversed(sent):
        place = body.get("location") if "location" in body else (body.get("context") or {}).get("location")
        if place:
            return {key: place.get(key) for key in ("text", "lat", "lon") if place.get(key) is not None}
    return None


def additions(sent: List[Dict[str, Any]], notes: Optional[str], location: Optional[Dict[str, Any]]):
    """(new notes, new location) the officer has added since what was sent (signal, then addenda, in order).

    The note slot accumulates ("earlier\\nlater"), so what is new is what
    follows the text already sent; a location is new when it differs from
    the last one sent.
    """
    sent_text = _sent_notes(sent)
    current = (notes or "").strip()
    new_notes: Optional[str] = None
    if current and current != sent_text:
        new_notes = current[len(sent_text):].strip() if sent_text and current.startswith(sent_text) else current
    place = {key: (location or {}).get(key) for key in ("text", "lat", "lon") if (location or {}).get(key) is not None}
    new_location = place if place and place != (_last_location(sent) or {}) else None
    return new_notes or None, new_location
