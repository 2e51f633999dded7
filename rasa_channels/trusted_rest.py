"""The officer channel: Rasa's REST channel, for trusted callers only.

Rasa's own REST channel takes a `sender` from anyone who can reach the port,
so any local process could continue another officer's check or forge a
reporter. This one answers 401 unless the caller sends
`Authorization: Bearer <SIGNAAL_RASA_TOKEN>` (the bot, the web chat, test and
load tools hold it); only then is `sender` trusted as the officer's
pseudonym. Same URL as the built-in channel: /webhooks/rest/webhook.
"""
from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)
TOKEN_ENV = "SIGNAAL_RASA_TOKEN"


def authorised(header: Optional[str], token: str) -> bool:
    """A constant-time comparison of `Bearer <token>`."""
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].encode("utf-8"), token.encode("utf-8"))


class TrustedRestInput(RestInput):
    def __init__(self, token: Optional[str] = None) -> None:
        self.token = token or os.environ.get(TOKEN_ENV, "")
        if not self.token:
            # Refuse to start open rather than silently accept anyone.
            raise ValueError(f"{TOKEN_ENV} is not set: the officer channel cannot start without its token")

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TrustedRestInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def require_token(request: Request) -> Optional[response.HTTPResponse]:
            if request.method == "POST" and not authorised(request.headers.get("Authorization"), self.token):
                logger.warning("officer channel: call without a valid token refused")
                return response.json({"error": "unauthorised"}, status=401)
            return None

        return webhook
