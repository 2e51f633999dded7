"""Free text outside the open question: what was recognised, shown once for confirmation."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.check_lifecycle import check_is_open, new_check_events
from actions.tracker_state import entity_values, indicator_labels, language
from signaal import slots
from signaal.catalogue import load_catalogue

EVIDENCE_MAX = 1000


class ActionRecogniseIndicators(Action):
    """A description outside a check: show what was recognised, for one confirmation."""

    def name(self) -> Text:
        return "action_recognise_indicators"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        events: List[Dict[Text, Any]] = [] if check_is_open(tracker) else new_check_events(tracker)
        fresh = not check_is_open(tracker)
        catalogue = load_catalogue()
        text = (tracker.latest_message.get("text") or "")[:EVIDENCE_MAX]
        found = [
            i for i in entity_values(tracker, "indicator")
            if i in catalogue.indicators and (fresh or tracker.get_slot(i) != "yes")
        ]
        # The exploitation type named in the description is kept (slot mapping); a reset must not undo it.
        types = entity_values(tracker, "exploitation_type")
        if types:
            events.append(SlotSet(slots.EXPLOITATION_TYPE, types[0]))
        if not found:
            dispatcher.utter_message(response="utter_nothing_recognised")
            return events + [SlotSet(slots.PENDING_INDICATORS, None), SlotSet(slots.RECOGNITION, "none")]
        items = "\n".join(f"• {label}" for label in indicator_labels(found, language(tracker)))
        dispatcher.utter_message(response="utter_recognised", items=items)
        pending = [{"id": i, slots.EVIDENCE: text} for i in found]
        return events + [SlotSet(slots.PENDING_INDICATORS, pending), SlotSet(slots.RECOGNITION, "pending")]


class ActionConfirmIndicators(Action):
    def name(self) -> Text:
        return "action_confirm_indicators"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        pending = tracker.get_slot(slots.PENDING_INDICATORS) or []
        evidence = dict(tracker.get_slot(slots.EVIDENCE) or {})
        sources = dict(tracker.get_slot(slots.ANSWER_SOURCES) or {})
        order = list(tracker.get_slot(slots.ANSWER_ORDER) or [])
        events: List[Dict[Text, Any]] = []
        for item in pending:
            events.append(SlotSet(item["id"], "yes"))
            evidence[item["id"]] = item.get(slots.EVIDENCE)
            sources[item["id"]] = "free_text"
            if item["id"] not in order:
                order.append(item["id"])
        dispatcher.utter_message(response="utter_confirmed")
        return events + [
            SlotSet(slots.EVIDENCE, evidence), SlotSet(slots.ANSWER_SOURCES, sources), SlotSet(slots.ANSWER_ORDER, order),
            # `recognition` stays as it is: the rule that brought us here reads it.
            SlotSet(slots.PENDING_INDICATORS, None),
        ]


class ActionRejectIndicators(Action):
    def name(self) -> Text:
        return "action_reject_indicators"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_rejected")
        return [SlotSet(slots.PENDING_INDICATORS, None)]
