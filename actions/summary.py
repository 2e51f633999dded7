"""The end of a check: summary with assessment (live), or feedback (exercise)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.exercise import finish_exercise
from actions.tracker_state import check_state, language
from signaal import slots
from signaal.assessment import assess
from signaal.checklist_plan import not_asked
from signaal.next_steps import next_steps_text, select_next_steps
from signaal.signal_builder import answered
from signaal.summary_text import format_summary


class ActionChecklistSummary(Action):
    def name(self) -> Text:
        return "action_checklist_summary"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot(slots.EXERCISE_SCENARIO):
            return finish_exercise(dispatcher, tracker)
        state = check_state(tracker)
        answers = answered(state)
        assessment = assess(answers, state.exploitation_type, state.minor_involved, acute_danger=state.acute_danger)
        skipped_questions = not_asked(answers, state.exploitation_type)
        summary = format_summary(answers, assessment, language(tracker), state.acute_danger, state.minor_involved or "unknown",
                                 not_asked=skipped_questions, sources=state.sources)
        dispatcher.utter_message(response="utter_summary", summary=summary)
        # What to do next, for this situation: right after the summary (catalogue/next_steps.yml).
        steps = select_next_steps(state.exploitation_type, state.minor_involved, state.setting,
                                  state.acute_danger, answers)
        dispatcher.utter_message(text=next_steps_text(steps, language(tracker)))
        return []
