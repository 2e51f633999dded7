"""What the officer should do next, for this situation: the steps of
`catalogue/next_steps.yml` whose conditions the check meets.

Pure Python for both runtimes. The facts are computed here from the check's
context and answers; which step applies to which facts, its text and its
source are data.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.labels import pick
from signaal.paths import CATALOGUE_DIR

NEXT_STEPS = CATALOGUE_DIR / "next_steps.yml"
NEXT_STEPS_SCHEMA = SCHEMA_DIR / "next_steps.schema.json"


@dataclass(frozen=True)
class NextStep:
    id: str
    text: Mapping[str, str]
    when_any_of: Tuple[Tuple[str, ...], ...]
    source: Mapping[str, str]

    def applies(self, facts: Mapping[str, bool]) -> bool:
        return any(all(facts.get(fact, False) for fact in case) for case in self.when_any_of)


@dataclass(frozen=True)
class NextSteps:
    heading: Mapping[str, str]
    steps: Tuple[NextStep, ...]  # in the file's order

    def by_id(self) -> Dict[str, NextStep]:
        return {step.id: step for step in self.steps}


@lru_cache(maxsize=2)
def load_next_steps(path: Path = NEXT_STEPS) -> NextSteps:
    data = load_checked(Path(path), NEXT_STEPS_SCHEMA)
    return NextSteps(
        heading=dict(data["heading"]),
        steps=tuple(NextStep(step_id, dict(spec["text"]), tuple(tuple(case) for case in spec["when_any_of"]),
                             dict(spec["source"]))
                    for step_id, spec in data["steps"].items()),
    )


def situation_facts(exploitation_type: Optional[str], minor_involved: Optional[str], setting: Optional[str],
                    acute_danger: bool, answers: Mapping[str, str]) -> Dict[str, bool]:
    """The facts the steps' conditions name (catalogue/next_steps.yml, header)."""
    border = setting == "border"
    return {
        "always": True,
        "acute_danger": bool(acute_danger),
        "minor": minor_involved == "yes",
        "adult": minor_involved != "yes",
        "labour": exploitation_type == "labour",
        "border": border,
        "not_border": not border,
        "foreign_no_status": answers.get("irregular_status") == "yes" or border,
    }


def select_next_steps(exploitation_type: Optional[str], minor_involved: Optional[str], setting: Optional[str],
                      acute_danger: bool, answers: Mapping[str, str],
                      steps: Optional[NextSteps] = None) -> List[NextStep]:
    """The steps that fit this check, in the data's order."""
    steps = steps or load_next_steps()
    facts = situation_facts(exploitation_type, minor_involved, setting, acute_danger, answers)
    return [step for step in steps.steps if step.applies(facts)]


def steps_from_signal(payload: Mapping[str, Any]) -> List[NextStep]:
    """The steps of a stored signal: its `next_steps` ids, or (older signals) selected from its context."""
    steps = load_next_steps()
    ids = payload.get("next_steps")
    if isinstance(ids, list):
        known = steps.by_id()
        return [known[i] for i in ids if i in known]
    context = payload.get("context") or {}
    answers = {i.get("id"): i.get("answer") for i in payload.get("indicators") or [] if isinstance(i, dict)}
    return select_next_steps(context.get("exploitation_type"), context.get("minor_involved"), context.get("setting"),
                             bool(payload.get("acute_danger")), answers, steps)


def next_steps_text(selected: List[NextStep], language: str = "nl") -> str:
    """The heading and one line per step, as the officer reads them after the summary."""
    heading = pick(load_next_steps().heading, language)
    return "\n".join([heading] + [f"• {pick(step.text, language)}" for step in selected])
