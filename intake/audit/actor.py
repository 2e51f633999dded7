"""Who is acting right now, for audit records written far from the view (model signals).

A middleware puts the signed-in user of the request here; outside a request
(management commands, the bot) nobody is set and the record names the service.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Callable, Optional

from django.http import HttpRequest, HttpResponse

_current_user: ContextVar = ContextVar("signaal_current_user", default=None)


def current_user():
    """The request's user when signed in, else None."""
    user = _current_user.get()
    return user if user is not None and getattr(user, "is_authenticated", False) else None


class CurrentUserMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _current_user.reset(token)


def record_change(action: str, details: dict, service: Optional[str] = None) -> None:
    """An audit event by the current user, or by `service` (default "systeem / system") outside a request."""
    from intake.audit.record import record_event

    user = current_user()
    if user is not None:
        record_event(user, action, details=details)
    else:
        record_event(None, action, details=details, actor=service or "system", role="service")
