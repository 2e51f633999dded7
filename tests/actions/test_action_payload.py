"""What Rasa sends the action server with the speed-ups on (rasa_runtime.speedups.slim_action_calls):
the events from the officer's latest message on, the domain only to form validation. That is
enough only while no action reads older events: this test keeps it so."""
from __future__ import annotations

import re

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_runtime import speedups
from signaal.paths import ROOT

READS_EVENTS = re.compile(r"\.events\b|events_after_latest_restart|get_last_event_for|applied_events|idx_after_latest")


def test_no_action_reads_older_events():
    """Actions get the events from the latest user message on; a line that reads them must say
    "latest turn only" (and stop at that message)."""
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "actions").rglob("*.py"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if READS_EVENTS.search(line) and "rasa_sdk.events" not in line and "latest turn only" not in line]
    assert not offenders, "an action reads the tracker's events; see rasa_runtime/speedups.py: " + ", ".join(offenders)


def test_payload_has_the_latest_turn_and_the_domain_only_for_validation():
    domain = Domain.from_path(ROOT / "domain.yml")
    tracker = DialogueStateTracker("web-x", domain.slots)
    for text in ("eerste", "tweede"):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, {"name": "inform", "confidence": 1.0}))
        tracker.update(SlotSet("setting", "workplace"))
    endpoint = EndpointConfig("http://127.0.0.1:9/webhook")
    plain_validate = RemoteAction("validate_checklist_form", endpoint)._action_call_format(tracker, domain)
    plain_other = RemoteAction("action_start_check", endpoint)._action_call_format(tracker, domain)
    speedups.slim_action_calls()
    validate = RemoteAction("validate_checklist_form", endpoint)._action_call_format(tracker, domain)
    other = RemoteAction("action_start_check", endpoint)._action_call_format(tracker, domain)
    assert [e["event"] for e in validate["tracker"]["events"]] == ["user", "slot"]
    assert validate["tracker"]["events"][0]["text"] == "tweede"
    assert validate["domain"] == plain_validate["domain"] and "domain" not in other
    for slim, plain in ((validate, plain_validate), (other, plain_other)):
        assert {k: v for k, v in slim["tracker"].items() if k != "events"} == \
            {k: v for k, v in plain["tracker"].items() if k != "events"}
        assert plain["tracker"]["events"][-2:] == slim["tracker"]["events"]
