"""Change an earlier answer, or go back one."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import entity_values, language
from signaal import slots
from signaal.catalogue import load_catalogue
from signaal.slots import CONTEXT_SLOTS


class ActionCorrectAnswer(Action):
    """Change an earlier answer: the one picked, or else the last one (go back)."""

    def name(self) -> Text:
        return "action_correct_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        catalogue = load_catalogue()
        lang = language(tracker)
        order = [s for s in (tracker.get_slot(slots.ANSWER_ORDER) or []) if tracker.get_slot(s) is not None]
        picked = next(iter(entity_values(tracker, "correct_slot")), None)
        target = picked if picked in order else (order[-1] if order else None)
        if not target:
            dispatcher.utter_message(response="utter_nothing_to_correct")
            return []
        dispatcher.utter_message(response="utter_correct_back", label=slot_label(target, lang))
        events: List[Dict[Text, Any]] = [SlotSet(target, None), SlotSet(slots.ANSWER_ORDER, [s for s in order if s != target])]
        others = [s for s in order if s != target][-8:]
        if not picked and others:
            buttons = [
                {"title": slot_label(s, lang), "payload": f'/correct_answer{{"correct_slot": "{s}"}}'} for s in reversed(others)
            ]
            dispatcher.utter_message(response="utter_correct_which", buttons=buttons)
        if target in catalogue.indicators:
            sources = dict(tracker.get_slot(slots.ANSWER_SOURCES) or {})
            evidence = dict(tracker.get_slot(slots.EVIDENCE) or {})
            sources.pop(target, None)
            evidence.pop(target, None)
            events += [SlotSet(slots.ANSWER_SOURCES, sources), SlotSet(slots.EVIDENCE, evidence)]
        return events


def slot_label(slot: str, lang: str) -> str:
    catalogue = load_catalogue()
    if slot in catalogue.indicators:
        return catalogue.indicators[slot].text("label", lang)
    if slot in CONTEXT_SLOTS:
        question = (catalogue.context.get(slot) or {}).get("question") or {}
        return question.get(lang) or question.get("nl") or slot
    return slot
