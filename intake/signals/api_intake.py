"""POST /api/signals: where forwarded signals arrive (contract in docs/contract.md)."""
from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from signaal.keys import BODY_SIGNING, derive_text_key
from signaal.secrets import get_secret
from signaal.web_chat_model import may_file_live
from signaal.signing import HEADER, TIMESTAMP_HEADER, verify, verify_timestamped
from intake.signals.models import PrunedSignal, SeenSignature
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


def signature_problem(request: HttpRequest, body: bytes) -> "str | None":
    """None when the request is signed and new; else "bad_signature", "stale" or "replayed".

    A request with the timestamp header must carry the timestamped signature
    (signaal.signing), fresh and never seen; one without it, the contract's
    body-only signature, unless SIGNAAL_INTAKE_BODY_SIGNATURE=0 refuses that form.
    """
    signature = request.headers.get(HEADER)
    timestamp = request.headers.get(TIMESTAMP_HEADER)
    if timestamp is None:
        if not settings.SIGNAAL_INTAKE_BODY_SIGNATURE:
            return "bad_signature"
        return None if verify(body, signature, get_secret("SIGNAAL_INTAKE_SECRET")) else "bad_signature"
    window = settings.SIGNAAL_SIGNATURE_WINDOW_SECONDS
    problem = verify_timestamped(
        request.method, request.path, timestamp, signature, body, derive_text_key(BODY_SIGNING), window
    )
    if problem:
        return problem
    return None if remember_signature(signature, window) else "replayed"


def remember_signature(signature: str, window: int) -> bool:
    """True the first time `signature` is seen; the one atomic insert decides between two racing requests."""
    SeenSignature.objects.filter(seen_at__lt=timezone.now() - timedelta(seconds=2 * window + 60)).delete()
    digest = hashlib.sha256(signature.strip().encode("ascii", "replace")).hexdigest()
    try:
        with transaction.atomic():
            SeenSignature.objects.create(digest=digest)
    except IntegrityError:
        return False
    return True


_SIGNATURE_MESSAGES = {
    "bad_signature": "Handtekening ontbreekt of klopt niet / missing or bad signature",
    "stale": "Tijdstempel buiten het venster / timestamp outside the window",
    "replayed": "Deze handtekening is al gebruikt / this signature was used before",
}


def signed_json(request: HttpRequest, what: str):
    """The parsed body of a signed, size-bounded request, or the JsonResponse that refuses it."""
    limit = settings.SIGNAAL_MAX_SIGNAL_BYTES
    body = _read_limited(request, limit)
    if body is None:
        return _refuse(413, "too_large", f"Bericht groter dan {limit} bytes / body larger than {limit} bytes")
    problem = signature_problem(request, body)
    if problem:
        log.warning("intake: refused %s (%s)", what, problem)
        return _refuse(401, problem, _SIGNATURE_MESSAGES[problem])
    try:
        return parse_json(body)
    except InvalidJson as exc:
        return _refuse(400, "invalid_json", str(exc))


@csrf_exempt  # authenticated by the HMAC signature, not by a browser session
@require_POST
def receive_signal(request: HttpRequest) -> JsonResponse:
    payload = signed_json(request, "a signal")
    if isinstance(payload, JsonResponse):
        return payload
    problems = signal_problems(payload)
    if problems:
        return _refuse(422, "invalid_signal", "; ".join(problems[:10]), problems=problems)
    if payload["mode"] == "live" and not may_file_live(payload["reporter"]["pseudonym"]):
        log.warning("intake: refused a live signal from a practice-only web chat")
        return _refuse(
            403, "training_only",
            "Echte signalen alleen van aangemelde agenten; dit gesprek is alleen om te oefenen "
            "/ live signals only from signed-in officers; this conversation is for practice only",
        )
    if PrunedSignal.objects.filter(signal_id=uuid.UUID(payload["id"])).exists():
        log.warning("intake: refused a signal whose id was pruned")
        return _refuse(
            410, "pruned", "Dit signaal is na de bewaartermijn verwijderd / this signal was deleted after its retention period"
        )
    signal, created = store_signal(payload)
    log.info("intake: signal %s %s", signal.reference, "stored" if created else "redelivered")
    return JsonResponse(
        {"id": str(signal.signal_id), "reference": signal.reference, "status": signal.status},
        status=201 if created else 200,
    )
