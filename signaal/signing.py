"""HMAC-SHA256 signing of request bodies between the forwarder and the intake.

Two forms, told apart by the timestamp header:

- contract form: ``X-Signature: sha256=<hex>`` over the raw body, keyed with
  SIGNAAL_INTAKE_SECRET (docs/intake.md; outside callers may still use it);
- timestamped form, what our own callers send: ``X-Signaal-Timestamp: <unix
  seconds>`` and ``X-Signature: sha256=<hex>`` over
  ``"signaal-body-v1\\n<METHOD>\\n<path>\\n<timestamp>\\n" + body``, keyed with
  the derived body-signing key (signaal.keys). The intake refuses it outside
  its window and refuses a signature it has seen before.

A captured timestamped signature cannot be turned into a contract-form one:
the messages and the keys differ.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from typing import Dict, Optional

HEADER = "X-Signature"
TIMESTAMP_HEADER = "X-Signaal-Timestamp"
_PREFIX = "sha256="
_VERSION = b"signaal-body-v1"


def sign(body: bytes, secret: str) -> str:
    """The contract-form header value for `body`."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return _PREFIX + digest


def _same(expected: str, header_value: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), header_value.strip().encode("ascii", "replace"))


def verify(body: bytes, header_value: Optional[str], secret: str) -> bool:
    """True when `header_value` signs `body` in the contract form; compared in constant time."""
    if not header_value or not header_value.startswith(_PREFIX):
        return False
    return _same(sign(body, secret), header_value)


def _message(method: str, path: str, timestamp: int, body: bytes) -> bytes:
    return b"\n".join([_VERSION, method.upper().encode("ascii"), path.encode("utf-8"), str(timestamp).encode("ascii"), body])


def sign_timestamped(method: str, path: str, timestamp: "int | str", body: bytes, key: str) -> str:
    digest = hmac.new(key.encode("utf-8"), _message(method, path, int(timestamp), body), hashlib.sha256)
    return _PREFIX + digest.hexdigest()


def timestamped_headers(method: str, path: str, body: bytes, key: str, now: Optional[float] = None) -> Dict[str, str]:
    """Both headers for sending `body` to `path` now."""
    timestamp = int(time.time() if now is None else now)
    return {TIMESTAMP_HEADER: str(timestamp), HEADER: sign_timestamped(method, path, timestamp, body, key)}


def verify_timestamped(
    method: str,
    path: str,
    timestamp_header: Optional[str],
    signature_header: Optional[str],
    body: bytes,
    key: str,
    window: int,
    now: Optional[float] = None,
) -> Optional[str]:
    """None when the signature is right and fresh; otherwise why not ("bad_signature" or "stale")."""
    if not timestamp_header or not signature_header or not signature_header.startswith(_PREFIX):
        return "bad_signature"
    try:
        timestamp = int(timestamp_header.strip())
    except ValueError:
        return "bad_signature"
    if not _same(sign_timestamped(method, path, timestamp, body, key), signature_header):
        return "bad_signature"
    current = time.time() if now is None else now
    if abs(current - timestamp) > window:
        return "stale"
    return None
