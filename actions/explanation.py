"""Why is this question asked? The open question's explanation from the catalogue."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import language
from signaal.catalogue import load_catalogue


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
