"""Reading a check's state from the tracker (slot names: signaal.slots)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from signaal import slots
from signaal.catalogue import load_catalogue
from signaal.pseudonym import pseudonymise
from signaal.secrets import get_secret
from signaal.signal_builder import CheckState

# "oef-": the web chat's practice-only callers (signaal/web_chat_model.py); the intake refuses their live signals.
PSEUDONYM_PREFIXES = ("tg-", "web-", "oef-")


def language(tracker: Tracker) -> str:
    return "en" if tracker.get_slot(slots.LANGUAGE) == "en" else "nl"


def answers(tracker: Tracker) -> Dict[str, Optional[str]]:
    return {i: tracker.get_slot(i) for i in load_catalogue().indicators}


def check_state(tracker: Tracker) -> CheckState:
    return CheckState(
        answers={k: v for k, v in answers(tracker).items() if v},
        exploitation_type=tracker.get_slot(slots.EXPLOITATION_TYPE),
        minor_involved=tracker.get_slot(slots.MINOR_INVOLVED),
        setting=tracker.get_slot(slots.SETTING),
        persons=tracker.get_slot(slots.PERSONS),
        acute_danger=bool(tracker.get_slot(slots.ACUTE_DANGER)),
        evidence=tracker.get_slot(slots.EVIDENCE) or {},
        sources=tracker.get_slot(slots.ANSWER_SOURCES) or {},
        notes=tracker.get_slot(slots.NOTES),
        location=tracker.get_slot(slots.LOCATION),
        language=language(tracker),
        person_answers=tracker.get_slot(slots.PERSON_ANSWERS) or {},
        person_language=tracker.get_slot(slots.PERSON_LANGUAGE),
    )


def reporter_pseudonym(tracker: Tracker) -> str:
    """The bot and the web chat already send a keyed pseudonym; anything else is hashed here."""
    sender = tracker.sender_id or "unknown"
    if sender.startswith(PSEUDONYM_PREFIXES):
        return sender
    return pseudonymise("rest", sender, get_secret("SIGNAAL_PSEUDONYM_KEY"))


def reset_check_events() -> List[Dict[Text, Any]]:
    """SlotSet(None) for every slot of a check; the officer's language stays."""
    names = list(slots.CONTEXT_SLOTS) + list(load_catalogue().indicators) + list(slots.CHECK_BOOKKEEPING)
    events = [SlotSet(name, None) for name in names]
    events.append(SlotSet(slots.ACUTE_DANGER, False))
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
