"""Two Rasa servers on one PostgreSQL tracker store and a Redis lock store, behind nginx;
the intake on PostgreSQL, two servers behind nginx. A conversation may move between
servers mid-check."""
from __future__ import annotations

import os
import time
import uuid

import httpx
import psycopg

from tests.scale.conftest import PG


def say(url, sender, message):
    response = httpx.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60,
                          headers={"Authorization": f"Bearer {os.environ['SIGNAAL_RASA_TOKEN']}"})
    response.raise_for_status()
    return response.json()


def slots(scale, sender, server=0):
    response = httpx.get(f"{scale.rasa_urls[server]}/conversations/{sender}/tracker", params={"token": scale.rasa_token}, timeout=30)
    response.raise_for_status()
    return response.json()["slots"]


def test_a_check_continues_on_the_other_server(scale):
    sender = "web-" + uuid.uuid4().hex[:24]
    first, second = scale.rasa_urls
    say(first, sender, "/report_signal")
    say(second, sender, '/inform{"setting": "workplace"}')
    say(first, sender, '/inform{"persons": "2"}')
    for server in (0, 1):
        state = slots(scale, sender, server)
        assert state["setting"] == "workplace" and state["persons"] == "2"
        assert state["requested_slot"] == "exploitation_type"


def test_trackers_are_in_postgresql(scale, databases):
    sender = "web-" + uuid.uuid4().hex[:24]
    say(scale.rasa_urls[1], sender, "hallo")
    with psycopg.connect(f"{PG}/{databases['tracker']}") as conn:
        count = conn.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender,)).fetchone()[0]
    assert count > 0


def test_a_forwarded_signal_is_stored_in_the_postgresql_intake(scale, databases):
    sender = "web-" + uuid.uuid4().hex[:24]
    url = scale.front
    say(url, sender, "/report_signal")
    for _ in range(40):
        requested = slots(scale, sender)["requested_slot"]
        if requested is None:
            break
        answer = {"setting": '/inform{"setting": "border"}', "persons": '/inform{"persons": "1"}',
                  "exploitation_type": '/inform{"exploitation_type": "sexual"}'}.get(requested, "/affirm")
        say(url if requested != "persons" else scale.rasa_urls[1], sender, answer)
    say(url, sender, "/forward_signal")
    signal_id = slots(scale, sender)["signal_id"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with psycopg.connect(f"{PG}/{databases['intake']}") as conn:
            found = conn.execute("SELECT count(*) FROM signals_signal WHERE signal_id::text = %s",
                                 (signal_id,)).fetchone()[0]
        if found:
            break
        time.sleep(1)
    assert found == 1
    # ... and the intake on PostgreSQL serves it to a supervisor.
    token = scale.manage("create_account", "--role", "supervisor", "--name", "scale").strip().splitlines()[-1]
    listed = httpx.get(f"{scale.intake_front}/api/signals", headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
    assert [s["id"] for s in listed if s["id"] == signal_id] == [signal_id]


def test_nginx_spreads_officers_over_both_rasa_servers(scale):
    seen = set()
    for n in range(8):
        response = httpx.post(f"{scale.front}/webhooks/rest/webhook", timeout=60,
                              json={"sender": f"web-spread{n}{uuid.uuid4().hex[:8]}", "message": "hallo"},
                              headers={"Authorization": f"Bearer {scale.rasa_token}"})
        assert response.status_code == 200
        seen.add(response.headers["X-Signaal-Upstream"])
    assert seen == {url.replace("http://", "") for url in scale.rasa_urls}


def test_the_front_refuses_an_officer_call_without_the_token(scale):
    response = httpx.post(f"{scale.front}/webhooks/rest/webhook", json={"sender": "web-x", "message": "hallo"}, timeout=30)
    assert response.status_code == 401
