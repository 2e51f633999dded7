"""How many questions does a check take? Simulated over the exercise scenarios.

For each scenario the officer answers by the answer key (present -> yes,
anything else -> no) with the scenario's context; once with buttons only
and once opening with the narrative as free text (indicators recognised by
our spaCy entity ruler are confirmed and not asked again). Prints the
median and maximum number of questions (context questions included).
"""
from __future__ import annotations

import statistics
from pathlib import Path

from signaal.checklist_plan import next_question
from signaal.scenarios import load_scenarios
from signaal.slots import CONTEXT_SLOTS

ROOT = Path(__file__).resolve().parent.parent



def count(scenario, prefilled) -> int:
    answers = dict(prefilled)
    asked = 0
    context = {"setting": scenario.setting, "persons": str(scenario.persons),
               "exploitation_type": scenario.exploitation_type if scenario.exploitation_type != "none" else "unknown",
               "minor_involved": scenario.minor_involved}
    while True:
        slot = next_question(answers, answers.get("exploitation_type"))
        if slot is None:
            return asked
        asked += 1
        answers[slot] = context[slot] if slot in CONTEXT_SLOTS else ("yes" if slot in scenario.present else "no")


def recogniser():
    try:
        import spacy
        nlp = spacy.load(ROOT / "build" / "spacy" / "nl_signaal")
    except Exception:  # no pipeline built: buttons-only figures still print
        return None
    return lambda text: {e.ent_id_ for e in nlp(text.lower()).ents if e.label_ == "indicator"}


def main() -> None:
    recognise = recogniser()
    buttons, free_text = [], []
    for scenario in load_scenarios():
        buttons.append(count(scenario, {}))
        if recognise:
            found = recognise(scenario.text("narrative", "nl"))
            # The officer confirms what is really there (the key decides).
            free_text.append(count(scenario, {i: "yes" for i in found if i in scenario.present}))
        print(f"{scenario.id:32s} buttons={buttons[-1]:2d}" + (f" free-text={free_text[-1]:2d}" if recognise else ""))
    print(f"buttons only: median {statistics.median(buttons)}, max {max(buttons)} over {len(buttons)} scenarios")
    if free_text:
        print(f"free-text opening: median {statistics.median(free_text)}, max {max(free_text)}")


if __name__ == "__main__":
    main()
