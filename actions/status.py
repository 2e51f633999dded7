"""The officer's own signals and their status, read from the intake."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.delivery.intake_client import reporter_signals
from actions.tracker_state import language, reporter_pseudonym
from signaal.labels import label

MAX_LISTED = 10


class ActionAskStatus(Action):
    def name(self) -> Text:
        return "action_ask_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # The intake is asked over HTTP (up to 5 s): on a thread, so other officers are served meanwhile.
        signals = await asyncio.to_thread(reporter_signals, reporter_pseudonym(tracker))
        if signals is None:
            dispatcher.utter_message(response="utter_status_unavailable")
            return []
        if not signals:
            dispatcher.utter_message(response="utter_status_none")
            return []
        lang = language(tracker)
        lines = []
        for signal in signals[:MAX_LISTED]:
            status = label("statuses", signal.get("status"), lang)
            received = str(signal.get("received_at") or "")[:10]
            lines.append(f"• {signal.get('reference')} ({received}): {status}")
        dispatcher.utter_message(response="utter_status_list", items="\n".join(lines))
        return []
