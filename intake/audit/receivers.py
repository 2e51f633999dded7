"""Logins, logouts and failed logins go to the audit log (Django's auth signals)."""
from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from intake.audit.record import record_event


def _ip(request):
    from intake.accounts.client_address import client_address

    return client_address(request) if request is not None else None


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record_event(user, "login", details={"ip": _ip(request)})


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(user, "logout", details={"ip": _ip(request)})


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # Django already masks the password in `credentials`; keep only the username.
    username = str(credentials.get("username", ""))[:150]
    record_event(None, "login.failed", details={"username": username, "ip": _ip(request)}, actor=username or "anoniem")
