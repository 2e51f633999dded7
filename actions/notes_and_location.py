"""A note and a location for the signal."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import entity_values
from signaal.signal_builder import NOTES_MAX


class ValidateNoteForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_note_form"

    def validate_notes(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value or "").strip()
        if not text:
            return {"notes": None}
        previous = tracker.get_slot("notes")
        combined = f"{previous}\n{text}" if previous and previous != value else text
        if len(combined) > NOTES_MAX:
            dispatcher.utter_message(response="utter_note_too_long", length=len(combined))
            combined = combined[:NOTES_MAX]
        return {"notes": combined}


def _coordinate(values: List[Any]) -> Any:
    try:
        return float(values[0]) if values else None
    except (TypeError, ValueError):
        return None


class ActionShareLocation(Action):
    """Coordinates from a shared (live) location, or else ask for an address."""

    def name(self) -> Text:
        return "action_share_location"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lat, lon = _coordinate(entity_values(tracker, "lat")), _coordinate(entity_values(tracker, "lon"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return [SlotSet("location_text", None), SlotSet("location_status", "asked")]
        location = dict(tracker.get_slot("location") or {})
        location.update({"lat": lat, "lon": lon})
        dispatcher.utter_message(response="utter_location_saved", location=f"{lat:.5f}, {lon:.5f}")
        return [SlotSet("location", location), SlotSet("location_status", "saved")]


class ActionSaveLocation(Action):
    """A typed address or place, kept as the location's text."""

    def name(self) -> Text:
        return "action_save_location"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = str(tracker.get_slot("location_text") or "").strip()[:500]
        location = dict(tracker.get_slot("location") or {})
        location["text"] = text or None
        dispatcher.utter_message(response="utter_location_saved", location=text)
        return [SlotSet("location", location), SlotSet("location_status", "saved")]
