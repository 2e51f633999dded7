"""Which questions the checklist asks, and in what order (pure).

A short core first (context, then the most telling observable indicators),
drill-down into an ILO dimension once something there is `yes` and only
while that element is not yet established under the ILO rule (more answers
would not change the assessment), and nothing that does not apply to the
exploitation type. Observations are not drilled into: they carry no ILO weight. The form asks the first unanswered
slot of `plan()`; answers given in free text are already filled and so are
never asked again.
"""
from __future__ import annotations

from typing import List, Mapping, Optional

from signaal.assessment import assess
from signaal.catalogue import ILO_DIMENSIONS, Catalogue, load_catalogue
from signaal.slots import CONTEXT_SLOTS

__all__ = ["CONTEXT_SLOTS", "drilldown_limit", "next_question", "plan"]
DEFAULT_DRILLDOWN = 3


def drilldown_limit(catalogue: Catalogue) -> int:
    return int(catalogue.checklist.get("drilldown_per_dimension", DEFAULT_DRILLDOWN))


def plan(
    answers: Mapping[str, Optional[str]],
    exploitation_type: Optional[str] = None,
    catalogue: Optional[Catalogue] = None,
    drilldown: Optional[int] = None,
) -> List[str]:
    """Ordered slot names the check needs, given the answers so far."""
    catalogue = catalogue or load_catalogue()
    limit = drilldown_limit(catalogue) if drilldown is None else drilldown
    applicable = [i for i in catalogue.indicators.values() if i.applies(exploitation_type)]
    slots = list(CONTEXT_SLOTS)
    slots += [i.id for i in applicable if i.core]
    indicator_answers = {k: v for k, v in answers.items() if k in catalogue.indicators and v}
    present = assess(indicator_answers, exploitation_type, answers.get("minor_involved"), catalogue=catalogue).dimensions
    for dimension in ILO_DIMENSIONS:
        members = catalogue.by_dimension(dimension)
        if not any(answers.get(i.id) == "yes" for i in members):
            continue
        extra = [i.id for i in applicable if i.dimension == dimension and not i.core]
        if present.get(dimension):
            # Established: keep what was already answered, ask nothing more.
            extra = [slot for slot in extra[:limit] if answers.get(slot) is not None]
        slots += extra[:limit]
    return slots


def next_question(
    answers: Mapping[str, Optional[str]],
    exploitation_type: Optional[str] = None,
    catalogue: Optional[Catalogue] = None,
) -> Optional[str]:
    """The first slot of the plan that has no answer yet; None when the check is complete."""
    return next((slot for slot in plan(answers, exploitation_type, catalogue) if answers.get(slot) is None), None)
