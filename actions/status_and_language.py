"""The officer's own signals, and the language of the conversation."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import entity_values, language, reporter_pseudonym
from actions.intake_client import reporter_signals

STATUS_LABELS = {
    "new": {"nl": "nieuw", "en": "new"},
    "in_review": {"nl": "in behandeling", "en": "in review"},
    "forwarded_to_investigation": {"nl": "doorgezet naar opsporing", "en": "forwarded to investigation"},
    "no_further_action": {"nl": "geen verdere actie", "en": "no further action"},
}
MAX_LISTED = 10


class ActionAskStatus(Action):
    def name(self) -> Text:
        return "action_ask_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        signals = reporter_signals(reporter_pseudonym(tracker))
        if signals is None:
            dispatcher.utter_message(response="utter_status_unavailable")
            return []
        if not signals:
            dispatcher.utter_message(response="utter_status_none")
            return []
        lang = language(tracker)
        lines = []
        for signal in signals[:MAX_LISTED]:
            status = STATUS_LABELS.get(signal.get("status"), {}).get(lang, signal.get("status"))
            received = str(signal.get("received_at") or "")[:10]
            lines.append(f"• {signal.get('reference')} ({received}): {status}")
        dispatcher.utter_message(response="utter_status_list", items="\n".join(lines))
        return []


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
        return [SlotSet("language", wanted)]
