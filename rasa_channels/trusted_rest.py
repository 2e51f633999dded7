"""The officer channel: Rasa's REST channel, for trusted callers only.

Rasa's own REST channel takes a `sender` from anyone who can reach the port,
so any local process could continue another officer's check or forge a
reporter. This one answers 401 unless the caller sends
`Authorization: Bearer <SIGNAAL_RASA_TOKEN>` (the bot, the web chat, test and
load tools hold it); only then is `sender` trusted as the officer's
pseudonym. Same URL as the built-in channel: /webhooks/rest/webhook.

Unlike the built-in channel, a message Rasa could not handle (no lock while
Redis is away, the tracker store down) is answered 503, so the bot and the web
chat keep it and send it again, instead of a 200 with no answer; and the log
names the error, never the officer's text.
"""
from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
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
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not authorised(request.headers.get("Authorization"), self.token):
                logger.warning("officer channel: call without a valid token refused")
                return response.json({"error": "unauthorised"}, status=401)
            body = _json_object(request)
            if body is None or not isinstance(body.get("sender"), str) or not isinstance(body.get("message"), str):
                return response.json({"error": "bad_request", "message": "JSON {sender, message} expected"}, status=400)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(body["message"], collector, body["sender"],
                                                 input_channel=self.name(), metadata=self.get_metadata(request)))
            except Exception as error:  # noqa: BLE001 - whatever it was, the caller must keep the message
                logger.error("officer channel: a message was not handled (%s); answered 503 so the caller keeps it",
                             type(error).__name__)
                return response.json({"error": "not_handled"}, status=503)
            return response.json(collector.messages)

        return webhook


def _json_object(request: Request) -> Optional[Dict[str, Any]]:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - sanic raises its own error types on a malformed body
        return None
    return body if isinstance(body, dict) else None
