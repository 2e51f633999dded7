"""The language of the conversation: Dutch first, English on request."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import entity_values, language
from signaal import slots

ENGLISH_WORDS = ("english", "engels", "engelse", "eng")  # not "en": Dutch for "and"
DUTCH_WORDS = ("nederlands", "nederlandse", "dutch", "nl", "ned")


def language_named_in(text: str) -> str | None:
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & set(ENGLISH_WORDS):
        return "en"
    if words & set(DUTCH_WORDS):
        return "nl"
    return None


class ActionSetLanguage(Action):
    def name(self) -> Text:
        return "action_set_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        wanted = next(iter(entity_values(tracker, "language")), None)
        if wanted not in ("nl", "en"):
            wanted = language_named_in(tracker.latest_message.get("text") or "") or language(tracker)
        dispatcher.utter_message(response="utter_language_english" if wanted == "en" else "utter_language_dutch")
        return [SlotSet(slots.LANGUAGE, wanted)]
