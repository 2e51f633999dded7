"""Actions around the checklist: start, free-text recognition, explain,
correct or go back, acute danger, cancel."""
from __future__ import annotations

import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import (
    entity_values, indicator_labels, language, reset_check_events,
)
from signaal.catalogue import load_catalogue
from signaal.checklist_plan import CONTEXT_SLOTS

EVIDENCE_MAX = 1000


def new_check_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """Events that start a fresh check with its own signal id (the idempotency key)."""
    return reset_check_events() + [SlotSet("signal_id", str(uuid.uuid4()))]


def check_is_open(tracker: Tracker) -> bool:
    """A check was started and not yet forwarded (it may be paused)."""
    return bool(tracker.get_slot("signal_id")) and not tracker.get_slot("signal_reference")


class ActionStartCheck(Action):
    def name(self) -> Text:
        return "action_start_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_start_check")
        return new_check_events(tracker)


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
            events.append(SlotSet("exploitation_type", types[0]))
        if not found:
            dispatcher.utter_message(response="utter_nothing_recognised")
            return events + [SlotSet("pending_indicators", None), SlotSet("recognition", "none")]
        items = "\n".join(f"• {label}" for label in indicator_labels(found, language(tracker)))
        dispatcher.utter_message(response="utter_recognised", items=items)
        pending = [{"id": i, "evidence": text} for i in found]
        return events + [SlotSet("pending_indicators", pending), SlotSet("recognition", "pending")]


class ActionConfirmIndicators(Action):
    def name(self) -> Text:
        return "action_confirm_indicators"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        pending = tracker.get_slot("pending_indicators") or []
        evidence = dict(tracker.get_slot("evidence") or {})
        sources = dict(tracker.get_slot("answer_sources") or {})
        order = list(tracker.get_slot("answer_order") or [])
        events: List[Dict[Text, Any]] = []
        for item in pending:
            events.append(SlotSet(item["id"], "yes"))
            evidence[item["id"]] = item.get("evidence")
            sources[item["id"]] = "free_text"
            if item["id"] not in order:
                order.append(item["id"])
        dispatcher.utter_message(response="utter_confirmed")
        return events + [
            SlotSet("evidence", evidence), SlotSet("answer_sources", sources), SlotSet("answer_order", order),
            # `recognition` stays as it is: the rule that brought us here reads it.
            SlotSet("pending_indicators", None),
        ]


class ActionRejectIndicators(Action):
    def name(self) -> Text:
        return "action_reject_indicators"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_rejected")
        return [SlotSet("pending_indicators", None)]


class ActionExplainQuestion(Action):
    """Why is this a signal? The open question's explanation from the catalogue."""

    def name(self) -> Text:
        return "action_explain_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        catalogue = load_catalogue()
        slot = tracker.get_slot("requested_slot")
        lang = language(tracker)
        if slot in catalogue.indicators:
            explanation = catalogue.indicators[slot].text("explanation", lang)
        else:
            context = catalogue.context.get(slot) or {}
            explanation = (context.get("explanation") or {}).get(lang) or CONTEXT_WHY[lang]
        dispatcher.utter_message(response="utter_explain", explanation=explanation)
        return []


CONTEXT_WHY = {
    "nl": "Met deze achtergrond kiest de intake de juiste specialist en stel ik alleen vragen die bij de situatie passen.",
    "en": "This background helps the intake choose the right specialist and lets me ask only questions that fit the situation.",
}


class ActionCorrectAnswer(Action):
    """Change an earlier answer: the one picked, or else the last one (go back)."""

    def name(self) -> Text:
        return "action_correct_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        catalogue = load_catalogue()
        lang = language(tracker)
        order = [s for s in (tracker.get_slot("answer_order") or []) if tracker.get_slot(s) is not None]
        picked = next(iter(entity_values(tracker, "correct_slot")), None)
        target = picked if picked in order else (order[-1] if order else None)
        if not target:
            dispatcher.utter_message(response="utter_nothing_to_correct")
            return []
        dispatcher.utter_message(response="utter_correct_back", label=slot_label(target, lang))
        events: List[Dict[Text, Any]] = [SlotSet(target, None), SlotSet("answer_order", [s for s in order if s != target])]
        others = [s for s in order if s != target][-8:]
        if not picked and others:
            buttons = [
                {"title": slot_label(s, lang), "payload": f'/correct_answer{{"correct_slot": "{s}"}}'} for s in reversed(others)
            ]
            dispatcher.utter_message(response="utter_correct_which", buttons=buttons)
        if target in catalogue.indicators:
            sources = dict(tracker.get_slot("answer_sources") or {})
            evidence = dict(tracker.get_slot("evidence") or {})
            sources.pop(target, None)
            evidence.pop(target, None)
            events += [SlotSet("answer_sources", sources), SlotSet("evidence", evidence)]
        return events


def slot_label(slot: str, lang: str) -> str:
    catalogue = load_catalogue()
    if slot in catalogue.indicators:
        return catalogue.indicators[slot].text("label", lang)
    if slot in CONTEXT_SLOTS:
        question = (catalogue.context.get(slot) or {}).get("question") or {}
        return question.get(lang) or question.get("nl") or slot
    return slot


class ActionAcuteDanger(Action):
    def name(self) -> Text:
        return "action_acute_danger"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_acute_danger")
        events: List[Dict[Text, Any]] = [SlotSet("acute_danger", True)]
        if not tracker.get_slot("signal_id") or tracker.get_slot("signal_reference"):
            events = new_check_events(tracker) + events
        return events


class ActionCancelCheck(Action):
    def name(self) -> Text:
        return "action_cancel_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_cancelled")
        return reset_check_events() + [SlotSet("requested_slot", None)]
