"""The local web chat at /chat: a form that works without JavaScript, and a JSON endpoint for with."""
from __future__ import annotations

import json

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from intake.chat import class_join
from intake.chat.access import chat_access
from intake.chat.conversation import (UNAVAILABLE, MAX_TEXT, button_title, deliver_notifications, exchange, messages_of,
                                     person_view_start)
from intake.chat.rasa_client import RasaUnavailable
from signaal.person_mode import is_private_answer
from signaal.typed_text import NOT_OFFERED, REFUSED as COMMAND_REFUSED, looks_like_command, offered_payload
from signaal.web_chat_model import may_file_live

PRIVATE_TAP = "✓"  # a person's answer is never echoed on the screen (signaal/person_mode.py)


class Refused(Exception):
    """A message that must not reach Rasa: typed '/...' text, or a button never offered."""


def _what_to_send(session, text: str, payload: str):
    """(shown, sent): a pressed button shows its title (a person's answer only a tick) and sends its payload.

    Only payloads of the buttons offered since the officer's last message may
    start with '/'; typed text never does (signaal.typed_text).
    """
    if payload:
        offered = [b for m in _with_active_buttons(messages_of(session)) if m["active"] for b in m["buttons"]]
        if offered_payload(payload, offered) is None:
            raise Refused(bilingual(NOT_OFFERED))
        if is_private_answer(payload):
            return PRIVATE_TAP, payload
        return button_title(session, payload) or payload, payload
    if looks_like_command(text):
        raise Refused(bilingual(COMMAND_REFUSED))
    return text, text


def bilingual(text: dict) -> str:
    return f"{text['nl']} / {text['en']}"


def _with_active_buttons(messages):
    """Only the buttons offered since the officer's last message can still be pressed."""
    last_user = max((i for i, m in enumerate(messages) if m["who"] == "user"), default=-1)
    return [dict(m, active=i > last_user and bool(m.get("buttons"))) for i, m in enumerate(messages)]


@chat_access
@require_http_methods(["GET", "POST"])
def chat_page(request):
    session = request.session
    if request.method == "POST":
        text = request.POST.get("message", "").strip()[:MAX_TEXT]
        payload = request.POST.get("payload", "").strip()[:MAX_TEXT]
        if text and not payload and class_join.handle(session, text) is not None:
            session.pop("chat_error", None)
        elif text or payload:
            try:
                shown, sent = _what_to_send(session, text, payload)
                exchange(session, shown, sent, payload)
                # A typed text that was not sent (a button was pressed instead) stays in the input.
                session["chat_draft"] = text if payload else ""
                session.pop("chat_error", None)
            except RasaUnavailable:
                session["chat_draft"] = text
                session["chat_error"] = UNAVAILABLE
            except Refused as refused:
                session["chat_draft"] = text
                session["chat_error"] = str(refused)
        return redirect("/chat#chat-input")
    deliver_notifications(session)
    messages = _with_active_buttons(messages_of(session))
    start = person_view_start(messages)
    context = {
        "messages_log": messages if start is None else messages[start:],
        "person_view": start is not None,
        "draft": session.pop("chat_draft", ""),
        "error": session.pop("chat_error", ""),
        "max_text": MAX_TEXT,
        "live": may_file_live(session["chat_sender"]),
    }
    return render(request, "chat/chat.html", context)


@chat_access
@require_POST
def chat_send(request):
    """JSON in {"message"} or {"payload"}; JSON out {"messages": [...]} or 503 {"error"}."""
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"error": "geen geldige JSON / invalid JSON"}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "geen geldige JSON / invalid JSON"}, status=400)
    text = str(data.get("message") or "").strip()[:MAX_TEXT]
    payload = str(data.get("payload") or "").strip()[:MAX_TEXT]
    if not text and not payload:
        return JsonResponse({"error": "leeg bericht / empty message"}, status=400)
    if text and not payload:
        joined = class_join.handle(request.session, text)
        if joined is not None:
            return JsonResponse({"messages": joined, "person_view": False})
    try:
        shown, sent = _what_to_send(request.session, text, payload)
        new = exchange(request.session, shown, sent, payload)
    except Refused as refused:
        return JsonResponse({"error": str(refused)}, status=400)
    except RasaUnavailable:
        return JsonResponse({"error": UNAVAILABLE}, status=503)
    # The page reloads when the phone changes hands, so it shows the right conversation.
    return JsonResponse({"messages": new, "person_view": person_view_start(messages_of(request.session)) is not None})
