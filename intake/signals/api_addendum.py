"""POST /api/signals/<signal id>/addenda: a note or location added after forwarding.

Signed like a signal (timestamped, path-bound, once only); stored once per addendum id, only for a live signal of
the same officer (the reporter pseudonym must match), audited.
"""
from __future__ import annotations

import logging
import uuid

from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from intake.audit.record import record_event
from intake.signals.api_intake import _refuse, signed_json
from intake.signals.linking import link_addendum
from intake.signals.models import Addendum, Signal
from intake.signals.store import _created_at
from signaal.addendum import addendum_problems

log = logging.getLogger(__name__)


@csrf_exempt  # authenticated by the HMAC signature, not by a browser session
@require_POST
def receive_addendum(request: HttpRequest, signal_key: str) -> JsonResponse:
    payload = signed_json(request, "an addendum")
    if isinstance(payload, JsonResponse):
        return payload
    problems = addendum_problems(payload, signal_key)
    if problems:
        return _refuse(422, "invalid_addendum", "; ".join(problems[:10]), problems=problems)
    signal = Signal.objects.filter(signal_id=uuid.UUID(signal_key), mode="live").first()
    if signal is None or signal.reporter_pseudonym != payload["reporter"]["pseudonym"]:
        # The same answer for "unknown" and "not this officer's".
        return _refuse(404, "unknown_signal", "Signaal niet gevonden / signal not found")
    addendum_id = uuid.UUID(payload["id"])
    created = False
    try:
        with transaction.atomic():
            addendum, created = Addendum.objects.get_or_create(
                addendum_id=addendum_id,
                defaults={"signal": signal, "payload": payload, "created_at": _created_at(payload)},
            )
            if created:
                link_addendum(signal, payload)
                record_event(None, "signal.addendum_received", signal_id=str(signal.signal_id),
                             details={"reference": signal.reference, "addendum": str(addendum_id),
                                      "notes": bool(payload.get("notes")), "location": bool(payload.get("location"))},
                             actor="intake-api", role="service")
    except IntegrityError:  # a concurrent redelivery won
        created = False
    log.info("intake: addendum to %s %s", signal.reference, "stored" if created else "redelivered")
    return JsonResponse({"id": str(addendum_id), "signal_id": str(signal.signal_id), "reference": signal.reference},
                        status=201 if created else 200)
