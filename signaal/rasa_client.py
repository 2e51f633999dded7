"""Rasa's REST channel over HTTP, one client for every officer channel (Telegram bot, web chat).

One officer message in, Rasa's replies out, sent with the trusted-caller
token (`SIGNAAL_RASA_TOKEN`) that Rasa's officer channel requires. Both channels get the same
behaviour: Rasa down, a 5xx, or the action server down (Rasa would drop the
custom action's result) all raise `RasaUnavailable`, so the channel can keep
the message and tell the officer, instead of losing it. The bot awaits
`send`; the web chat (a synchronous Django view) calls `send_sync`.
"""
from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

import httpx

from signaal.secrets import get_secret


class RasaUnavailable(Exception):
    """Rasa or the action server cannot take the message now; try again later."""


def action_server_base(explicit: Optional[str], action_endpoint: Optional[str], default: str) -> Optional[str]:
    """The action server's base URL: an explicit one ('off' for none), else Rasa's action endpoint minus /webhook."""
    if explicit is not None:
        explicit = explicit.strip().rstrip("/")
        return None if explicit.lower() in ("", "off", "none") else explicit
    endpoint = (action_endpoint or "").strip().rstrip("/")
    if endpoint.endswith("/webhook"):
        endpoint = endpoint[: -len("/webhook")]
    return endpoint or default


class RasaClient:
    """POSTs to ``/webhooks/rest/webhook``; raises RasaUnavailable instead of losing a message."""

    def __init__(self, rasa_url: str, timeout: float = 20.0, action_server_url: Optional[str] = None,
                 health_ttl: float = 5.0, channel: str = "", token: Optional[str] = None) -> None:
        # Rasa's officer channel trusts `sender` only from callers holding this token.
        self._headers = {"Authorization": f"Bearer {token or get_secret('SIGNAAL_RASA_TOKEN')}"}  # noqa: E501
        self._base = rasa_url.rstrip("/")
        self._token = token or get_secret("SIGNAAL_RASA_TOKEN")
        self._webhook = self._base + "/webhooks/rest/webhook"
        self._action_health = action_server_url.rstrip("/") + "/health" if action_server_url else None
        self._healthy_until = 0.0
        self._health_ttl = health_ttl  # seconds a good health check is trusted
        self._timeout = httpx.Timeout(timeout, connect=5.0)
        self._channel = channel
        self._async: Optional[httpx.AsyncClient] = None
        self._sync: Optional[httpx.Client] = None

    # -- the two ways in ---------------------------------------------------------------------------
    async def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """Rasa's replies to `message` from `sender` (a pseudonym), in order."""
        if self._async is None:
            self._async = httpx.AsyncClient(timeout=self._timeout)
        if self._health_due():
            self._health_result(await self._attempt(self._async.get(self._action_health, timeout=3.0), "action server: "))
        return self._replies(await self._attempt(self._async.post(self._webhook, json=self._body(sender, message), headers=self._headers)))

    def send_sync(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """The same as `send`, for synchronous callers."""
        if self._sync is None:
            self._sync = httpx.Client(timeout=self._timeout)
        if self._health_due():
            self._health_result(self._attempt_sync(lambda: self._sync.get(self._action_health, timeout=3.0), "action server: "))
        return self._replies(self._attempt_sync(lambda: self._sync.post(self._webhook, json=self._body(sender, message), headers=self._headers)))

    async def check_open(self, sender: str) -> Optional[bool]:
        """Whether `sender` has a check open (started, not yet forwarded); None when Rasa cannot say.

        The same rule as actions.check_lifecycle; read from Rasa's API (its
        token as a query parameter, as Rasa's API wants), slots only.
        """
        if self._async is None:
            self._async = httpx.AsyncClient(timeout=self._timeout)
        try:
            response = await self._async.get(f"{self._base}/conversations/{sender}/tracker",
                                             params={"include_events": "NONE", "token": self._token}, timeout=5.0)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        try:
            slots = response.json().get("slots") or {}
        except (ValueError, AttributeError):
            return None
        return bool(slots.get("signal_id")) and not slots.get("signal_reference")

    async def close(self) -> None:
        if self._async is not None:
            await self._async.aclose()
        if self._sync is not None:
            self._sync.close()

    # -- shared behaviour ---------------------------------------------------------------------------
    def _body(self, sender: str, message: str) -> Dict[str, Any]:
        body: Dict[str, Any] = {"sender": sender, "message": message}
        if self._channel:
            body["metadata"] = {"channel": self._channel}
        return body

    def _health_due(self) -> bool:
        """Rasa drops a custom action's result when its server is down, so look first."""
        return bool(self._action_health) and time.monotonic() >= self._healthy_until

    def _health_result(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            raise RasaUnavailable(f"action server: HTTP {response.status_code}")
        self._healthy_until = time.monotonic() + self._health_ttl

    async def _attempt(self, request, what: str = "") -> httpx.Response:  # noqa: ANN001 (an awaitable request)
        try:
            return await request
        except httpx.HTTPError as error:  # connection refused, timeout, broken connection
            raise self._unavailable(what + type(error).__name__) from error

    def _attempt_sync(self, request, what: str = "") -> httpx.Response:  # noqa: ANN001 (a callable request)
        try:
            return request()
        except httpx.HTTPError as error:
            raise self._unavailable(what + type(error).__name__) from error

    def _unavailable(self, why: str) -> RasaUnavailable:
        self._healthy_until = 0.0
        return RasaUnavailable(why)

    def _replies(self, response: httpx.Response) -> List[Dict[str, Any]]:
        if response.status_code >= 500:
            raise self._unavailable(f"HTTP {response.status_code}")
        response.raise_for_status()
        try:
            replies = response.json()
        except ValueError as error:
            raise self._unavailable("not JSON") from error
        return [item for item in replies if isinstance(item, dict)] if isinstance(replies, list) else []
