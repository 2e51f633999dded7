"""Validation of `checklist_form`: which questions, and what an answer means.

The plan of questions is the pure `signaal.checklist_plan.question`; this adapter
feeds it the slots, records where each answer came from (button or free
text, with the officer's words as evidence), notes indicators that the
officer names while answering another question, and asks the next question
with the indicators shown beside it (a tap answers one, "Nee, niets hiervan"
all of them).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.tracker_state import (
    entity_values,
    indicator_labels,
    is_free_text,
    language,
)
from signaal import slots
from signaal.catalogue import ANSWERS, load_catalogue
from signaal.checklist_plan import question
from signaal.checklist_question import NONE_OF_THESE, question_message
from signaal.person_mode import OFFICER_BACK, PERSON_ANSWER, PERSON_MODE, PERSON_START
from signaal.typed_answers import is_question, match_option, parse_persons

EVIDENCE_MAX = 1000
ANSWERING_INTENTS = ("inform", "affirm", "deny", "dont_know", "none_of_these")
# Intents that always win over a typed option answer: the officer wants something else.
INTERRUPTIONS = ("acute_danger", "cancel", "pause", "correct_answer", "explain_question", "set_language",
                 "forward_signal", "ask_status", "start_exercise", "skip", "dont_know", "help", "add_note",
                 PERSON_MODE, PERSON_START, PERSON_ANSWER, OFFICER_BACK)
OPTION_SLOTS = (slots.SETTING, slots.EXPLOITATION_TYPE)
FORM = "checklist_form"


def parse_setting(value: Optional[str]) -> Optional[str]:
    """An option value of the catalogue's setting question, or the officer's words."""
    if not value:
        return None
    options = load_catalogue().context.get(slots.SETTING, {}).get("options") or []
    return match_option(value, options) or value.strip()[:200]


def typed_context_answer(slot: Optional[str], text: str, intent: Optional[str]) -> Optional[str]:
    """The open context question answered in words ("arbeidsuitbuiting", "bij een kas", "tien man"),
    whatever intent the classifier saw, unless it is a question or an interruption."""
    if slot not in OPTION_SLOTS + (slots.PERSONS,) or not text or text.startswith("/") or intent in INTERRUPTIONS:
        return None
    if is_question(text):
        return None
    if slot == slots.PERSONS:
        persons = parse_persons(text)
        return None if persons == "unknown" else persons
    return match_option(text, load_catalogue().context.get(slot, {}).get("options") or [])


def resumed(tracker: Tracker) -> bool:
    """Back at the form after another action ran for this message (a rule's answer, a correction).
    Rasa ends the tracker it validates with the form's own action, so that one does not count."""
    for event in reversed(tracker.events):  # latest turn only: back to its user message
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in (FORM, "action_listen"):
            return True
    return False


def pressed_for(tracker: Tracker) -> Optional[str]:
    """The question a pressed "Nee, niets hiervan" belongs to (its payload names it); None when typed."""
    values = entity_values(tracker, "indicator")
    text = (tracker.latest_message or {}).get("text") or ""
    return values[0] if values and text.startswith("/") else None


def shown_open(tracker: Tracker) -> List[str]:
    """The indicators shown beside the open question that are still unanswered."""
    return [i for i in tracker.get_slot(slots.SHOWN_WITH_QUESTION) or [] if tracker.get_slot(i) is None]


class ValidateChecklistForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_checklist_form"

    async def _extract_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Check the answer, then ask the next question here, in the same call: an indicator's
        question carries the indicators shown beside it (the domain has no template for it).
        The plan (`question`) decides the next slot; rasa-sdk's `required_slots` is left as it is,
        used only to look for `extract_<slot>` methods, of which this form has none."""
        events = await self.get_validation_events(dispatcher, tracker, domain)
        # Nothing answered to an open question just after the officer spoke: Rasa rejects the form
        # (so the dialogue rules can answer) unless a slot other than requested_slot is set, so then
        # nothing else is set. Returning after a rule (a correction, an explanation) it never rejects.
        may_set = bool(events) or tracker.get_slot(REQUESTED_SLOT) is None or resumed(tracker)
        tracker.add_slots(events)
        answers = {slot: tracker.get_slot(slot) for slot in self.domain_slots(domain)}
        next_one = question(answers, tracker.get_slot(slots.EXPLOITATION_TYPE))
        events.append(SlotSet(REQUESTED_SLOT, next_one.slot if next_one else None))
        shown: List[str] = []
        if next_one is not None and next_one.slot in load_catalogue().indicators:
            shown = list(next_one.alternatives)
            text, buttons = question_message(next_one.slot, next_one.alternatives, language(tracker))
            dispatcher.utter_message(text=text, buttons=buttons)
        if may_set and shown != (tracker.get_slot(slots.SHOWN_WITH_QUESTION) or []):
            events.append(SlotSet(slots.SHOWN_WITH_QUESTION, shown))
        return events

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        catalogue = load_catalogue()
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        lang = language(tracker)
        updates: Dict[str, Any] = {}
        evidence = dict(tracker.get_slot(slots.EVIDENCE) or {})
        sources = dict(tracker.get_slot(slots.ANSWER_SOURCES) or {})
        order = list(tracker.get_slot(slots.ANSWER_ORDER) or [])
        skipped = list(tracker.get_slot(slots.SKIPPED) or [])

        requested = tracker.get_slot("requested_slot")
        # "Nee, niets hiervan" pressed under an earlier question (its keyboard still on screen):
        # it answers nothing now; the open question is asked again.
        stale = intent == NONE_OF_THESE and pressed_for(tracker) not in (None, requested)
        for slot, value in tracker.slots_to_validate().items():
            if slot in catalogue.indicators:
                # Only the open question is answered here; indicators confirmed from
                # free text keep their source and evidence.
                if value not in ANSWERS or slot != requested or stale:
                    continue
                updates[slot] = value
                sources[slot] = "checklist"
                if value == "yes" and is_free_text(text):
                    evidence[slot] = text[:EVIDENCE_MAX]
                if intent == "skip":
                    skipped.append(slot)
                elif intent == NONE_OF_THESE:
                    # "Nee, niets hiervan": also no for each indicator shown beside it.
                    for other in shown_open(tracker):
                        if other not in updates:
                            updates[other] = value
                            sources[other] = "checklist"
                            order.append(other)
            elif slot == slots.SETTING:
                updates[slot] = parse_setting(value)
            elif slot == slots.PERSONS:
                updates[slot] = parse_persons(value)
            elif slot == slots.MINOR_INVOLVED and value in ANSWERS:
                updates[slot] = value
                if value == "yes":
                    dispatcher.utter_message(response="utter_minor_rule")
            elif slot == slots.EXPLOITATION_TYPE:
                updates[slot] = value
            else:
                continue
            if slot not in order:
                order.append(slot)

        # The open context question answered in words, even when the classifier took the
        # words for something else (typing "arbeidsuitbuiting" is an answer, not an FAQ).
        if requested not in updates:
            typed = typed_context_answer(requested, text, intent)
            if typed is not None:
                updates[requested] = typed
                if requested not in order:
                    order.append(requested)

        # A tap on an indicator shown beside the question, or its label typed: that one is `yes`.
        tapped = [i for i in entity_values(tracker, "indicator")
                  if text.startswith("/") and intent == "inform" and i in catalogue.indicators]
        if not tapped and requested not in updates and intent not in INTERRUPTIONS and not text.startswith("/"):
            typed = match_option(text, [{"value": i, "nl": catalogue.indicators[i].text("label", "nl"),
                                         "en": catalogue.indicators[i].text("label", "en")}
                                        for i in shown_open(tracker)])
            tapped = [typed] if typed else []
        for indicator_id in tapped:
            if tracker.get_slot(indicator_id) != "yes":
                updates[indicator_id] = "yes"
                sources[indicator_id] = "checklist"
                if indicator_id not in order:
                    order.append(indicator_id)

        # Indicators named in free text while answering: noted as `yes` with the words as evidence.
        # Only from answers and descriptions: an interruption (acute danger, a question,
        # cancel, ...) must reach its own rule, so it never fills a slot here.
        named = [
            i for i in entity_values(tracker, "indicator")
            if intent in ANSWERING_INTENTS and i in catalogue.indicators and tracker.get_slot(i) != "yes"
            and updates.get(i) is None and not text.startswith("/") and i not in tapped
        ]
        for indicator_id in named:
            updates[indicator_id] = "yes"
            sources[indicator_id] = "free_text"
            evidence[indicator_id] = text[:EVIDENCE_MAX]
            if indicator_id not in order:
                order.append(indicator_id)
        also = [i for i in named if i != tracker.get_slot("requested_slot")]
        if also:
            dispatcher.utter_message(response="utter_also_noted", items=", ".join(indicator_labels(also, lang)))

        if not updates:
            if stale:  # Rasa's mapping already set the open question to no: undone, and asked again
                return [SlotSet(requested, None),
                        SlotSet(slots.SHOWN_WITH_QUESTION, tracker.get_slot(slots.SHOWN_WITH_QUESTION) or [])]
            # Nothing answered: let the form be rejected so the dialogue rules
            # (explain, skip, faq, out of scope, ...) can answer first.
            return []
        updates.update({slots.EVIDENCE: evidence, slots.ANSWER_SOURCES: sources, slots.ANSWER_ORDER: order, slots.SKIPPED: skipped})
        return [SlotSet(key, value) for key, value in updates.items()]
