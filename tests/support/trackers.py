"""rasa-sdk trackers built by hand, for running actions with a CollectingDispatcher."""
from __future__ import annotations

import yaml
from rasa_sdk import Tracker

from signaal.paths import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def make_tracker(slots=None, text="", intent="inform", entities=None, sender="web-test", active_loop="checklist_form"):
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update(slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    events = [{"event": "user", "text": text, "parse_data": message}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (slots or {}).items()]
    return Tracker(sender, all_slots, message, events, False, None, {"name": active_loop} if active_loop else {}, "action_listen")
