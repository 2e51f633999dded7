"""The PostgreSQL outbox shared by two senders (two action servers): every signal
delivered once, none twice, none left behind when one sender dies mid-claim.
Runs in the Rasa environment (`make test-scale`); creates and drops its own database."""
from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("SIGNAAL_STATE_DIR", tempfile.mkdtemp(prefix="signaal-scale-outbox-"))

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from actions.delivery.outbox import Outbox  # noqa: E402
from actions.delivery.sender import deliver_due  # noqa: E402

PG = os.environ.get("SCALE_PG_URL", "postgresql://postgres@127.0.0.1:5432")
SIGNALS = 120


class CountingIntake(BaseHTTPRequestHandler):
    posts: Counter = Counter()
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        time.sleep(0.01)  # a little work, so the senders overlap
        with CountingIntake.lock:
            CountingIntake.posts[body["id"]] += 1
        data = json.dumps({"id": body["id"], "reference": "SIG-" + body["id"][:8]}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def database():
    name = f"signaal_outbox_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(f"{PG}/postgres", isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield f"{PG}/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def intake(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingIntake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    CountingIntake.posts = Counter()
    monkeypatch.setenv("SIGNAAL_INTAKE_URL", f"http://127.0.0.1:{server.server_port}")
    yield CountingIntake
    server.shutdown()


def run_two_senders(first: Outbox, second: Outbox) -> None:
    """Two senders (two action servers) deliver from one PostgreSQL outbox at the same time, until it is empty."""
    def run(box, owner):
        deadline = time.monotonic() + 100
        while box.unsent() and time.monotonic() < deadline:
            deliver_due(box=box, owner=owner)

    senders = [threading.Thread(target=run, args=(box, f"server-{n}")) for n, box in enumerate((first, second))]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=120)


def test_two_senders_on_one_postgresql_outbox_deliver_every_signal_exactly_once(database, intake):
    first, second = Outbox(database), Outbox(database)
    assert first._postgres  # FOR UPDATE SKIP LOCKED path
    ids = [str(uuid.uuid4()) for _ in range(SIGNALS)]
    for signal_id in ids:
        first.put({"id": signal_id})

    run_two_senders(first, second)
    assert set(intake.posts) == set(ids)
    assert max(intake.posts.values()) == 1, [i for i, n in intake.posts.items() if n > 1]
    assert first.unsent() == []


def test_a_claim_of_a_dead_sender_expires_and_the_other_sender_delivers(database, intake):
    box, other = Outbox(database), Outbox(database)
    signal_id = str(uuid.uuid4())
    box.put({"id": signal_id})
    assert [i.id for i in box.claim_due("dying-server")] == [signal_id]  # claimed, then the server dies
    assert deliver_due(box=other, owner="server-b") == 0  # the lease still holds
    assert deliver_due(box=other, owner="server-b", now=time.time() + 120) == 1  # lease over
    assert intake.posts[signal_id] == 1


def test_per_officer_order_holds_after_an_outage(database, intake, monkeypatch):
    """The intake is down while three officers confirm signals; when it is back, two
    senders deliver each officer's signals in the order they were confirmed."""
    first, second = Outbox(database), Outbox(database)
    confirmed = {f"officer-{n}": [] for n in range(3)}
    for round_ in range(6):
        for officer, ids in confirmed.items():
            signal_id = str(uuid.uuid4())
            ids.append(signal_id)
            first.put({"id": signal_id, "reporter": {"pseudonym": officer}})
    order = []
    original = CountingIntake.do_POST

    def recording(handler):
        length = int(handler.headers["Content-Length"])
        raw = handler.rfile.read(length)
        with CountingIntake.lock:
            order.append(json.loads(raw)["id"])
        handler.rfile = __import__("io").BytesIO(raw)
        handler.headers.replace_header("Content-Length", str(len(raw)))
        original(handler)

    monkeypatch.setattr(CountingIntake, "do_POST", recording)
    # Only the oldest entry of each officer may be claimed now.
    claimable = {i.id for i in first.claim_due("probe")}
    assert claimable == {ids[0] for ids in confirmed.values()}
    for item_id in claimable:
        first.release(item_id)

    run_two_senders(first, second)
    assert max(intake.posts.values()) == 1
    for ids in confirmed.values():
        assert [i for i in order if i in ids] == ids
