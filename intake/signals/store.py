"""Storing a validated signal exactly once, whatever the number of deliveries."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Dict, Tuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from intake.audit.record import record_event
from intake.signals.linking import index_fields, link_new_signal
from intake.signals.models import PRIORITY_RANK, Signal
from intake.signals.references import next_reference


def _created_at(payload: Dict[str, Any]) -> datetime:
    value = datetime.fromisoformat(payload["created_at"])
    return value if timezone.is_aware(value) else timezone.make_aware(value, timezone.utc)


def store_signal(payload: Dict[str, Any]) -> Tuple[Signal, bool]:
    """(signal, True) when stored now; (the earlier signal, False) on a redelivery."""
    signal_id = uuid.UUID(payload["id"])
    existing = Signal.objects.filter(signal_id=signal_id).first()
    if existing is not None:
        return existing, False
    context = payload["context"]
    try:
        with transaction.atomic():
            signal = Signal.objects.create(
                signal_id=signal_id,
                reference=next_reference(timezone.now().year),
                payload=payload,
                mode=payload["mode"],
                priority=payload["assessment"]["priority"],
                priority_rank=PRIORITY_RANK[payload["assessment"]["priority"]],
                exploitation_type=context["exploitation_type"],
                minor_involved=context["minor_involved"],
                acute_danger=bool(payload["acute_danger"]),
                reporter_pseudonym=payload["reporter"]["pseudonym"][:64],
                created_at=_created_at(payload),
                **index_fields(payload),
            )
            link_new_signal(signal)
            record_event(
                None,
                "signal.received",
                signal_id=str(signal_id),
                details={"reference": signal.reference, "mode": signal.mode, "priority": signal.priority},
                actor="intake-api",
                role="service",
            )
    except IntegrityError:
        # A concurrent delivery of the same id won the race: answer with its reference.
        return Signal.objects.get(signal_id=signal_id), False
    return signal, True
