"""A check answered by an exercise scenario's answer key (pure): how the plan fares on it.

At each question the key answers: the context from the scenario; yes to an indicator it
holds; else (with `taps`) a tap on the first indicator shown beside the question that it
holds; else no, to the question and (with `taps`, "Nee, niets hiervan") to all shown.
Used by scripts/question_count.py and tests/unit/test_checklist_plan.py.
"""
from __future__ import annotations

from typing import Dict, Mapping, Optional, Tuple

from signaal.checklist_plan import question
from signaal.scenarios import Scenario
from signaal.slots import CONTEXT_SLOTS

MAX_QUESTIONS = 80  # a plan that asks more has lost its way


def scenario_context(scenario: Scenario) -> Dict[str, str]:
    """The context slots as the scenario gives them (no exploitation: "unknown")."""
    return {"setting": scenario.setting, "persons": str(scenario.persons),
            "exploitation_type": scenario.exploitation_type if scenario.exploitation_type != "none" else "unknown",
            "minor_involved": scenario.minor_involved}


def answer_by_key(scenario: Scenario, prefilled: Optional[Mapping[str, str]] = None,
                  taps: bool = True) -> Tuple[Dict[str, str], int]:
    """(the answers, how many questions were asked)."""
    context = scenario_context(scenario)
    answers: Dict[str, str] = dict(prefilled or {})
    asked = 0
    while (next_one := question(answers, answers.get("exploitation_type"),
                                minor_involved=answers.get("minor_involved"))) is not None:
        asked += 1
        if asked > MAX_QUESTIONS:
            raise RuntimeError(f"{scenario.id}: more than {MAX_QUESTIONS} questions")
        slot, shown = next_one.slot, (next_one.alternatives if taps else ())
        if slot in CONTEXT_SLOTS:
            answers[slot] = context[slot]
        elif slot in scenario.present:
            answers[slot] = "yes"
        else:
            tapped = next((a for a in shown if a in scenario.present), None)
            if tapped:
                answers[tapped] = "yes"
            else:
                answers.update({s: "no" for s in (slot, *shown)})
    return answers, asked
