"""Pseudonyms for officers: a keyed hash of the chat identity, never the raw id.

The same officer gets the same pseudonym in the bot, the Rasa tracker and the
forwarded signal, so they can see their own signals without being named.
"""
from __future__ import annotations

import hashlib
import hmac


def pseudonymise(channel: str, user_id: str, key: str) -> str:
    """A stable, non-reversible pseudonym such as ``tg-3f9a…`` for a chat user."""
    message = f"{channel}:{user_id}".encode("utf-8")
    digest = hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()
    prefix = {"telegram": "tg", "web": "web", "web-training": "oef"}.get(channel, channel[:3])
    return f"{prefix}-{digest[:24]}"
