"""A location for the signal: shared coordinates, or a typed address."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import entity_values
from signaal import slots


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
            return [SlotSet(slots.LOCATION_TEXT, None), SlotSet(slots.LOCATION_STATUS, "asked")]
        location = dict(tracker.get_slot(slots.LOCATION) or {})
        location.update({"lat": lat, "lon": lon})
        dispatcher.utter_message(response="utter_location_saved", location=f"{lat:.5f}, {lon:.5f}")
        return [SlotSet(slots.LOCATION, location), SlotSet(slots.LOCATION_STATUS, "saved")]


class ActionSaveLocation(Action):
    """A typed address or place, kept as the location's text."""

    def name(self) -> Text:
        return "action_save_location"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = str(tracker.get_slot(slots.LOCATION_TEXT) or "").strip()[:500]
        location = dict(tracker.get_slot(slots.LOCATION) or {})
        location["text"] = text or None
        dispatcher.utter_message(response="utter_location_saved", location=text)
        return [SlotSet(slots.LOCATION, location), SlotSet(slots.LOCATION_STATUS, "saved")]
