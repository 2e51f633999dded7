"""A check answered by an exercise scenario's answer key (pure): how the plan fares on it.

At each question the key answers: the context from the scenario; yes to an indicator it
holds; else (with `taps`) a tap on the first indicator shown beside the question that it
holds; else no, to the question and (with `taps`, "Nee, niets hiervan") to all shown.
`against_key` then says whether the check came to the key's outcome. Used by
scripts/question_count.py and tests/unit/test_checklist_plan.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Set, Tuple

from signaal.assessment import assess
from signaal.checklist_plan import question
from signaal.ilo_rule import load_rule
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


@dataclass(frozen=True)
class AgainstKey:
    same_outcome: bool   # likely victim and priority as the key's
    not_established: Set[str]  # elements the key establishes and the check does not
    unexplained: Set[str]  # ... of those, the ones no established element of their group stands in for


def against_key(scenario: Scenario, answers: Mapping[str, str]) -> AgainstKey:
    """The check's answers beside the key's: an element left out is explained when another element
    of its group of the likely-victim rule is established (it could not change the outcome)."""
    context = scenario_context(scenario)
    key = assess({i: "yes" for i in scenario.present}, context["exploitation_type"], context["minor_involved"])
    got = assess(answers, context["exploitation_type"], context["minor_involved"])
    found = {d for d, present in got.dimensions.items() if present}
    missing = {d for d, present in key.dimensions.items() if present} - found
    groups = [set(g.any_of) for g in load_rule().likely_victim[got.rule_applied].all_of]
    unexplained = {d for d in missing if not any(d in g and found & (g - {d}) for g in groups)}
    return AgainstKey((got.ilo_likely_victim, got.priority) == (key.ilo_likely_victim, key.priority),
                      missing, unexplained)
