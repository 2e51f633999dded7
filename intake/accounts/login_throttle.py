"""Slows password guessing: at most N failed logins per username and per address in a window."""
from __future__ import annotations

from datetime import timedelta
from typing import Optional

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from intake.accounts.models import LoginFailure


def client_ip(request) -> Optional[str]:
    return request.META.get("REMOTE_ADDR") or None


def _window_start():
    return timezone.now() - timedelta(seconds=settings.SIGNAAL_LOGIN_WINDOW_SECONDS)


def is_blocked(username: str, ip: Optional[str]) -> bool:
    limit = settings.SIGNAAL_LOGIN_MAX_FAILURES
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    by_user = recent.filter(username=username.lower()).count() if username else 0
    by_ip = recent.filter(ip=ip).count() if ip else 0
    return by_user >= limit or by_ip >= limit


def record_failure(username: str, ip: Optional[str]) -> None:
    LoginFailure.objects.create(username=(username or "").lower()[:150], ip=ip)
    # Old rows have no use; keep the table small.
    LoginFailure.objects.filter(at__lt=_window_start() - timedelta(days=1)).delete()


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(Q(username=(username or "").lower())).delete()
