"""Faults under load on the scale-out layout (stack/scale.py), bounded in time and count.

Each test runs simulated officers (tests/scale/load.py) through nginx, causes one
fault, and checks that every confirmed signal is at the intake exactly once.
The figures (checks running at the fault, lost, duplicated) are printed for
docs/scaling.md (`pytest -s`). The Rasa kill comes last: the killed server is
not started again (that would cost minutes of CPU for nothing).
"""
from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import Counter

import httpx
import psycopg

from stack.officer import CONTEXT_ANSWERS
from stack.private_redis import ping
from tests.scale.conftest import PG
from tests.scale.load import Load

OFFICERS = int(os.environ.get("SCALE_FAULT_OFFICERS", "4"))


def report(fault: str, running: int, load: Load, stored: dict) -> None:
    ids = load.ids()
    lost = [i for i in ids if i not in stored]
    duplicated = [i for i, n in stored.items() if n > 1] + [i for i, n in Counter(ids).items() if n > 1]
    print(f"\nFAULT {fault}: checks running {running}, confirmed {len(ids)}, lost {len(lost)}, "
          f"duplicated {len(duplicated)}, failed calls retried {load.errors}")
    assert lost == [] and duplicated == []


def kill9(part) -> None:
    os.killpg(part.process.pid, signal.SIGKILL)
    part.process.wait()


def outbox_sent(scale, ids) -> Counter:
    with psycopg.connect(f"{PG}/{scale.names['outbox']}") as conn:
        rows = conn.execute("SELECT id FROM outbox WHERE status = 'sent' AND id = ANY(%s)", (ids,)).fetchall()
    return Counter(r[0] for r in rows)


def test_kill_9_of_an_action_server_while_forwarding(scale):
    load = Load(scale, OFFICERS, checks_each=2).start()
    # The moment: officers are forwarding (the action server runs action_forward_signal).
    load.wait_until(lambda: sum(load.forwarding.values()) >= 1, timeout=400)
    running, forwarding = load.running(), sum(load.forwarding.values())
    kill9(scale.part("actions1"))
    load.wait(timeout=600)
    stored = scale.wait_stored(load.ids())
    assert all(n == 1 for n in outbox_sent(scale, load.ids()).values())
    report(f"kill -9 action server while forwarding ({forwarding} forwarding at that moment)", running, load, stored)
    scale.restart(["actions1"])


def test_intake_down_under_load_then_back_delivers_once_in_order_per_officer(scale):
    scale.stack.stop(["intake1", "intake2"])
    load = Load(scale, 3, checks_each=3).start()
    load.wait(timeout=600)  # every signal confirmed ("kept") while the intake is away
    running = 3
    ids = load.ids()
    assert scale.stored(ids) == {}
    scale.restart(["intake1", "intake2"])
    stored = scale.wait_stored(ids, timeout=180)
    with psycopg.connect(f"{PG}/{scale.names['intake']}") as conn:
        arrived = [r[0] for r in conn.execute("SELECT signal_id::text FROM signals_signal WHERE signal_id::text = ANY(%s)"
                                              " ORDER BY id", (ids,)).fetchall()]
    for officer in load.names:
        confirmed = [c.signal_id for c in sorted(load.confirmed, key=lambda c: c.at) if c.officer == officer]
        assert [i for i in arrived if i in confirmed] == confirmed, officer
    report("intake down under load, then back", running, load, stored)


def events_interleaved(events: list) -> list:
    """User messages that arrived while the previous one was still being handled (no action_listen between)."""
    bad, listening = [], True
    for event in events:
        if event.get("event") == "user":
            if not listening:
                bad.append(event.get("text"))
            listening = False
        elif event.get("event") == "action" and event.get("name") == "action_listen":
            listening = True
    return bad


def test_redis_restarted_mid_load(scale):
    load = Load(scale, OFFICERS, checks_each=2).start()
    sender = "web-redis" + uuid.uuid4().hex[:16]
    assert scale.say(sender, "/report_signal").status_code == 200
    load.wait_until(lambda: load.running() >= OFFICERS, timeout=120)
    time.sleep(3)
    running = load.running() + 1
    redis = scale.part("redis")
    scale.stack.stop(["redis"])  # every lock is gone with it (it keeps nothing on disk)
    # While it is away: two servers are sent the same conversation at once; neither may handle it unlocked.
    answers = []

    def both(url):
        try:
            answers.append(scale.say(sender, '/inform{"setting": "workplace"}', url).status_code)
        except httpx.HTTPError as error:
            answers.append(type(error).__name__)

    threads = [threading.Thread(target=both, args=(url,)) for url in scale.rasa_urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    time.sleep(5)
    scale.restart(["redis"])
    assert ping(scale.ports.redis)
    # ... and again once it is back, with empty locks.
    answers_back = []
    threads = [threading.Thread(target=lambda url=url: answers_back.append(
        scale.say(sender, '/inform{"persons": "2"}', url).status_code)) for url in scale.rasa_urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    load.wait(timeout=600)
    stored = scale.wait_stored(load.ids())
    for officer in [*load.names, sender]:
        events = scale.tracker(officer)["events"]
        assert events_interleaved(events) == [], officer
    print(f"\nREDIS away: concurrent calls answered {answers}; back: {answers_back}")
    assert redis.process is not None
    report("Redis restarted mid-load", running, load, stored)


def last_question(events: list) -> str:
    texts = [e.get("text") for e in events if e.get("event") == "bot" and e.get("text")]
    return texts[-1] if texts else ""


def test_kill_9_of_the_rasa_server_holding_a_conversation_mid_check(scale):
    load = Load(scale, OFFICERS, checks_each=1, pause=0.5).start()
    sender = "web-kill" + uuid.uuid4().hex[:16]
    response = scale.say(sender, "/report_signal")
    for _ in range(3):  # a few answers into the check
        response = scale.say(sender, CONTEXT_ANSWERS.get(scale.slots(sender)["requested_slot"], "/deny"))
        assert response.status_code == 200
    holder_port = int(response.headers["X-Signaal-Upstream"].rsplit(":", 1)[1])
    holder = scale.rasa_urls.index(f"http://127.0.0.1:{holder_port}")
    other = scale.rasa_urls[1 - holder]
    before = scale.tracker(sender, scale.rasa_urls[holder])
    running = load.running() + 1
    kill9(scale.part(f"rasa{holder + 1}"))
    # The other server has the conversation where it was: the same question is open, no event lost.
    after = scale.tracker(sender, other)
    assert after["slots"]["requested_slot"] == before["slots"]["requested_slot"]
    assert last_question(after["events"]) == last_question(before["events"])
    assert len(after["events"]) == len(before["events"])
    # The officer's next message goes through nginx and is answered by the other server.
    response = scale.say(sender, CONTEXT_ANSWERS.get(before["slots"]["requested_slot"], "/deny"))
    assert response.status_code == 200 and response.json()
    assert response.headers["X-Signaal-Upstream"].endswith(f":{other.rsplit(':', 1)[1]}")
    assert scale.slots(sender)[before["slots"]["requested_slot"]] is not None
    load.wait(timeout=600)
    stored = scale.wait_stored(load.ids())
    report("kill -9 Rasa server holding the conversation", running, load, stored)
