"""Rasa's REST channel over HTTP: one officer message in, Rasa's replies out."""
from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

import httpx


class RasaUnavailable(Exception):
    """Rasa or the action server cannot take the message now; try again later."""


class RasaClient:
    """POSTs to ``/webhooks/rest/webhook``; raises RasaUnavailable instead of losing a message."""

    def __init__(self, rasa_url: str, timeout: float = 20.0, action_server_url: Optional[str] = None,
                 health_ttl: float = 5.0) -> None:
        self._webhook = rasa_url.rstrip("/") + "/webhooks/rest/webhook"
        self._action_health = action_server_url.rstrip("/") + "/health" if action_server_url else None
        self._healthy_until = 0.0
        self._health_ttl = health_ttl  # seconds a good health check is trusted
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=5.0))

    async def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """Rasa's replies to `message` from `sender` (a pseudonym), in order."""
        await self._check_action_server()
        try:
            response = await self._http.post(self._webhook, json={"sender": sender, "message": message})
        except httpx.HTTPError as error:  # connection refused, timeout, broken connection
            self._healthy_until = 0.0
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code >= 500:
            self._healthy_until = 0.0
            raise RasaUnavailable(f"HTTP {response.status_code}")
        response.raise_for_status()
        replies = response.json()
        return replies if isinstance(replies, list) else []

    async def _check_action_server(self) -> None:
        """Rasa drops a custom action's result when its server is down, so look first."""
        if not self._action_health or time.monotonic() < self._healthy_until:
            return
        try:
            response = await self._http.get(self._action_health, timeout=3.0)
        except httpx.HTTPError as error:
            raise RasaUnavailable("action server: " + type(error).__name__) from error
        if response.status_code != 200:
            raise RasaUnavailable(f"action server: HTTP {response.status_code}")
        self._healthy_until = time.monotonic() + self._health_ttl

    async def close(self) -> None:
        await self._http.aclose()
