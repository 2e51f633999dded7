"""Who may open a page or call an API: decorators, as the views read them."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render

from intake.accounts.roles import role_of
from intake.accounts.tokens import account_for_bearer


def role_required(*roles: str) -> Callable:
    """Signed-in users with one of `roles`; others are sent to the login or refused (403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if role_of(request.user) not in roles:
                return render(request, "refused.html", status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def api_token_required(view: Callable) -> Callable:
    """A valid bearer token; the account is put on `request.api_account` (401 otherwise)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        account, _token = account_for_bearer(request.headers.get("Authorization"))
        if account is None:
            response = JsonResponse({"error": "unauthorized", "message": "Geldig bearer-token vereist / valid bearer token required"}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="signaal"'
            return response
        request.api_account = account
        return view(request, *args, **kwargs)

    return wrapped
