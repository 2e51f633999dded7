"""A note for the signal (the note form's validation)."""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from signaal import slots
from signaal.signal_builder import NOTES_MAX


class ValidateNoteForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_note_form"

    def validate_notes(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value or "").strip()
        if not text:
            return {slots.NOTES: None}
        previous = tracker.get_slot(slots.NOTES)
        combined = f"{previous}\n{text}" if previous and previous != value else text
        if len(combined) > NOTES_MAX:
            dispatcher.utter_message(response="utter_note_too_long", length=len(combined))
            combined = combined[:NOTES_MAX]
        return {slots.NOTES: combined}
