"""Forwarding over real HTTP: refusals store nothing; an outage loses nothing;
the review pages and the exercise results keep to their roles."""
from __future__ import annotations

import json
import re
import time
import uuid

import httpx
import pytest

from tests.support.checklist_driver import run_checklist
from tests.support.real_stack import officer, texts
from signaal.secrets import get_secret
from signaal.signing import sign


def account(signaal, role, name):
    out = signaal.manage("create_account", "--role", role, "--name", name)
    password = re.search(r"password: (\S+)", out).group(1)
    return {"token": out.strip().splitlines()[-1], "password": password, "name": name}


@pytest.fixture(scope="module")
def supervisor(signaal):
    return account(signaal, "supervisor", "fwd-supervisor")


@pytest.fixture(scope="module")
def trainer(signaal):
    return account(signaal, "trainer", "fwd-trainer")


def api(signaal, token, path="/api/signals", **params):
    return httpx.get(f"{signaal.web_url}{path}", headers={"Authorization": f"Bearer {token}"}, params=params, timeout=30)


def wait_for(signaal, token, signal_id, mode="live", timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [s for s in api(signaal, token, mode=mode).json() if s["id"] == signal_id]
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"{signal_id} not stored within {timeout}s")


def a_signal():
    return {
        "id": str(uuid.uuid4()), "created_at": "2026-11-28T12:00:00+00:00", "mode": "live", "language": "nl",
        "reporter": {"pseudonym": "web-e2e"}, "context": {"exploitation_type": "labour", "minor_involved": "no"},
        "indicators": [{"id": "violence", "answer": "yes", "source": "checklist"}],
        "assessment": {"priority": "high", "dimensions": {}, "ilo_likely_victim": False}, "acute_danger": False,
    }


def post(signaal, body: bytes, signature=None):
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Signature"] = signature
    return httpx.post(f"{signaal.web_url}/api/signals", content=body, headers=headers, timeout=30)


def test_forged_unsigned_malformed_and_oversized_posts_store_nothing(signaal, supervisor):
    secret = get_secret("SIGNAAL_INTAKE_SECRET")
    before = len(api(signaal, supervisor["token"]).json())
    body = json.dumps(a_signal()).encode()
    assert post(signaal, body).status_code == 401
    assert post(signaal, body, sign(body, "not-the-secret")).status_code == 401
    malformed = b'{"id": "x", '
    assert post(signaal, malformed, sign(malformed, secret)).status_code == 400
    invalid = json.dumps({**a_signal(), "mode": "bogus"}).encode()
    assert post(signaal, invalid, sign(invalid, secret)).status_code in (400, 422)
    huge = json.dumps({**a_signal(), "notes": "x" * 200_000}).encode()
    assert post(signaal, huge, sign(huge, secret)).status_code == 413
    assert len(api(signaal, supervisor["token"]).json()) == before
    # The genuine one: stored once, a redelivery answers 200 with the same reference.
    first = post(signaal, body, sign(body, secret))
    again = post(signaal, body, sign(body, secret))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]


def test_review_pages_refuse_anonymous_users_and_other_roles(signaal, supervisor, trainer):
    anonymous = httpx.get(f"{signaal.web_url}/review/", timeout=30)
    assert anonymous.status_code in (302, 401, 403) or "login" in str(anonymous.url)
    assert api(signaal, trainer["token"]).status_code == 403          # trainers: no live signals
    assert api(signaal, supervisor["token"], mode="exercise").status_code == 403  # supervisors: no exercises
    assert api(signaal, "forged-token").status_code == 401
    with httpx.Client(base_url=signaal.web_url, timeout=30) as browser:
        page = browser.get("/login/")
        csrf = browser.cookies.get("csrftoken")
        login = browser.post("/login/", data={"username": trainer["name"], "password": trainer["password"],
                                              "csrfmiddlewaretoken": csrf}, headers={"Referer": f"{signaal.web_url}/login/"})
        # The trainer really is logged in (else the refusal below would prove nothing) ...
        assert login.status_code == 302 and "/login" not in login.headers["location"]
        assert browser.get("/training/").status_code == 200
        # ... and is still refused the supervisors' review pages.
        assert browser.get("/review/").status_code in (302, 403)
        assert page.status_code == 200


def test_exercise_result_reaches_the_trainer_and_not_the_live_queue(signaal, supervisor, trainer):
    sender = officer()
    signaal.say(sender, '/start_exercise{"scenario": "nail_salon_rotterdam"}')
    assert signaal.slots(sender)["exercise_scenario"] == "nail_salon_rotterdam"
    signal_id = signaal.slots(sender)["signal_id"]
    asked, replies = run_checklist(signaal, sender, {"documents_confiscated": "yes", "excessive_hours": "yes"})
    feedback = texts(replies)
    assert "Score" in feedback
    [stored] = wait_for(signaal, trainer["token"], signal_id, mode="exercise")
    assert stored["mode"] == "exercise" and stored["exercise"]["scenario_id"] == "nail_salon_rotterdam"
    assert signal_id not in [s["id"] for s in api(signaal, supervisor["token"]).json()]


def test_intake_outage_loses_nothing_across_a_full_restart(signaal, supervisor):
    sender = officer()
    signaal.say(sender, "/report_signal")
    run_checklist(signaal, sender, {"documents_confiscated": "yes"})  # the first screening question
    halfway = officer()  # another officer, in the middle of a check during the restart
    signaal.say(halfway, "/report_signal")
    signaal.say(halfway, '/inform{"setting": "border"}')
    signaal.stop(["web"])
    try:
        reply = texts(signaal.say(sender, "/forward_signal"))
        assert "bewaard" in reply and "LOK-" in reply
        signal_id = signaal.slots(sender)["signal_id"]
    finally:
        # Everything stops and starts again: the outbox survives on disk.
        signaal.stop()
        signaal.start()
    [stored] = wait_for(signaal, supervisor["token"], signal_id)
    # The check in progress survived the restart: same answers, same open question.
    slots = signaal.slots(halfway)
    assert slots["setting"] == "border" and slots["requested_slot"] == "persons"
    signaal.say(halfway, '/inform{"persons": "2"}')
    assert signaal.slots(halfway)["requested_slot"] == "exploitation_type"
    assert {"id": "documents_confiscated", "answer": "yes", "source": "checklist"} in stored["indicators"]
    time.sleep(3)  # give a duplicate delivery the chance to show up
    assert len([s for s in api(signaal, supervisor["token"]).json() if s["id"] == signal_id]) == 1
