"""GET /api/signals and /api/signals/<id>: bearer-token reads, by role, every read audited."""
from __future__ import annotations

import uuid

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from intake.accounts.decorators import api_token_required
from intake.accounts.roles import may_read_mode
from intake.audit.record import record_event
from intake.signals.models import Signal
from intake.signals.serialize import signal_as_json

MAX_LIMIT = 1000


def _refused(mode: str) -> JsonResponse:
    return JsonResponse(
        {"error": "forbidden", "message": f"Uw rol mag geen {mode}-signalen lezen / your role may not read {mode} signals"},
        status=403,
    )


def _not_found() -> JsonResponse:
    return JsonResponse({"error": "not_found", "message": "Onbekend signaal / unknown signal"}, status=404)


@api_token_required
@require_GET
def list_signals(request: HttpRequest) -> JsonResponse:
    account = request.api_account
    mode = request.GET.get("mode", "live")
    if mode not in ("live", "exercise"):
        return JsonResponse({"error": "bad_request", "message": "mode: live | exercise"}, status=400)
    if not may_read_mode(account.role, mode):
        record_event(account.user, "api.refused", details={"mode": mode})
        return _refused(mode)
    try:
        limit = max(1, min(int(request.GET.get("limit", 500)), MAX_LIMIT))
    except ValueError:
        return JsonResponse({"error": "bad_request", "message": "limit: integer"}, status=400)
    signals = Signal.objects.filter(mode=mode).order_by("-received_at", "-id")
    status = request.GET.get("status")
    if status:
        signals = signals.filter(status=status)
    signals = list(signals[:limit])
    record_event(
        account.user,
        "api.list",
        details={"mode": mode, "count": len(signals), "references": [s.reference for s in signals][:200]},
    )
    return JsonResponse([signal_as_json(s) for s in signals], safe=False)


@csrf_exempt  # a bearer token, never a browser session; other methods get 405, not a CSRF 403
@api_token_required
@require_GET
def get_signal(request: HttpRequest, signal_key: str) -> JsonResponse:
    """One signal by its UUID or its reference."""
    account = request.api_account
    try:
        lookup = {"signal_id": uuid.UUID(signal_key)}
    except ValueError:
        lookup = {"reference": signal_key}
    signal = Signal.objects.filter(**lookup).first()
    if signal is not None and not may_read_mode(account.role, signal.mode):
        # The same answer as for an unknown id, so a role cannot learn which ids exist in the other mode.
        record_event(account.user, "api.refused", signal_id=str(signal.signal_id), details={"mode": signal.mode})
        signal = None
    if signal is None:
        return _not_found()
    record_event(account.user, "api.read", signal_id=str(signal.signal_id), details={"reference": signal.reference})
    return JsonResponse(signal_as_json(signal))
