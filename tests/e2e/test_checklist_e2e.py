"""The checklist against the real Rasa and action servers, forwarded to the real intake."""
from __future__ import annotations

import time

import httpx
import pytest

from tests.support.checklist_driver import run_checklist
from tests.support.real_stack import buttons, officer, texts
from signaal.catalogue import load_catalogue
from signaal.labels import label

DESCRIPTION = "ik sta bij een nagelstudio, de meisjes slapen achter in de zaak en de paspoorten zijn afgepakt door de eigenaar"


@pytest.fixture(scope="module")
def supervisor_token(signaal):
    return signaal.manage("create_account", "--role", "supervisor", "--name", "e2e-supervisor").strip().splitlines()[-1]


def live_signals(signaal, token):
    response = httpx.get(f"{signaal.web_url}/api/signals", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    response.raise_for_status()
    data = response.json()
    return data if isinstance(data, list) else data.get("signals", data.get("results", []))


def wait_for_signal(signaal, token, signal_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [s for s in live_signals(signaal, token) if s["id"] == signal_id]
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"signal {signal_id} did not arrive within {timeout}s")


def test_free_text_opening_is_recognised_confirmed_and_not_asked_again(signaal, supervisor_token):
    sender = officer()
    replies = signaal.say(sender, DESCRIPTION)
    catalogue = load_catalogue()
    shown = texts(replies)
    assert catalogue.indicators["documents_confiscated"].text("label", "nl") in shown
    assert catalogue.indicators["bad_living_conditions"].text("label", "nl") in shown
    signaal.say(sender, "/affirm")
    slots = signaal.slots(sender)
    assert slots["documents_confiscated"] == "yes" and slots["answer_sources"]["documents_confiscated"] == "free_text"
    asked, replies = run_checklist(signaal, sender, {"excessive_hours": "yes"})
    assert "documents_confiscated" not in asked and "bad_living_conditions" not in asked
    # Context (4) + up to 8 coercion questions after the one strong yes (all no: the element
    # stays open) + exploitation + one per recruitment dimension: 17 at most.
    assert len(asked) <= 17
    summary = texts(replies)
    assert "Samenvatting" in summary and "geringste aanwijzing" in summary
    assert any(b["payload"] == "/forward_signal" for b in buttons(replies))

    started = time.monotonic()
    reference_text = texts(signaal.say(sender, "/forward_signal"))
    assert "SIG-" in reference_text, reference_text
    signal_id = signaal.slots(sender)["signal_id"]
    [stored] = wait_for_signal(signaal, supervisor_token, signal_id)
    print(f"forwarding latency (confirmation to stored): {time.monotonic() - started:.2f}s")
    answers = {i["id"]: i for i in stored["indicators"]}
    assert answers["documents_confiscated"]["evidence"] == DESCRIPTION
    assert answers["excessive_hours"]["answer"] == "yes"
    assert stored["assessment"]["priority"] == "high"  # a strong indicator answered yes
    assert stored["reporter"]["pseudonym"] == sender
    assert stored["reference"] in reference_text

    # Forwarding again stores nothing new.
    signaal.say(sender, "/forward_signal")
    assert len([s for s in live_signals(signaal, supervisor_token) if s["id"] == signal_id]) == 1

    # The officer asks for the status of their own signals (and sees only their own).
    status = texts(signaal.say(sender, "wat is de status van mijn melding?"))
    assert stored["reference"] in status and label("statuses", "new", "nl") in status
    assert stored["reference"] not in texts(signaal.say(officer(), "status van mijn signalen?"))


def test_acute_danger_mid_check_says_112_and_continues(signaal):
    sender = officer()
    signaal.say(sender, "/report_signal")
    requested = signaal.slots(sender)["requested_slot"]
    text = texts(signaal.say(sender, "er wordt nu iemand geslagen, acuut gevaar!"))
    assert "112" in text
    slots = signaal.slots(sender)
    assert slots["acute_danger"] is True and slots["requested_slot"] == requested


def test_minor_switches_to_the_child_rule_and_is_urgent(signaal, supervisor_token):
    sender = officer()
    signaal.say(sender, "/report_signal")
    asked, replies = run_checklist(signaal, sender, {"fearful_behaviour": "yes"}, context={"minor_involved": "/affirm"})
    assert "kinderregel" in texts(replies) or label("priorities", "urgent", "nl") in texts(replies)
    signaal.say(sender, "/forward_signal")
    [stored] = wait_for_signal(signaal, supervisor_token, signaal.slots(sender)["signal_id"])
    assert stored["assessment"]["priority"] == "urgent"
    assert stored["context"]["minor_involved"] == "yes"


def test_explain_skip_and_go_back(signaal):
    sender = officer()
    signaal.say(sender, "/report_signal")
    for message in ('/inform{"setting": "traffic_stop"}', '/inform{"persons": "2"}',
                    '/inform{"exploitation_type": "labour"}', "/deny"):
        signaal.say(sender, message)
    slot = signaal.slots(sender)["requested_slot"]
    explanation = load_catalogue().indicators[slot].text("explanation", "nl")
    assert explanation[:40] in texts(signaal.say(sender, "waarom vraag je dit?"))
    signaal.say(sender, "sla over")
    assert signaal.slots(sender)[slot] == "unknown"
    signaal.say(sender, "ga terug naar de vorige vraag")
    slots = signaal.slots(sender)
    assert slots[slot] is None and slots["requested_slot"] == slot


def test_pause_keeps_answers_and_resume_continues(signaal):
    sender = officer()
    signaal.say(sender, "/report_signal")
    signaal.say(sender, '/inform{"setting": "workplace"}')
    text = texts(signaal.say(sender, "pauze"))
    assert "gepauzeerd" in text.lower()
    assert signaal.tracker(sender)["active_loop"] in ({}, None) or not signaal.tracker(sender)["active_loop"].get("name")
    signaal.say(sender, "/resume")
    slots = signaal.slots(sender)
    assert slots["setting"] == "workplace" and slots["requested_slot"] == "persons"


def test_cancel_asks_for_confirmation_then_clears(signaal):
    sender = officer()
    signaal.say(sender, "/report_signal")
    signaal.say(sender, '/inform{"setting": "workplace"}')
    assert any(b["payload"] == "/affirm" for b in buttons(signaal.say(sender, "stop")))
    signaal.say(sender, "/affirm")
    assert signaal.slots(sender)["setting"] is None


def test_out_of_scope_mid_check_returns_to_the_question(signaal):
    sender = officer()
    signaal.say(sender, "/report_signal")
    replies = signaal.say(sender, "wat voor weer wordt het morgen")
    assert signaal.slots(sender)["requested_slot"] == "setting"
    assert len(replies) >= 2  # the polite refusal, then the open question again


def test_a_question_shows_more_indicators_a_tap_answers_one_none_of_these_all(signaal):
    """The first indicator question carries the next open indicators of its dimension as buttons:
    "Nee, niets hiervan" answers the question and all of them no; a tap on one answers it yes."""
    sender = officer()
    signaal.say(sender, "/report_signal")
    for message in ('/inform{"setting": "workplace"}', '/inform{"persons": "3"}',
                    '/inform{"exploitation_type": "labour"}'):
        signaal.say(sender, message)
    replies = signaal.say(sender, "/deny")
    slots = signaal.slots(sender)
    first, shown = slots["requested_slot"], slots["shown_with_question"]
    assert len(shown) == load_catalogue().checklist["alternatives_per_question"]
    payloads = [b["payload"] for b in buttons(replies)]
    none_of_these = f'/none_of_these{{"indicator":"{first}"}}'
    assert none_of_these in payloads and all(f'/inform{{"indicator":"{i}"}}' in payloads for i in shown)
    assert "Nee, niets hiervan" in [b["title"] for b in buttons(replies)] and "/deny" in payloads
    signaal.say(sender, none_of_these)
    slots = signaal.slots(sender)
    assert all(slots[i] == "no" for i in [first, *shown])
    second, shown = slots["requested_slot"], slots["shown_with_question"]
    assert second not in (first, *shown)
    assert shown, "the next question (exploitation, ten indicators for labour) shows some beside it"
    signaal.say(sender, f'/inform{{"indicator":"{shown[0]}"}}')
    slots = signaal.slots(sender)
    assert slots[shown[0]] == "yes" and slots[second] is None
    assert slots["answer_sources"][shown[0]] == "checklist"
