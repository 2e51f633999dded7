"""A check's life: start, acute danger at any moment, cancel."""
from __future__ import annotations

import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import reset_check_events
from signaal import slots


def new_check_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """Events that start a fresh check with its own signal id (the idempotency key)."""
    return reset_check_events() + [SlotSet(slots.SIGNAL_ID, str(uuid.uuid4()))]


def check_is_open(tracker: Tracker) -> bool:
    """A check was started and not yet forwarded (it may be paused)."""
    return bool(tracker.get_slot(slots.SIGNAL_ID)) and not tracker.get_slot(slots.SIGNAL_REFERENCE)


class ActionStartCheck(Action):
    def name(self) -> Text:
        return "action_start_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_start_check")
        return new_check_events(tracker)


class ActionAcuteDanger(Action):
    def name(self) -> Text:
        return "action_acute_danger"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_acute_danger")
        events: List[Dict[Text, Any]] = [SlotSet(slots.ACUTE_DANGER, True)]
        if not tracker.get_slot(slots.SIGNAL_ID) or tracker.get_slot(slots.SIGNAL_REFERENCE):
            events = new_check_events(tracker) + events
        return events


class ActionCancelCheck(Action):
    def name(self) -> Text:
        return "action_cancel_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_cancelled")
        return reset_check_events() + [SlotSet("requested_slot", None)]
