"""Forwarding keeps the signal in the outbox first; delivery is signed and retried."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.forwarding import ActionForwardSignal
from actions.delivery.outbox import PENDING, REJECTED, SENT, outbox
from actions.delivery.sender import deliver_due
from tests.support.trackers import make_tracker
from signaal.secrets import get_secret
from signaal.keys import BODY_SIGNING, derive_text_key
from signaal.signing import verify, verify_timestamped


class FakeIntake(BaseHTTPRequestHandler):
    status = 201
    received = []
    headers_seen = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeIntake.received.append((body, self.headers.get("X-Signature")))
        FakeIntake.headers_seen.append((self.path, self.headers.get("X-Signaal-Timestamp")))
        self.send_response(FakeIntake.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": json.loads(body)["id"], "reference": "SIG-2026-000001", "status": "new"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def intake(monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), FakeIntake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeIntake.received, FakeIntake.headers_seen, FakeIntake.status = [], [], 201
    FakeIntake.url = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", FakeIntake.url)
    yield FakeIntake
    server.shutdown()


def forward(slots):
    dispatcher = CollectingDispatcher()
    events = ActionForwardSignal().run(dispatcher, make_tracker(slots, text="/forward_signal", intent="forward_signal",
                                                                active_loop=None), {})
    return dispatcher, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_forwarded_signal_is_signed_and_gets_the_intake_reference(intake):
    dispatcher, slots = forward({"signal_id": "11111111-1111-4111-8111-111111111111", "violence": "yes"})
    body, signature = intake.received[0]
    path, timestamp = intake.headers_seen[0]
    # Signed with the body-signing key over method, path, timestamp and body; not the contract's body-only form.
    assert verify_timestamped("POST", path, timestamp, signature, body, derive_text_key(BODY_SIGNING), window=300) is None
    assert not verify(body, signature, get_secret("SIGNAAL_INTAKE_SECRET"))
    assert json.loads(body)["indicators"] == [{"id": "violence", "answer": "yes", "source": "checklist"}]
    assert slots["signal_reference"] == "SIG-2026-000001"
    assert dispatcher.messages[0]["response"] == "utter_forwarded"
    assert outbox().get("11111111-1111-4111-8111-111111111111").status == SENT


def test_intake_down_keeps_the_signal_and_delivers_it_later(monkeypatch, intake):
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", "http://127.0.0.1:9")  # nothing listens there
    dispatcher, slots = forward({"signal_id": "22222222-2222-4222-8222-222222222222"})
    assert dispatcher.messages[0]["response"] == "utter_forward_queued"
    assert slots["signal_reference"].startswith("LOK-")
    item = outbox().get("22222222-2222-4222-8222-222222222222")
    assert item.status == PENDING and item.attempts == 1
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", intake.url)  # the intake is back
    assert deliver_due(now=10**12) >= 1
    assert outbox().get("22222222-2222-4222-8222-222222222222").status == SENT
    assert json.loads(intake.received[-1][0])["id"] == "22222222-2222-4222-8222-222222222222"


def test_a_refused_signal_is_not_retried(intake):
    intake.status = 422
    forward({"signal_id": "33333333-3333-4333-8333-333333333333"})
    assert outbox().get("33333333-3333-4333-8333-333333333333").status == REJECTED
    assert deliver_due(now=10**12) == 0


def test_forwarding_twice_keeps_one_outbox_entry(intake):
    forward({"signal_id": "44444444-4444-4444-8444-444444444444"})
    forward({"signal_id": "44444444-4444-4444-8444-444444444444"})
    assert len([b for b, _ in intake.received if b"44444444-4444" in b]) == 1


def test_an_exercise_is_never_forwarded_as_a_live_signal(intake):
    dispatcher, slots = forward({"signal_id": "55555555-5555-4555-8555-555555555555",
                                 "exercise_scenario": "nail_salon_rotterdam", "violence": "yes"})
    assert dispatcher.messages[0]["response"] == "utter_exercise_not_forwarded"
    assert intake.received == [] and outbox().get("55555555-5555-4555-8555-555555555555") is None
