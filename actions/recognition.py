"""Free text outside the open question: what was recognised (indicators and the
context the description gives), shown once for confirmation."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.check_lifecycle import check_is_open, new_check_events
from actions.tracker_state import entity_values, indicator_labels, language
from signaal import slots
from signaal.catalogue import load_catalogue
from signaal.labels import label
from signaal.recognition.context import context_from_text

EVIDENCE_MAX = 1000
CONTEXT_LABEL_KIND = {slots.SETTING: "settings", slots.EXPLOITATION_TYPE: "exploitation_types", slots.MINOR_INVOLVED: "answers"}


def context_line(slot: str, value: str, lang: str) -> str:
    shown = label(CONTEXT_LABEL_KIND[slot], value, lang) if slot in CONTEXT_LABEL_KIND else value
    return f"{label('context_questions', slot, lang)}: {shown}"


class ActionRecogniseIndicators(Action):
    """A description outside a check: show what was recognised, for one confirmation."""

    def name(self) -> Text:
        return "action_recognise_indicators"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        fresh = not check_is_open(tracker)
        events: List[Dict[Text, Any]] = new_check_events(tracker) if fresh else []
        catalogue = load_catalogue()
        lang = language(tracker)
        text = (tracker.latest_message.get("text") or "")[:EVIDENCE_MAX]
        found = [i for i in entity_values(tracker, "indicator")
                 if i in catalogue.indicators and (fresh or tracker.get_slot(i) != "yes")]
        context = {slot: value for slot, value in context_from_text(text, catalogue.context).items()
                   if fresh or tracker.get_slot(slot) is None}
        # An exploitation type the NLU named wins over the one read from the words.
        types = [t for t in entity_values(tracker, "exploitation_type") if t]
        if types and (fresh or tracker.get_slot(slots.EXPLOITATION_TYPE) is None):
            context[slots.EXPLOITATION_TYPE] = types[0]
        if not found and not context:
            dispatcher.utter_message(response="utter_nothing_recognised")
            return events + [SlotSet(slots.PENDING_INDICATORS, None), SlotSet(slots.RECOGNITION, "none")]
        lines = [context_line(slot, value, lang) for slot, value in context.items()]
        lines += indicator_labels(found, lang)
        dispatcher.utter_message(response="utter_recognised", items="\n".join(f"• {line}" for line in lines))
        pending = [{"id": i, "words": text} for i in found]
        pending += [{"id": slot, "value": value, "context": True} for slot, value in context.items()]
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
            if item.get("context"):
                events.append(SlotSet(item["id"], item["value"]))
            else:
                events.append(SlotSet(item["id"], "yes"))
                evidence[item["id"]] = item.get("words")
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
