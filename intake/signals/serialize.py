"""A stored signal as the API gives it: the payload as sent plus reference, status, received_at."""
from __future__ import annotations

from typing import Any, Dict

from intake.signals.models import Signal


def signal_as_json(signal: Signal) -> Dict[str, Any]:
    data = dict(signal.payload)
    data.update(
        reference=signal.reference,
        status=signal.status,
        received_at=signal.received_at.isoformat(),
    )
    return data


def reporter_view(signal: Signal) -> Dict[str, Any]:
    """What an officer may learn about their own signal (for `ask_status`)."""
    return {
        "id": str(signal.signal_id),
        "reference": signal.reference,
        "status": signal.status,
        "priority": signal.priority,
        "received_at": signal.received_at.isoformat(),
    }
