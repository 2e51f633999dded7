"""Actions run with a CollectingDispatcher against trackers built here; the
outbox and secrets live in a temporary state folder."""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SIGNAAL_STATE_DIR", tempfile.mkdtemp(prefix="signaal-actions-"))
os.environ["SIGNAAL_OUTBOX_SENDER"] = "0"  # tests drive delivery themselves

import pytest  # noqa: E402
import yaml  # noqa: E402
from rasa_sdk import Tracker  # noqa: E402

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def make_tracker(slots=None, text="", intent="inform", entities=None, sender="web-test", active_loop="checklist_form"):
    all_slots = {name: None for name in DOMAIN["slots"]}
    all_slots.update(slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    events = [{"event": "user", "text": text, "parse_data": message}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (slots or {}).items()]
    return Tracker(sender, all_slots, message, events, False, None, {"name": active_loop} if active_loop else {}, "action_listen")


@pytest.fixture
def domain():
    return DOMAIN
