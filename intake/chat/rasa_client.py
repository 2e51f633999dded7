"""Talks to Rasa's REST channel on behalf of the browser (which never reaches Rasa itself)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List

import httpx
from django.conf import settings

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa could not be reached or answered with an error."""


@dataclass
class BotReply:
    text: str = ""
    buttons: List[Dict[str, str]] = field(default_factory=list)


def _reply(item: Dict[str, Any]) -> BotReply:
    buttons = [
        {"title": str(button.get("title", "")), "payload": str(button.get("payload", button.get("title", "")))}
        for button in item.get("buttons") or []
        if isinstance(button, dict)
    ]
    return BotReply(text=str(item.get("text") or ""), buttons=buttons)


def send_to_rasa(sender: str, message: str) -> List[BotReply]:
    url = f"{settings.SIGNAAL_RASA_URL}/webhooks/rest/webhook"
    try:
        response = httpx.post(
            url,
            json={"sender": sender, "message": message, "metadata": {"channel": "web"}},
            timeout=settings.SIGNAAL_RASA_TIMEOUT,
        )
        response.raise_for_status()
        items = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        # The officer's words are not logged; only that Rasa failed and how.
        log.warning("chat: Rasa unavailable (%s)", type(exc).__name__)
        raise RasaUnavailable from exc
    if not isinstance(items, list):
        raise RasaUnavailable("unexpected reply")
    return [_reply(item) for item in items if isinstance(item, dict) and (item.get("text") or item.get("buttons"))]
