"""The web chat's side of the shared Rasa client (signaal.rasa_client): the browser never reaches Rasa itself."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List

import httpx
from django.conf import settings

from signaal.rasa_client import RasaClient, RasaUnavailable

__all__ = ["BotReply", "RasaUnavailable", "send_to_rasa"]

log = logging.getLogger(__name__)


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


@lru_cache(maxsize=4)
def _client(rasa_url: str, timeout: float, action_server_url: str, health_ttl: float) -> RasaClient:
    return RasaClient(rasa_url, timeout, action_server_url or None, health_ttl, channel="web")


def send_to_rasa(sender: str, message: str) -> List[BotReply]:
    client = _client(settings.SIGNAAL_RASA_URL, settings.SIGNAAL_RASA_TIMEOUT,
                     settings.SIGNAAL_ACTION_SERVER_URL or "", settings.SIGNAAL_ACTION_HEALTH_TTL)
    try:
        items = client.send_sync(sender, message)
    except (RasaUnavailable, httpx.HTTPError) as exc:
        # The officer's words are not logged; only that Rasa failed and how.
        log.warning("chat: Rasa unavailable (%s)", exc if isinstance(exc, RasaUnavailable) else type(exc).__name__)
        raise RasaUnavailable(str(exc)) from exc
    return [_reply(item) for item in items if item.get("text") or item.get("buttons")]
