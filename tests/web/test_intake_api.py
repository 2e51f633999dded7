"""POST /api/signals: signature, size, JSON, schema, known indicators, idempotence."""
import json
import re
import threading

import pytest
from django.db import connection

from intake.audit.models import AuditEvent
from intake.signals.models import Signal
from tests.support.signals import make_signal, signed_post

pytestmark = pytest.mark.django_db


def test_stores_a_signal_once_and_answers_with_a_readable_reference(client):
    payload = make_signal()
    first = signed_post(client, payload)
    assert first.status_code == 201
    body = first.json()
    assert body["id"] == payload["id"]
    assert re.fullmatch(r"SIG-\d{4}-\d{6}", body["reference"])
    assert body["status"] == "new"

    again = signed_post(client, payload)
    assert again.status_code == 200
    assert again.json() == body
    assert Signal.objects.count() == 1


def test_indexed_columns_copy_the_payload(client):
    payload = make_signal(acute_danger=True)
    payload["assessment"]["priority"] = "urgent"
    payload["context"]["minor_involved"] = "yes"
    signed_post(client, payload)
    signal = Signal.objects.get()
    assert signal.payload == payload
    assert (signal.mode, signal.priority, signal.exploitation_type, signal.minor_involved) == ("live", "urgent", "labour", "yes")
    assert signal.acute_danger is True
    assert signal.reporter_pseudonym == payload["reporter"]["pseudonym"]
    assert AuditEvent.objects.filter(action="signal.received", signal_id=payload["id"]).count() == 1


def test_references_are_sequential(client):
    refs = [signed_post(client, make_signal()).json()["reference"] for _ in range(3)]
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in refs]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]


@pytest.mark.parametrize(
    "signature",
    [None, "", "sha256=" + "0" * 64, "md5=abc", "sha256=not-hex"],
    ids=["missing", "empty", "forged", "wrong-scheme", "garbage"],
)
def test_refuses_unsigned_and_forged_posts(client, signature):
    raw = json.dumps(make_signal()).encode()
    headers = {} if signature is None else {"HTTP_X_SIGNATURE": signature}
    response = client.post("/api/signals", data=raw, content_type="application/json", **headers)
    assert response.status_code == 401
    assert Signal.objects.count() == 0


def test_refuses_a_signature_made_with_another_secret(client):
    response = signed_post(client, make_signal(), secret="not-the-intake-secret")
    assert response.status_code == 401
    assert Signal.objects.count() == 0


def test_signature_covers_the_body(client):
    from signaal.signing import sign

    raw = json.dumps(make_signal()).encode()
    tampered = raw.replace(b'"high"', b'"low"')
    response = signed_post(client, body=tampered, signature=sign(raw, "test-intake-secret"))
    assert response.status_code == 401


def test_malformed_json_is_400(client):
    response = signed_post(client, body=b"{not json")
    assert response.status_code == 400
    assert Signal.objects.count() == 0


def test_oversized_body_is_413_before_anything_else(client):
    payload = make_signal(notes="x" * 70_000)
    response = signed_post(client, payload)
    assert response.status_code == 413
    # Even an unsigned giant is refused for its size, without being read.
    response = client.post("/api/signals", data=b"x" * 70_000, content_type="application/json")
    assert response.status_code == 413
    assert Signal.objects.count() == 0


def test_schema_violation_is_422_and_says_what_is_wrong(client):
    payload = make_signal(mode="practice")
    response = signed_post(client, payload)
    assert response.status_code == 422
    assert "mode" in response.json()["message"]
    payload = make_signal()
    del payload["assessment"]
    response = signed_post(client, payload)
    assert response.status_code == 422
    assert "assessment" in response.json()["message"]
    assert Signal.objects.count() == 0


def test_unknown_indicator_is_422(client):
    payload = make_signal()
    payload["indicators"].append({"id": "made_up_indicator", "answer": "yes", "source": "checklist"})
    response = signed_post(client, payload)
    assert response.status_code == 422
    assert "made_up_indicator" in response.json()["message"]
    assert Signal.objects.count() == 0


def test_get_without_token_is_401(client):
    assert client.get("/api/signals").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_concurrent_redeliveries_store_once(client):
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("in-memory SQLite is one connection; concurrency needs a file or PostgreSQL")
    payload = make_signal()
    results = []

    def deliver():
        from django.test import Client

        results.append(signed_post(Client(), payload).status_code)
        connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 200, 200, 201]
    assert Signal.objects.count() == 1
