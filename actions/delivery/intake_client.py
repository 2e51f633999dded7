"""HTTP client for the intake point: signed POST of a signal, signed status read."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional
from urllib.parse import quote, urlsplit

import requests

from signaal.keys import BODY_SIGNING, SERVICE_AUTH, derive_text_key
from signaal.service_auth import signed_headers
from signaal.signing import timestamped_headers

DEFAULT_INTAKE = "http://127.0.0.1:8000"
TIMEOUT_SECONDS = 5


def signals_url() -> str:
    """SIGNAAL_INTAKE_URL may name the intake's base or its /api/signals endpoint."""
    url = (os.environ.get("SIGNAAL_INTAKE_URL") or DEFAULT_INTAKE).rstrip("/")
    return url if url.endswith("/api/signals") else url + "/api/signals"


def base_url() -> str:
    return signals_url()[: -len("/api/signals")]


@dataclass
class Delivery:
    ok: bool
    retry: bool
    reference: Optional[str] = None
    error: Optional[str] = None


def deliver(body: str) -> Delivery:
    """POST the signal exactly as stored; the signature covers these bytes, the path and now."""
    return _post_signed(signals_url(), body)


def deliver_addendum(signal_id: str, body: str) -> Delivery:
    """POST an addendum to its signal: /api/signals/<signal id>/addenda."""
    return _post_signed(f"{signals_url()}/{quote(signal_id, safe='')}/addenda", body)


def _post_signed(url: str, body: str) -> Delivery:
    raw = body.encode("utf-8")
    # Signed afresh on every attempt: the intake takes each signature once, within its window.
    headers = {"Content-Type": "application/json",
               **timestamped_headers("POST", urlsplit(url).path, raw, derive_text_key(BODY_SIGNING))}
    try:
        response = requests.post(url, data=raw, headers=headers, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as error:
        return Delivery(ok=False, retry=True, error=type(error).__name__)
    if 200 <= response.status_code < 300:
        try:
            reference = response.json().get("reference")
        except ValueError:
            reference = None
        return Delivery(ok=True, retry=False, reference=reference)
    # 408/429 and 5xx are passing troubles; any other 4xx (a wrong secret, URL or host) will not get
    # better by retrying: the entry is marked rejected for an administrator, never reported as kept.
    retry = response.status_code in (408, 429) or response.status_code >= 500
    return Delivery(ok=False, retry=retry, error=f"HTTP {response.status_code}: {response.text[:200]}")


def reporter_signals(pseudonym: str) -> Optional[List[Dict[str, Any]]]:
    """The officer's own live signals; None when the intake cannot be asked."""
    path = f"/api/reporters/{quote(pseudonym, safe='')}/signals"
    headers = signed_headers("GET", urlsplit(base_url()).path + path, derive_text_key(SERVICE_AUTH))
    try:
        response = requests.get(base_url() + path, headers=headers, timeout=TIMEOUT_SECONDS)
    except requests.RequestException:
        return None
    if response.status_code != 200:
        return None
    try:
        data = response.json()
    except ValueError:
        return None
    return data if isinstance(data, list) else data.get("signals", [])
