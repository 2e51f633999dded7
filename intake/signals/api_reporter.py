"""GET /api/reporters/<pseudonym>/signals: an officer's own live signals, for `ask_status`.

Called by the Rasa action server only, authenticated by a signed timestamp
(signaal.service_auth) with the intake secret both sides already share.
"""
from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from intake.audit.record import record_event
from signaal.keys import SERVICE_AUTH, derive_text_key
from signaal.service_auth import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_request
from intake.signals.models import Signal
from intake.signals.serialize import reporter_view

MAX_SIGNALS = 50


@csrf_exempt  # a service signature, never a browser session; other methods get 405, not a CSRF 403
@require_GET
def reporter_signals(request: HttpRequest, pseudonym: str) -> JsonResponse:
    if not verify_request(
        "GET",
        request.path,
        request.headers.get(TIMESTAMP_HEADER),
        request.headers.get(SIGNATURE_HEADER),
        derive_text_key(SERVICE_AUTH),
    ):
        return JsonResponse({"error": "unauthorized", "message": "Ongeldige dienst-handtekening / bad service signature"}, status=401)
    signals = list(
        Signal.objects.filter(mode="live", reporter_pseudonym=pseudonym).order_by("-received_at", "-id")[:MAX_SIGNALS]
    )
    record_event(
        None,
        "api.reporter_signals",
        details={"pseudonym": pseudonym, "count": len(signals)},
        actor="action-server",
        role="service",
    )
    return JsonResponse([reporter_view(s) for s in signals], safe=False)
