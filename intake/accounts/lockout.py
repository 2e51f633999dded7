"""Login throttling with django-axes: what it keys on and what a locked-out person sees.

Every login that goes through Django's authenticate() with a request (our
/login/ for supervisors and trainers, the admin's /admin/login/) is counted by
the pair (account, client address); after SIGNAAL_LOGIN_MAX_FAILURES failures
that pair is refused for SIGNAAL_LOGIN_COOLOFF_MINUTES. The address comes from
intake.accounts.client_address (trusted proxies only).
"""
from __future__ import annotations

from django.shortcuts import render

from intake.accounts.client_address import client_address
from intake.audit.record import record_event

BLOCKED_MESSAGE = (
    "Te veel mislukte inlogpogingen. Wacht een kwartier en probeer het opnieuw. "
    "/ Too many failed logins; wait fifteen minutes and try again."
)


def username_of(request, credentials) -> str:
    """Usernames count case-insensitively, as people type them."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()[:150]


def locked_out(request, original_response=None, credentials=None):
    username = username_of(request, credentials)
    record_event(None, "login.blocked", details={"username": username, "ip": client_address(request)},
                 actor=username or "anoniem")
    from django.contrib.auth.forms import AuthenticationForm

    form = AuthenticationForm(request, data=None)
    return render(request, "accounts/login.html", {"form": form, "blocked": BLOCKED_MESSAGE}, status=429)
