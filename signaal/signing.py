"""HMAC-SHA256 signing of request bodies between the forwarder and the intake.

Header format (contract): ``X-Signature: sha256=<hex>`` over the raw body.
"""
from __future__ import annotations

import hashlib
import hmac
from typing import Optional

HEADER = "X-Signature"
_PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    """The header value for `body`."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def verify(body: bytes, header_value: Optional[str], secret: str) -> bool:
    """True when `header_value` signs `body`; compared in constant time."""
    if not header_value or not header_value.startswith(_PREFIX):
        return False
    expected = sign(body, secret)
    return hmac.compare_digest(expected.encode("ascii"), header_value.strip().encode("ascii", "replace"))
