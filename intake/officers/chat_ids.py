"""Officers' Telegram chat ids, kept encrypted (Fernet) with a keyed hash (HMAC) for lookups.

The chat id is the officer's Telegram user id in a private chat, so in plain
text it would undo the pseudonym. The bot needs it back only to send an
outcome; everything else finds an officer by pseudonym or by the hash.
Keys: derived from the secrets with their own labels (signaal.keys).
"""
from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet

from signaal.keys import CHAT_ID_ENCRYPTION, CHAT_ID_LOOKUP, derive_key, derive_text_key


def _fernet() -> Fernet:
    return Fernet(derive_text_key(CHAT_ID_ENCRYPTION).encode("ascii"))


def encrypt_chat_id(chat_id: int) -> str:
    return _fernet().encrypt(str(int(chat_id)).encode("ascii")).decode("ascii")


def decrypt_chat_id(token: str) -> int:
    return int(_fernet().decrypt(token.encode("ascii")).decode("ascii"))


def chat_id_hash(chat_id: int) -> str:
    """The lookup key: HMAC-SHA256 of the chat id, so equal ids match without being readable."""
    return hmac.new(derive_key(CHAT_ID_LOOKUP), str(int(chat_id)).encode("ascii"), hashlib.sha256).hexdigest()
