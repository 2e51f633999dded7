"""Who may use the web chat: anyone on this machine, otherwise a signed-in account."""
from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse

LOOPBACK = frozenset({"127.0.0.1", "::1"})


def is_local(request) -> bool:
    return request.META.get("REMOTE_ADDR") in LOOPBACK


def chat_access(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        anonymous_allowed = is_local(request) and not settings.SIGNAAL_CHAT_REQUIRE_LOGIN
        if not anonymous_allowed and not request.user.is_authenticated:
            if request.content_type == "application/json":
                return JsonResponse({"error": "Inloggen vereist / login required"}, status=401)
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return view(request, *args, **kwargs)

    return wrapped
