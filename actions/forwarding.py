"""`action_forward_signal`: one tap, and nothing is lost or misreported on the way.

The signal is written to the durable outbox before the officer is answered;
then one immediate delivery is tried. The officer hears exactly what
happened: forwarded (the intake's reference), kept (the intake cannot be
reached; the background sender delivers it later), or refused by the intake
(never reported as kept; whom to call, from SIGNAAL_INTAKE_PHONE). After
forwarding, a new note or location goes as an addendum to the same signal;
with nothing new the officer is told so, never silently answered again.
"""
from __future__ import annotations

import asyncio
import os
import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.delivery.forward import KEPT_STATE, REJECTED_STATE, forward, forward_addendum
from actions.delivery.outbox import SENT, local_reference, outbox
from actions.tracker_state import check_state, reporter_pseudonym
from signaal import slots
from signaal.addendum import additions, build_addendum
from signaal.signal_builder import build_signal
from signaal.web_chat_model import may_file_live

DEFAULT_INTAKE_PHONE = "0900-8844"  # the police's national number, when no intake number is configured


def intake_phone() -> str:
    return os.environ.get("SIGNAAL_INTAKE_PHONE") or DEFAULT_INTAKE_PHONE


def tell_outcome(dispatcher: CollectingDispatcher, state: str, reference: str, sent: str, kept: str) -> None:
    """What became of a forwarded body; a refused one is never reported as kept."""
    if state == REJECTED_STATE:
        dispatcher.utter_message(response="utter_forward_rejected", reference=reference, phone=intake_phone())
    else:
        dispatcher.utter_message(response=kept if state == KEPT_STATE else sent, reference=reference)


class ActionForwardSignal(Action):
    def name(self) -> Text:
        return "action_forward_signal"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # The outbox and the intake call (up to 5 s when the intake hangs) block: on a thread, so
        # the action server goes on validating other officers' answers meanwhile.
        return await asyncio.to_thread(self._forward, dispatcher, tracker)

    def _forward(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
        if tracker.get_slot(slots.EXERCISE_SCENARIO):
            # Exercise answers never reach the live queue; they are stored as exercise results.
            dispatcher.utter_message(response="utter_exercise_not_forwarded")
            return []
        if not may_file_live(reporter_pseudonym(tracker)):
            # A practice-only web chat (not signed in as an officer): the intake would refuse it anyway.
            dispatcher.utter_message(response="utter_practice_not_forwarded")
            return []
        signal_id = tracker.get_slot(slots.SIGNAL_ID) or str(uuid.uuid4())
        forwarded = outbox().get(signal_id)
        if forwarded is not None and forwarded.status == SENT:
            return self._addendum(dispatcher, tracker, signal_id)
        signal = build_signal(check_state(tracker), reporter_pseudonym(tracker), mode="live", signal_id=signal_id)
        outcome = forward(signal)
        kept = outcome.reference or local_reference(signal_id)
        tell_outcome(dispatcher, outcome.state, kept, sent="utter_forwarded", kept="utter_forward_queued")
        return [SlotSet(slots.SIGNAL_ID, signal_id), SlotSet(slots.SIGNAL_REFERENCE, kept)]

    def _addendum(self, dispatcher: CollectingDispatcher, tracker: Tracker, signal_id: str) -> List[Dict[Text, Any]]:
        """What was added since forwarding goes to the same signal."""
        signal_row = outbox().get(signal_id)
        reference = (signal_row.reference if signal_row else None) or tracker.get_slot(slots.SIGNAL_REFERENCE)
        new_notes, new_location = additions(outbox().sent_bodies(signal_id), tracker.get_slot(slots.NOTES),
                                            tracker.get_slot(slots.LOCATION))
        if not new_notes and not new_location:
            dispatcher.utter_message(response="utter_nothing_new", reference=reference)
            return [SlotSet(slots.SIGNAL_REFERENCE, reference)]
        addendum = build_addendum(signal_id, reporter_pseudonym(tracker), new_notes, new_location)
        outcome = forward_addendum(signal_id, addendum)
        tell_outcome(dispatcher, outcome.state, reference, sent="utter_addendum_sent", kept="utter_addendum_kept")
        return [SlotSet(slots.SIGNAL_REFERENCE, reference)]
