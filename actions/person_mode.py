"""The person answers on the officer's phone, in their own language (logic: signaal.person_mode).

`action_person_mode` offers the languages, then (a language chosen) warns when its
translation is not reviewed and offers the handover; `person_form` asks the
person's questions one by one (`action_ask_person_reply`) and ends with the
closing screen (`action_ask_person_back`) or at "Terug naar agent";
`action_person_back` shows the officer the answers in their own language and
says whether the checklist still has questions or the summary is next.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.check_lifecycle import check_is_open, new_check_events
from actions.tracker_state import answers as indicator_answers
from actions.tracker_state import entity_values, language
from signaal import person_mode, slots
from signaal.checklist_plan import next_question as next_checklist_question
from signaal.labels import label

ACUTE_DANGER_INTENT = "acute_danger"
FSI = "\u2068"  # first-strong isolate: a right-to-left language name inside Dutch text


def _display(lang: person_mode.PersonLanguage) -> str:
    return f"{lang.name_nl} ({FSI}{lang.name}{person_mode.PDI})"


def _chosen(tracker: Tracker) -> Optional[person_mode.PersonLanguage]:
    return person_mode.language(tracker.get_slot(slots.PERSON_LANGUAGE))


def _person_answers(tracker: Tracker) -> Dict[str, str]:
    return dict(tracker.get_slot(slots.PERSON_ANSWERS) or {})


class ActionPersonMode(Action):
    """Without a language: the choice of languages. With one: the warning and the handover."""

    def name(self) -> Text:
        return "action_person_mode"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        events: List[Dict[Text, Any]] = [] if check_is_open(tracker) else new_check_events(tracker)
        officer_language = language(tracker)
        chosen = person_mode.language(next(iter(entity_values(tracker, person_mode.LANGUAGE_ENTITY)), None))
        if chosen is None or chosen.code == person_mode.REFERENCE:
            buttons = [{"title": f"{lang.name_nl} · {FSI}{lang.name}{person_mode.PDI}",
                        "payload": f'/{person_mode.PERSON_MODE}{{"{person_mode.LANGUAGE_ENTITY}": "{lang.code}"}}'}
                       for lang in person_mode.offered()]
            dispatcher.utter_message(response="utter_person_choose_language", buttons=buttons)
            return events
        if not chosen.reviewed:
            dispatcher.utter_message(response="utter_person_not_reviewed", language=_display(chosen))
        buttons = [
            {"title": label("buttons", person_mode.PERSON_START, officer_language), "payload": "/" + person_mode.PERSON_START},
            {"title": label("buttons", "person_other_language", officer_language), "payload": "/" + person_mode.PERSON_MODE},
        ]
        dispatcher.utter_message(response="utter_person_handover", language=_display(chosen),
                                 count=len(person_mode.questions()), buttons=buttons)
        return events + [SlotSet(slots.PERSON_LANGUAGE, chosen.code)]


class ActionPersonStart(Action):
    """The phone is handed over: the person form starts (answers of an earlier handover are kept)."""

    def name(self) -> Text:
        return "action_person_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return [SlotSet(slots.PERSON_ANSWERS, _person_answers(tracker)), SlotSet(slots.PERSON_REPLY, None),
                SlotSet(slots.PERSON_BACK, None), SlotSet(slots.PERSON_RETURN, None)]


class ValidatePersonForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_person_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> List[Text]:
        if _chosen(tracker) is None or tracker.get_slot(slots.PERSON_BACK):
            return []
        return [slots.PERSON_REPLY] if person_mode.next_question(_person_answers(tracker)) else [slots.PERSON_BACK]

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        lang = _chosen(tracker)
        if lang is None or tracker.get_slot("requested_slot") not in (slots.PERSON_REPLY, slots.PERSON_BACK):
            return []  # the form is only starting
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent == person_mode.OFFICER_BACK:
            return [SlotSet(slots.PERSON_BACK, True)]
        if intent == ACUTE_DANGER_INTENT:
            # Words of acute danger (typed by the officer): the 112 instruction goes first, the phone is back.
            dispatcher.utter_message(response="utter_acute_danger")
            return [SlotSet(slots.ACUTE_DANGER, True), SlotSet(slots.PERSON_BACK, True)]
        parsed = person_mode.parse_reply(next(iter(entity_values(tracker, person_mode.REPLY_ENTITY)), None))
        answers = _person_answers(tracker)
        if intent != person_mode.PERSON_ANSWER or parsed is None:
            # Typed words (in any language): the buttons, in the person's language, and the open question again.
            dispatcher.utter_message(**person_mode.nudge_screen(lang))
            return [SlotSet(slots.PERSON_REPLY, None)]
        key, answer = parsed
        if key in answers:  # a repeated tap: the open question again
            return [SlotSet(slots.PERSON_REPLY, None)]
        answers[key] = answer
        updates = person_mode.indicator_updates(indicator_answers(tracker), key, answer)
        sources = dict(tracker.get_slot(slots.ANSWER_SOURCES) or {})
        order = list(tracker.get_slot(slots.ANSWER_ORDER) or [])
        for indicator in updates:
            sources[indicator] = "person"
            if indicator not in order:
                order.append(indicator)
        events = [SlotSet(indicator, value) for indicator, value in updates.items()]
        return events + [SlotSet(slots.PERSON_ANSWERS, answers), SlotSet(slots.ANSWER_SOURCES, sources),
                         SlotSet(slots.ANSWER_ORDER, order), SlotSet(slots.PERSON_REPLY, None)]


class ActionAskPersonReply(Action):
    """The person's next question, in their language."""

    def name(self) -> Text:
        return "action_ask_person_reply"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang, answers = _chosen(tracker), _person_answers(tracker)
        item = person_mode.next_question(answers)
        if lang is not None and item is not None:
            dispatcher.utter_message(**person_mode.question_screen(lang, item.key, len(answers), language(tracker)))
        return []


class ActionAskPersonBack(Action):
    """The closing screen: thanks, where to get help, and the way back to the officer."""

    def name(self) -> Text:
        return "action_ask_person_back"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = _chosen(tracker)
        if lang is not None:
            dispatcher.utter_message(**person_mode.closing_screen(lang, language(tracker)))
        return []


class ActionPersonBack(Action):
    """The officer has the phone back: the answers in their language, then the checklist or the summary."""

    def name(self) -> Text:
        return "action_person_back"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        officer_language = language(tracker)
        answers, lang = _person_answers(tracker), _chosen(tracker)
        if answers and lang is not None:
            dispatcher.utter_message(response="utter_person_back", language=_display(lang),
                                     answers="\n".join(person_mode.officer_lines(answers, officer_language)))
        else:
            dispatcher.utter_message(response="utter_person_back_none")
        filled = {slot: tracker.get_slot(slot) for slot in slots.CONTEXT_SLOTS}
        filled.update({k: v for k, v in indicator_answers(tracker).items() if v})
        open_question = next_checklist_question(filled, tracker.get_slot(slots.EXPLOITATION_TYPE),
                                                minor_involved=tracker.get_slot(slots.MINOR_INVOLVED))
        return [SlotSet(slots.PERSON_BACK, None), SlotSet(slots.PERSON_REPLY, None),
                SlotSet(slots.PERSON_RETURN, "questions" if open_question else "summary")]
