"""Every caller authenticated, on the real stack: Rasa's officer channel and the action
server refuse callers without their tokens and create nothing; no secret on a command line."""
from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.support.real_stack import PORTS, officer


@pytest.fixture(scope="module")
def supervisor_token(signaal):
    out = signaal.manage("create_account", "--role", "supervisor", "--name", "trust-supervisor")
    return out.strip().splitlines()[-1]


def user_events(signaal, sender):
    return [e for e in signaal.tracker(sender)["events"] if e["event"] == "user"]


@pytest.mark.parametrize("token", [None, "not-the-token"])
def test_the_officer_channel_refuses_callers_without_the_token(signaal, token):
    sender = officer()
    response = signaal.post_to_channel({"sender": sender, "message": "ik heb mogelijk een signaal"}, token=token)
    assert response.status_code == 401
    assert user_events(signaal, sender) == []  # nothing reached the conversation
    assert signaal.post_to_channel({"sender": sender, "message": "hallo"}).status_code == 200  # the trusted caller


def forged_forward(sender: str, signal_id: str) -> dict:
    """What an attacker on the host would POST: a hand-made tracker asking to forward an urgent signal."""
    return {
        "next_action": "action_forward_signal", "sender_id": sender, "version": "3.6.21", "domain": {},
        "tracker": {"sender_id": sender, "slots": {"signal_id": signal_id, "acute_danger": True, "violence": "yes"},
                    "latest_message": {"text": "/forward_signal", "intent": {"name": "forward_signal"}, "entities": []},
                    "events": [], "paused": False, "followup_action": None, "active_loop": {},
                    "latest_action_name": "action_listen"},
    }


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer forged"}])
def test_the_action_server_refuses_a_forged_tracker_and_no_signal_arrives(signaal, supervisor_token, headers):
    signal_id = str(uuid.uuid4())
    response = httpx.post(f"http://127.0.0.1:{PORTS.actions}/webhook", json=forged_forward("web-forger", signal_id),
                          headers=headers, timeout=30)
    assert response.status_code == 401
    assert httpx.get(f"http://127.0.0.1:{PORTS.actions}/actions", headers=headers, timeout=10).status_code == 401
    assert httpx.get(f"http://127.0.0.1:{PORTS.actions}/health", timeout=10).status_code == 200  # liveness only
    time.sleep(2)  # the outbox sender polls every second in tests
    stored = httpx.get(f"{signaal.web_url}/api/signals", headers={"Authorization": f"Bearer {supervisor_token}"},
                       params={"mode": "live"}, timeout=30).json()
    assert all(s["id"] != signal_id for s in stored)


def test_rasa_still_reaches_the_action_server_with_its_token(signaal):
    sender = officer()
    replies = signaal.say(sender, "/report_signal")  # runs custom actions (the first question)
    assert replies and signaal.slots(sender).get("signal_id")


def test_no_secret_on_any_command_line(signaal):
    """`ps` shows every process's command line to every user of the machine."""
    secrets = [signaal.rasa_token, signaal.env["SIGNAAL_ACTION_TOKEN"]]
    for part in signaal.stack.parts:
        if part.process is None:
            continue
        cmdline = Path(f"/proc/{part.process.pid}/cmdline").read_bytes().decode(errors="replace")
        assert not any(secret in cmdline for secret in secrets), part.name
        assert not re.search(r"--auth-token", cmdline), part.name
