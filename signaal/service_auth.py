"""Service-to-service authentication of small requests without a body (stdlib only).

The action server asks the intake for an officer's signals; it signs
``"<METHOD>\\n<path>\\n<unix seconds>"`` with the intake secret both share and
sends ``X-Signaal-Timestamp`` and ``X-Signature``. A stale timestamp is
refused, so a captured request cannot be replayed after `max_skew` seconds.
Runs on Python 3.10 (action server) and 3.12 (intake).
"""
from __future__ import annotations

import hashlib
import hmac
import time
from typing import Optional

TIMESTAMP_HEADER = "X-Signaal-Timestamp"
SIGNATURE_HEADER = "X-Signature"
_PREFIX = "sha256="


def _message(method: str, path: str, timestamp: str) -> bytes:
    return f"{method.upper()}\n{path}\n{timestamp}".encode("utf-8")


def sign_request(method: str, path: str, timestamp: "int | str", secret: str) -> str:
    """The `X-Signature` header value for a request to `path` at `timestamp` (unix seconds)."""
    digest = hmac.new(secret.encode("utf-8"), _message(method, path, str(int(timestamp))), hashlib.sha256)
    return _PREFIX + digest.hexdigest()


def signed_headers(method: str, path: str, secret: str, now: Optional[float] = None) -> dict:
    """Both headers for a request made now; what a client usually wants."""
    timestamp = int(time.time() if now is None else now)
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign_request(method, path, timestamp, secret)}


def verify_request(
    method: str,
    path: str,
    timestamp_header: Optional[str],
    signature_header: Optional[str],
    secret: str,
    now: Optional[float] = None,
    max_skew: int = 300,
) -> bool:
    """True when the signature is right (constant-time compare) and the timestamp is fresh."""
    if not timestamp_header or not signature_header or not secret:
        return False
    try:
        timestamp = int(timestamp_header.strip())
    except ValueError:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > max_skew:
        return False
    expected = sign_request(method, path, timestamp, secret)
    return hmac.compare_digest(expected.encode("ascii"), signature_header.strip().encode("ascii", "replace"))
