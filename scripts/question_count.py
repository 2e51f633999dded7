"""Questions per check over the exercise scenarios, answered by their answer keys.

For each scenario: by buttons only, and with the narrative as a free-text
opening (what the recogniser finds there and the key confirms is prefilled, as
the officer's confirmation would), the number of questions asked, and the ILO
elements the answer key establishes that the check did not (must be none),
and the fewest questions any plan could ask (the context not yet given, plus
the fewest yes answers that establish the key's elements, one element per
group of the likely-victim rule: a plan that knew the answers in advance).
The answer key answers each question: yes to the question itself, else a tap
on the first indicator shown with it that it holds, else no to all shown.
Run in the Rasa environment: .venv/rasa/bin/python scripts/question_count.py
"""
from __future__ import annotations

import statistics
from typing import Dict, List, Set, Tuple

from collections import Counter

from signaal.assessment import _item_key, assess, strength_list_for, victim_rule_for
from signaal.catalogue import load_catalogue
from signaal.key_answers import against_key, answer_by_key, scenario_context
from signaal.paths import RECOGNISER_MODEL
from signaal.recognition.context import context_from_text
from signaal.scenarios import Scenario, load_scenarios
from signaal.ilo_rule import load_rule
from signaal.slots import CONTEXT_SLOTS


def established(answers: Dict[str, str], scenario: Scenario) -> Set[str]:
    context = scenario_context(scenario)
    result = assess(answers, context["exploitation_type"], context["minor_involved"])
    return {d for d, present in result.dimensions.items() if present}


def run(scenario: Scenario, prefilled: Dict[str, str]) -> Tuple[int, Set[str], bool]:
    """(questions asked, elements of the key that the check did not establish, the same outcome as
    the key: likely victim and priority); answered as signaal/key_answers.py describes."""
    answers, asked = answer_by_key(scenario, prefilled)
    compared = against_key(scenario, answers)
    # A key element not established must have another of its group established (it was moot).
    assert not compared.unexplained, (scenario.id, compared.unexplained)
    return asked, compared.not_established, compared.same_outcome


def fewest_questions(scenario: Scenario, prefilled: Dict[str, str]) -> int:
    """Context not prefilled + per element the key establishes, the fewest yes that establish it."""
    context = scenario_context(scenario)
    rule = load_rule()
    ilo_list = strength_list_for(context["exploitation_type"], context["minor_involved"], rule)
    catalogue = load_catalogue()
    needed = sum(1 for slot in CONTEXT_SLOTS if slot not in prefilled)
    cost: Dict[str, int] = {}
    for dimension in established({i: "yes" for i in scenario.present}, scenario):
        items: Dict[str, str] = {}
        for indicator_id in scenario.present:
            indicator = catalogue.indicators[indicator_id]
            strength = indicator.strength(ilo_list)
            if indicator.dimension == dimension and strength and indicator_id not in prefilled:
                items.setdefault(_item_key(indicator), strength)
        have = Counter(catalogue.indicators[i].strength(ilo_list) for i in prefilled
                       if i in catalogue.indicators and catalogue.indicators[i].dimension == dimension)
        available = Counter(items.values())
        best = None
        for threshold in rule.element_present_when:
            # take the fewest extra yes of each counter's strengths to meet this threshold
            extra = Counter()
            feasible = True
            for name, minimum in threshold.items():
                short = minimum - sum(have[s] + extra[s] for s in rule.counters[name])
                for strength in rule.counters[name]:
                    take = max(0, min(short, available[strength] - extra[strength]))
                    extra[strength] += take
                    short -= take
                feasible &= short <= 0
            if feasible:
                best = sum(extra.values()) if best is None else min(best, sum(extra.values()))
        cost[dimension] = best or 0
    # Within a group of the likely-victim rule (any one of them suffices), the cheapest one.
    victim = victim_rule_for(context["minor_involved"], rule)
    for group in rule.likely_victim[victim].all_of:
        present = [cost.pop(d) for d in group.any_of if d in cost]
        needed += min(present) if present else 0
    return needed + sum(cost.values())


def recogniser():
    try:
        from signaal.recognition.lemmas import lemmatiser, phrase_matcher
        from signaal.recognition.model import IndicatorModel
        from signaal.recognition.recogniser import Recogniser

        phrases = phrase_matcher()
        model = IndicatorModel.load(RECOGNISER_MODEL, lemmatiser()) if RECOGNISER_MODEL.exists() else None
    except Exception:  # no pipeline built: buttons-only figures still print
        return None
    recognise = Recogniser(model)
    return lambda text: {r.indicator for r in recognise.recognise(text, phrases(text))}


def main() -> None:
    recognise = recogniser()
    questions = load_catalogue().context
    rows: List[Tuple[str, int, Set[str], bool, int, Set[str], bool]] = []
    bounds: List[Tuple[int, int]] = []
    for scenario in load_scenarios():
        by_buttons, missed_buttons, same_buttons = run(scenario, {})
        narrative = scenario.text("narrative", "nl")
        found = recognise(narrative) if recognise else set()
        # The officer confirms what is really there: the key decides which findings stay.
        prefilled = {i: "yes" for i in found if i in scenario.present}
        context = scenario_context(scenario)
        prefilled.update({k: v for k, v in context_from_text(narrative, questions).items() if context.get(k) == v})
        by_text, missed_text, same_text = run(scenario, prefilled)
        rows.append((scenario.id, by_buttons, missed_buttons, same_buttons, by_text, missed_text, same_text))
        bounds.append((fewest_questions(scenario, {}), fewest_questions(scenario, prefilled)))
        print(f"{scenario.id:30s} buttons={by_buttons:2d} (fewest {bounds[-1][0]:2d}) "
              f"{'same outcome' if same_buttons else 'OUTCOME DIFFERS'} not asked={sorted(missed_buttons) or '-'}  "
              f"free-text={by_text:2d} (fewest {bounds[-1][1]:2d}) "
              f"{'same outcome' if same_text else 'OUTCOME DIFFERS'} not asked={sorted(missed_text) or '-'}")
    for name, count, missed, same, fewest in (("buttons only:     ", 1, 2, 3, 0), ("free-text opening:", 4, 5, 6, 1)):
        print(f"{name} median {statistics.median(r[count] for r in rows)}, max {max(r[count] for r in rows)}; "
              f"outcome (likely victim, priority) differs from the key's in {sum(not r[same] for r in rows)} of "
              f"{len(rows)}; elements of the key not established {sum(len(r[missed]) for r in rows)} (each in a group "
              f"of the rule already established, so it could not change the outcome); fewest possible: median "
              f"{statistics.median(b[fewest] for b in bounds)}")


if __name__ == "__main__":
    main()
