"""`action_forward_signal`: one tap, and nothing is lost on the way.

The signal is written to the durable outbox before the officer is answered;
then one immediate delivery is tried. If the intake cannot be reached the
officer is told it is kept, and the background sender delivers it later.
"""
from __future__ import annotations

import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.delivery.forward import forward
from actions.delivery.outbox import local_reference
from actions.tracker_state import check_state, reporter_pseudonym
from signaal import slots
from signaal.signal_builder import build_signal


class ActionForwardSignal(Action):
    def name(self) -> Text:
        return "action_forward_signal"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot(slots.EXERCISE_SCENARIO):
            # Exercise answers never reach the live queue; they are stored as exercise results.
            dispatcher.utter_message(response="utter_exercise_not_forwarded")
            return []
        signal_id = tracker.get_slot(slots.SIGNAL_ID) or str(uuid.uuid4())
        signal = build_signal(check_state(tracker), reporter_pseudonym(tracker), mode="live", signal_id=signal_id)
        reference = forward(signal)
        if reference:
            dispatcher.utter_message(response="utter_forwarded", reference=reference)
            kept = reference
        else:
            kept = local_reference(signal_id)
            dispatcher.utter_message(response="utter_forward_queued", reference=kept)
        return [SlotSet(slots.SIGNAL_ID, signal_id), SlotSet(slots.SIGNAL_REFERENCE, kept)]
