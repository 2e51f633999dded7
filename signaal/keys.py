"""One key per purpose, derived from the shared intake secret with HKDF and a label.

Body signing, service-to-service authentication and the encryption and
lookup of officers' chat ids each use their own key, so a key leaked or
misused for one purpose (a log of service signatures, a database dump) does
not serve another. The contract's body-only signature still uses the secret
itself (docs/intake.md). Runs on Python 3.10 and 3.12.
"""
from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from signaal.secrets import get_secret

BODY_SIGNING = "signaal/intake-body-signing/v1"
SERVICE_AUTH = "signaal/service-auth/v1"
CHAT_ID_ENCRYPTION = "signaal/telegram-chat-id-encryption/v1"
CHAT_ID_LOOKUP = "signaal/telegram-chat-id-lookup/v1"
WAITING_MESSAGE_ENCRYPTION = "signaal/bot-waiting-message-encryption/v1"
# Training classes: a trainee's chat pseudonym is stored only as a keyed hash beside the display name (intake/training/classes.py).
CLASS_MEMBER = "signaal/training-class-member/v1"
LABELS = (BODY_SIGNING, SERVICE_AUTH, CHAT_ID_ENCRYPTION, CHAT_ID_LOOKUP, WAITING_MESSAGE_ENCRYPTION, CLASS_MEMBER)


@lru_cache(maxsize=32)
def _derive(secret: str, label: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label.encode("ascii")).derive(
        secret.encode("utf-8")
    )


def derive_key(label: str, secret: str | None = None) -> bytes:
    """32 bytes for `label` (one of LABELS), from `secret` or SIGNAAL_INTAKE_SECRET."""
    if label not in LABELS:
        raise KeyError(f"unknown key label {label}")
    return _derive(secret if secret is not None else get_secret("SIGNAAL_INTAKE_SECRET"), label)


def derive_text_key(label: str, secret: str | None = None) -> str:
    """The derived key as URL-safe base64 text: what the HMAC helpers and Fernet take."""
    return base64.urlsafe_b64encode(derive_key(label, secret)).decode("ascii")
