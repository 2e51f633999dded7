"""Exercise mode: a case is presented, the trainee walks the checklist, and
gets feedback against the case's answer key. Results are stored through the
intake as `mode: exercise` signals, which never reach the live queue."""
from __future__ import annotations

import logging
import uuid
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.delivery.forward import forward  # the same durable path as live signals
from actions.tracker_state import (
    check_state,
    entity_values,
    language,
    reporter_pseudonym,
    reset_check_events,
)
from signaal import slots
from signaal.exercise_feedback import format_feedback, score
from signaal.scenarios import Scenario, ScenarioSet, answer_fact, load_scenarios
from signaal.signal_builder import answered, build_signal

logger = logging.getLogger(__name__)
RANDOM = "random"


@lru_cache(maxsize=1)
def scenarios() -> ScenarioSet:
    loaded = load_scenarios()
    for problem in loaded.errors:  # a broken file is named; the others still load
        logger.error("scenario not loaded: %s", problem)
    return loaded


def current_scenario(tracker: Tracker) -> Optional[Scenario]:
    scenario_id = tracker.get_slot(slots.EXERCISE_SCENARIO)
    return scenarios().get(scenario_id) if scenario_id else None


class ActionStartExercise(Action):
    def name(self) -> Text:
        return "action_start_exercise"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = language(tracker)
        wanted = next(iter(entity_values(tracker, "scenario")), None)
        available = scenarios()
        scenario = available.random() if wanted == RANDOM and len(available) else available.get(wanted or "")
        if scenario is None:
            buttons = [{"title": "🎲 " + ("Willekeurig" if lang == "nl" else "Random"),
                        "payload": f'/start_exercise{{"scenario": "{RANDOM}"}}'}]
            buttons += [{"title": s.text("title", lang), "payload": f'/start_exercise{{"scenario": "{s.id}"}}'} for s in available]
            dispatcher.utter_message(response="utter_choose_scenario", buttons=buttons)
            return [SlotSet(slots.EXERCISE_SCENARIO, None)]
        dispatcher.utter_message(response="utter_exercise_intro", title=scenario.text("title", lang),
                                 narrative=scenario.text("narrative", lang))
        return reset_check_events() + [
            SlotSet(slots.SIGNAL_ID, str(uuid.uuid4())),
            SlotSet(slots.EXERCISE_SCENARIO, scenario.id),
        ]


class ActionAnswerScenarioQuestion(Action):
    """Questions only an officer on the spot could ask, answered from the case's facts."""

    def name(self) -> Text:
        return "action_answer_scenario_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        scenario = current_scenario(tracker)
        if scenario is None:
            dispatcher.utter_message(response="utter_no_exercise")
            return []
        answer = answer_fact(scenario, tracker.latest_message.get("text") or "", language(tracker))
        if answer:
            dispatcher.utter_message(response="utter_scenario_answer", answer=answer)
        else:
            dispatcher.utter_message(response="utter_scenario_no_answer")
        return []


def finish_exercise(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """Feedback for the trainee, and the result stored as an exercise signal."""
    scenario = current_scenario(tracker)
    if scenario is None:
        dispatcher.utter_message(response="utter_no_exercise")
        return [SlotSet(slots.EXERCISE_SCENARIO, None)]
    lang = language(tracker)
    state = check_state(tracker)
    feedback = score(scenario, answered(state), state.exploitation_type, state.minor_involved)
    dispatcher.utter_message(response="utter_exercise_feedback", feedback=format_feedback(feedback, lang))
    signal_id = tracker.get_slot(slots.SIGNAL_ID) or str(uuid.uuid4())
    signal = build_signal(state, reporter_pseudonym(tracker), mode="exercise", signal_id=signal_id)
    signal["exercise"] = feedback.to_exercise_dict(lang)
    reference = forward(signal).reference
    return [SlotSet(slots.SIGNAL_ID, signal_id), SlotSet(slots.SIGNAL_REFERENCE, reference or "exercise"),
            SlotSet(slots.EXERCISE_SCENARIO, None)]
