"""POST /api/signals: where forwarded signals arrive (contract in docs/contract.md)."""
from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from signaal.secrets import get_secret
from signaal.signing import HEADER, verify
from intake.signals.store import store_signal
from intake.signals.validation import InvalidJson, parse_json, signal_problems

log = logging.getLogger(__name__)


def _refuse(status: int, error: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": error, "message": message, **extra}, status=status)


def _read_limited(request: HttpRequest, limit: int):
    """The raw body, or None when it is larger than `limit` (never reads more than limit+1)."""
    declared = request.META.get("CONTENT_LENGTH")
    try:
        if declared and int(declared) > limit:
            return None
    except ValueError:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


@csrf_exempt  # authenticated by the HMAC signature, not by a browser session
@require_POST
def receive_signal(request: HttpRequest) -> JsonResponse:
    limit = settings.SIGNAAL_MAX_SIGNAL_BYTES
    body = _read_limited(request, limit)
    if body is None:
        return _refuse(413, "too_large", f"Bericht groter dan {limit} bytes / body larger than {limit} bytes")
    if not verify(body, request.headers.get(HEADER), get_secret("SIGNAAL_INTAKE_SECRET")):
        log.warning("intake: refused a signal with a missing or bad signature")
        return _refuse(401, "bad_signature", "Handtekening ontbreekt of klopt niet / missing or bad signature")
    try:
        payload = parse_json(body)
    except InvalidJson as exc:
        return _refuse(400, "invalid_json", str(exc))
    problems = signal_problems(payload)
    if problems:
        return _refuse(422, "invalid_signal", "; ".join(problems[:10]), problems=problems)
    signal, created = store_signal(payload)
    log.info("intake: signal %s %s", signal.reference, "stored" if created else "redelivered")
    return JsonResponse(
        {"id": str(signal.signal_id), "reference": signal.reference, "status": signal.status},
        status=201 if created else 200,
    )
