"""Forwarding keeps the signal in the outbox first; delivery is signed and retried."""
import asyncio
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
    paths = []
    headers_seen = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeIntake.received.append((body, self.headers.get("X-Signature")))
        FakeIntake.paths.append(self.path)
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
    FakeIntake.received, FakeIntake.paths, FakeIntake.headers_seen, FakeIntake.status = [], [], [], 201
    FakeIntake.url = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", FakeIntake.url)
    yield FakeIntake
    server.shutdown()


def forward(slots):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionForwardSignal().run(
        dispatcher, make_tracker(slots, text="/forward_signal", intent="forward_signal", active_loop=None), {}))
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


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_refused_signal_is_never_reported_as_kept(intake, monkeypatch, status):
    """A wrong secret (401), URL (404) or host (400): the officer hears it did not arrive, and whom to call."""
    monkeypatch.setenv("SIGNAAL_INTAKE_PHONE", "088-1234567")
    intake.status = status
    signal_id = f"3333333{status % 10}-0000-4000-8000-00000000{status:04d}"
    dispatcher, slots = forward({"signal_id": signal_id})
    message = dispatcher.messages[0]
    assert message["response"] == "utter_forward_rejected"
    assert message["phone"] == "088-1234567"
    assert "utter_forward_queued" not in [m["response"] for m in dispatcher.messages]
    # Pressing "Doorsturen" again says the same, never "forwarded" or "kept".
    again, _ = forward({"signal_id": signal_id, "signal_reference": slots["signal_reference"]})
    assert again.messages[0]["response"] == "utter_forward_rejected"


def test_an_administrator_sees_a_rejected_entry_and_retries_it_keeping_its_id(intake, capsys):
    from actions.delivery import admin

    intake.status = 401
    signal_id = "36363636-3636-4636-8636-363636363636"
    forward({"signal_id": signal_id, "notes": "geheime notitie"})
    assert admin.main(["list"]) == 0
    listed = capsys.readouterr().out
    assert signal_id in listed and "rejected" in listed and "HTTP 401" in listed
    assert "geheime notitie" not in listed  # ids and states, never content
    intake.status = 201  # the cause is fixed
    assert admin.main(["retry", signal_id]) == 0
    assert deliver_due(now=10**12) >= 1
    item = outbox().get(signal_id)
    assert item.status == SENT and json.loads(intake.received[-1][0])["id"] == signal_id
    assert admin.main(["retry", "00000000-0000-4000-8000-000000000000"]) == 1


def test_a_note_added_after_forwarding_goes_as_an_addendum_to_the_same_signal(intake):
    signal_id = "37373737-3737-4737-8737-373737373737"
    dispatcher, slots = forward({"signal_id": signal_id, "notes": "eerste notitie"})
    assert dispatcher.messages[0]["response"] == "utter_forwarded"
    reference = slots["signal_reference"]
    later, _ = forward({"signal_id": signal_id, "signal_reference": reference,
                        "notes": "eerste notitie\ntweede notitie",
                        "location": {"lat": 52.1, "lon": 5.1}})
    assert later.messages[0]["response"] == "utter_addendum_sent"
    assert later.messages[0]["reference"] == reference
    assert intake.paths[-1] == f"/api/signals/{signal_id}/addenda"
    addendum = json.loads(intake.received[-1][0])
    assert addendum["signal_id"] == signal_id
    assert addendum["notes"] == "tweede notitie" and addendum["location"] == {"lat": 52.1, "lon": 5.1}
    path, timestamp = intake.headers_seen[-1]
    assert verify_timestamped("POST", path, timestamp, intake.received[-1][1], intake.received[-1][0],
                              derive_text_key(BODY_SIGNING), window=300) is None
    # Nothing new since: said plainly, and nothing is sent.
    posts = len(intake.received)
    same, _ = forward({"signal_id": signal_id, "signal_reference": reference,
                       "notes": "eerste notitie\ntweede notitie", "location": {"lat": 52.1, "lon": 5.1}})
    assert same.messages[0]["response"] == "utter_nothing_new"
    assert len(intake.received) == posts


def test_an_addendum_waits_while_the_intake_is_down_and_follows_its_signal(intake, monkeypatch):
    signal_id = "38383838-3838-4838-8838-383838383838"
    _, slots = forward({"signal_id": signal_id})
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", "http://127.0.0.1:9")
    later, _ = forward({"signal_id": signal_id, "signal_reference": slots["signal_reference"], "notes": "nog iets"})
    assert later.messages[0]["response"] == "utter_addendum_kept"
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", intake.url)
    assert deliver_due(now=10**12) >= 1
    assert intake.paths[-1] == f"/api/signals/{signal_id}/addenda"


def test_a_note_added_while_the_signal_waits_is_sent_with_it(intake, monkeypatch):
    signal_id = "39393939-3939-4939-8939-393939393939"
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", "http://127.0.0.1:9")
    _, slots = forward({"signal_id": signal_id})
    queued, _ = forward({"signal_id": signal_id, "signal_reference": slots["signal_reference"], "notes": "later"})
    assert queued.messages[0]["response"] == "utter_forward_queued"
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", intake.url)
    deliver_due(now=10**12)
    assert json.loads(intake.received[-1][0])["notes"] == "later"


def test_a_claimed_entry_is_not_sent_by_a_second_sender(intake):
    from actions.delivery.outbox import Outbox

    first, second = outbox(), Outbox(str(outbox().engine.url))  # two action servers, one outbox
    first.put({"id": "40404040-4040-4040-8040-404040404040"})
    assert first.claim("40404040-4040-4040-8040-404040404040", "server-a")
    assert not second.claim("40404040-4040-4040-8040-404040404040", "server-b")
    assert all(i.id != "40404040-4040-4040-8040-404040404040" for i in second.claim_due("server-b", now=10**9))
    # The claim is a lease: a sender that died leaves the entry to the next.
    import time as _time
    assert second.claim("40404040-4040-4040-8040-404040404040", "server-b", now=_time.time() + 120)
    first.mark_sent("40404040-4040-4040-8040-404040404040", "SIG-X")


def test_delivered_entries_are_pruned_after_retention(intake):
    import time as _time

    forward({"signal_id": "41414141-4141-4141-8141-414141414141", "notes": "weg na bewaartermijn"})
    assert outbox().prune_sent(30 * 86400) == 0
    assert outbox().prune_sent(30 * 86400, now=_time.time() + 31 * 86400) >= 1
    assert outbox().get("41414141-4141-4141-8141-414141414141") is None


def test_forwarding_twice_keeps_one_outbox_entry(intake):
    forward({"signal_id": "44444444-4444-4444-8444-444444444444"})
    forward({"signal_id": "44444444-4444-4444-8444-444444444444"})
    assert len([b for b, _ in intake.received if b"44444444-4444" in b]) == 1


def test_an_exercise_is_never_forwarded_as_a_live_signal(intake):
    dispatcher, slots = forward({"signal_id": "55555555-5555-4555-8555-555555555555",
                                 "exercise_scenario": "nail_salon_rotterdam", "violence": "yes"})
    assert dispatcher.messages[0]["response"] == "utter_exercise_not_forwarded"
    assert intake.received == [] and outbox().get("55555555-5555-4555-8555-555555555555") is None


def test_a_practice_only_chat_is_told_plainly_and_nothing_is_sent(intake):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"signal_id": "42424242-4242-4242-8242-424242424242"}, text="/forward_signal",
                           intent="forward_signal", active_loop=None, sender="oef-0123456789abcdef01234567")
    asyncio.run(ActionForwardSignal().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["response"] == "utter_practice_not_forwarded"
    assert intake.received == [] and outbox().get("42424242-4242-4242-8242-424242424242") is None
