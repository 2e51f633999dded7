"""Reading a check's state from the tracker (one place for slot names)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from signaal.catalogue import load_catalogue
from signaal.checklist_plan import CONTEXT_SLOTS
from signaal.pseudonym import pseudonymise
from signaal.secrets import get_secret
from signaal.signal_builder import CheckState

# Slots that make up one check; cleared when a new check starts.
CHECK_BOOKKEEPING = (
    "acute_danger", "evidence", "answer_sources", "skipped", "pending_indicators", "answer_order",
    "signal_id", "signal_reference", "location", "notes", "location_text", "exercise_scenario",
    "recognition", "location_status",
)
PSEUDONYM_PREFIXES = ("tg-", "web-")


def language(tracker: Tracker) -> str:
    return "en" if tracker.get_slot("language") == "en" else "nl"


def answers(tracker: Tracker) -> Dict[str, Optional[str]]:
    return {i: tracker.get_slot(i) for i in load_catalogue().indicators}


def check_state(tracker: Tracker) -> CheckState:
    return CheckState(
        answers={k: v for k, v in answers(tracker).items() if v},
        exploitation_type=tracker.get_slot("exploitation_type"),
        minor_involved=tracker.get_slot("minor_involved"),
        setting=tracker.get_slot("setting"),
        persons=tracker.get_slot("persons"),
        acute_danger=bool(tracker.get_slot("acute_danger")),
        evidence=tracker.get_slot("evidence") or {},
        sources=tracker.get_slot("answer_sources") or {},
        notes=tracker.get_slot("notes"),
        location=tracker.get_slot("location"),
        language=language(tracker),
    )


def reporter_pseudonym(tracker: Tracker) -> str:
    """The bot and the web chat already send a keyed pseudonym; anything else is hashed here."""
    sender = tracker.sender_id or "unknown"
    if sender.startswith(PSEUDONYM_PREFIXES):
        return sender
    return pseudonymise("rest", sender, get_secret("SIGNAAL_PSEUDONYM_KEY"))


def reset_check_events(keep_language: bool = True) -> List[Dict[Text, Any]]:
    """SlotSet(None) for every slot of a check; the officer's language stays."""
    names = list(CONTEXT_SLOTS) + list(load_catalogue().indicators) + list(CHECK_BOOKKEEPING)
    events = [SlotSet(name, None) for name in names]
    events.append(SlotSet("acute_danger", False))
    return events


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    values = []
    for item in tracker.latest_message.get("entities", []) or []:
        if item.get("entity") == entity and item.get("value") not in values:
            values.append(item.get("value"))
    return values


def is_free_text(text: Optional[str]) -> bool:
    """A typed sentence (worth keeping as evidence), not a button payload or a bare 'ja'."""
    return bool(text) and not text.startswith("/") and len(text.split()) >= 3


def indicator_labels(ids: List[str], lang: str) -> List[str]:
    catalogue = load_catalogue()
    return [catalogue.indicators[i].text("label", lang) for i in ids if i in catalogue.indicators]
