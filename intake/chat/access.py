"""Who may use the web chat, and as whom (the model: signaal/web_chat_model.py, docs/web-chat.md).

- a signed-in officer account: its own stable pseudonym, live signals allowed;
- a signed-in staff account (supervisor, trainer, admin): a training pseudonym;
- an anonymous visitor on this machine (loopback, no proxy in between) unless
  SIGNAAL_CHAT_REQUIRE_LOGIN=1: a training pseudonym;
- anyone else: sent to the login.
"""
from __future__ import annotations

from functools import wraps
from typing import Optional

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse

from intake.accounts.client_address import came_through_proxy, client_address
from intake.accounts.roles import OFFICER, role_of
from signaal.pseudonym import pseudonymise
from signaal.secrets import get_secret
from signaal.web_chat_model import TRAINING_CHANNEL

LOOPBACK = frozenset({"127.0.0.1", "::1"})


def is_local(request) -> bool:
    """On this machine, with no reverse proxy in between (a proxy makes every visitor look local)."""
    return client_address(request) in LOOPBACK and not came_through_proxy(request)


def _training_pseudonym(session) -> str:
    if not session.session_key:
        session.save()
    return pseudonymise(TRAINING_CHANNEL, session.session_key, get_secret("SIGNAAL_PSEUDONYM_KEY"))


def chat_sender(request) -> Optional[str]:
    """The pseudonym this request chats as, or None when it may not chat."""
    user = request.user
    if user.is_authenticated:
        if role_of(user) == OFFICER:
            # Stable across sessions, so the officer can ask for the status of earlier signals.
            return pseudonymise("web", f"account:{user.pk}", get_secret("SIGNAAL_PSEUDONYM_KEY"))
        current = request.session.get("chat_sender", "")
        return current if current.startswith("oef-") else _training_pseudonym(request.session)
    if is_local(request) and not settings.SIGNAAL_CHAT_REQUIRE_LOGIN:
        current = request.session.get("chat_sender", "")
        return current if current.startswith("oef-") else _training_pseudonym(request.session)
    return None


def chat_access(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        sender = chat_sender(request)
        if sender is None:
            if request.content_type == "application/json":
                return JsonResponse({"error": "Inloggen vereist / login required"}, status=401)
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if request.session.get("chat_sender") != sender:
            # Another identity (signed in or out): another conversation.
            request.session["chat_sender"] = sender
            request.session["chat_messages"] = []
        return view(request, *args, **kwargs)

    return wrapped
