"""signaal.service_auth: signing requests between the action server and the intake."""
from signaal.service_auth import sign_request, signed_headers, verify_request

SECRET = "shared-secret"
PATH = "/api/reporters/tg-abc/signals"


def test_a_fresh_signed_request_verifies():
    signature = sign_request("GET", PATH, 1_800_000_000, SECRET)
    assert signature.startswith("sha256=") and len(signature) == 7 + 64
    assert verify_request("GET", PATH, "1800000000", signature, SECRET, now=1_800_000_010)


def test_other_secret_path_method_or_timestamp_fail():
    signature = sign_request("GET", PATH, 1_800_000_000, SECRET)
    now = 1_800_000_000
    assert not verify_request("GET", PATH, "1800000000", signature, "other", now=now)
    assert not verify_request("GET", "/api/reporters/tg-xyz/signals", "1800000000", signature, SECRET, now=now)
    assert not verify_request("POST", PATH, "1800000000", signature, SECRET, now=now)
    assert not verify_request("GET", PATH, "1800000001", signature, SECRET, now=now)


def test_stale_or_future_timestamps_are_refused():
    signature = sign_request("GET", PATH, 1_800_000_000, SECRET)
    assert not verify_request("GET", PATH, "1800000000", signature, SECRET, now=1_800_000_301)
    assert not verify_request("GET", PATH, "1800000000", signature, SECRET, now=1_799_999_699)
    assert verify_request("GET", PATH, "1800000000", signature, SECRET, now=1_800_000_300)


def test_missing_or_malformed_headers_are_refused():
    signature = sign_request("GET", PATH, 1_800_000_000, SECRET)
    now = 1_800_000_000
    assert not verify_request("GET", PATH, None, signature, SECRET, now=now)
    assert not verify_request("GET", PATH, "1800000000", None, SECRET, now=now)
    assert not verify_request("GET", PATH, "soon", signature, SECRET, now=now)
    assert not verify_request("GET", PATH, "1800000000", signature.upper(), SECRET, now=now)
    assert not verify_request("GET", PATH, "1800000000", signature, "", now=now)


def test_signed_headers_carry_both_values():
    headers = signed_headers("GET", PATH, SECRET, now=1_800_000_000.7)
    assert headers["X-Signaal-Timestamp"] == "1800000000"
    assert verify_request("GET", PATH, headers["X-Signaal-Timestamp"], headers["X-Signature"], SECRET, now=1_800_000_001)
