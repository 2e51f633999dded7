"""Which questions the checklist asks, and in what order (pure).

Each question must be able to change the outcome. After the context (which
picks the ILO list and rule), every ILO dimension is screened with its most
telling indicators that apply to the exploitation type (strongest in the list
that grades this check; among equals, the one the catalogue's voices name most
often for this type of exploitation, `typical`). A big dimension gets more
screening questions than a small one (`checklist.screening_per_indicators`):
one no out of seventeen coercion indicators says little. A `yes` opens the
dimension: the next question is one whose yes would establish the element on
its own, the one the voices name most often for this type first (after a
strong yes, any strength will do, so the likeliest yes is asked), else the
next strongest; at most `checklist.drilldown_per_dimension` of them, until the
element is established or can no longer be (even all-yes answers would not
reach the threshold). Ids that answer the same brochure item (`ilo_item`) count once, as
the assessment counts them, so the plan neither stops early on two of them nor
asks the second. A dimension that is established, or whose screening said no,
is not asked further, nor is one whose group of the likely-victim rule is already
established (recruitment: any one of three; at destination: any one of two) unless a
strong yes in it could still raise the priority. With each question the next open
members of its dimension are shown (`checklist.alternatives_per_question`, `Question`):
one tap answers one of them `yes`, "no" answers all. Observations carry no ILO weight; one is asked only when
nothing else was answered `yes` (it can still lift the priority from low to
normal). Answers given in free text are already filled and never asked again.
What was not asked is listed in the summary (`not_asked`), so the officer can
still add it. Figures over the exercise scenarios: scripts/question_count.py.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from signaal.assessment import strength_list_for, victim_rule_for
from signaal.catalogue import OBSERVATION, Catalogue, Indicator, load_catalogue
from signaal.ilo_rule import STRENGTHS, IloRule, load_rule
from signaal.slots import CONTEXT_SLOTS, MINOR_INVOLVED

__all__ = ["CONTEXT_SLOTS", "Question", "drilldown_limit", "next_question", "not_asked", "plan", "question"]

# Dimensions in the order they are screened: coercion first (its strong indicators
# are the most telling), then exploitation, then how the person was recruited.
SCREENING_ORDER = ("coercion_destination", "exploitation", "deceptive_recruitment", "coercive_recruitment",
                   "vulnerability_recruitment", "vulnerability_destination")
STRENGTH_RANK = {strength: rank for rank, strength in enumerate(STRENGTHS)}


def drilldown_limit(catalogue: Catalogue) -> Optional[int]:
    """Follow-up questions after a yes, at most (`checklist.drilldown_per_dimension`); None: until decided."""
    limit = catalogue.checklist.get("drilldown_per_dimension")
    return None if limit is None else int(limit)


@lru_cache(maxsize=1)
def _voice_counts() -> Dict[Optional[str], Tuple[Counter, int]]:
    """Per exploitation type (None: all voices), how often each indicator is named, and in how many examples."""
    from signaal.recognition.examples import training_examples

    counts: Dict[Optional[str], Counter] = {}
    totals: Counter = Counter()
    for example in training_examples():
        for key in {dict(example.context).get("exploitation_type"), None}:
            counts.setdefault(key, Counter()).update(example.indicators)
            totals[key] += 1
    return {key: (counter, totals[key]) for key, counter in counts.items()}


@lru_cache(maxsize=8)
def typical(exploitation_type: Optional[str]) -> Dict[str, float]:
    """How often the voices (catalogue/voices/) name each indicator in descriptions of this
    type of exploitation, smoothed; an indicator they never name with it gets its overall rate."""
    counts = _voice_counts()

    def rates(key: Optional[str]) -> Dict[str, float]:
        counter, total = counts[key]
        return {i: (n + 1) / (total + len(counter)) for i, n in counter.items()}

    overall = rates(None)
    return {**overall, **rates(exploitation_type)} if exploitation_type in counts else overall


def screening_count(catalogue: Catalogue, dimension: str, size: int = 0) -> int:
    """How many questions screen a dimension of `size` applicable indicators before a no closes it:
    `checklist.screening[dimension]` if set, else one per `screening_per_indicators` (at least one),
    else `screening.default` (1)."""
    checklist = catalogue.checklist
    screening = checklist.get("screening") or {}
    if dimension in screening:
        return int(screening[dimension])
    per = checklist.get("screening_per_indicators")
    if per and size:
        return max(1, math.floor(size / float(per) + 0.5))
    return int(screening.get("default", 1))


def _reachable(counts: Counter, rule: IloRule) -> bool:
    """Does any threshold of the element rule hold for these counts of yes by strength?"""
    def counter(name: str) -> int:
        return sum(counts.get(strength, 0) for strength in rule.counters[name])

    return any(all(counter(name) >= minimum for name, minimum in threshold.items())
               for threshold in rule.element_present_when)


def _item(indicator: Indicator) -> str:
    """The brochure item an id answers (as signaal/assessment.py counts it): ids sharing one count once."""
    item = indicator.ilo_item
    return indicator.id if not item or item == "none" else f"item:{item}"


def _graded(members: Sequence[Indicator], answers: Mapping[str, Optional[str]], ilo_list: str) -> Dict[str, str]:
    """Item -> its strongest `yes` among these members."""
    graded: Dict[str, str] = {}
    for m in members:
        if answers.get(m.id) == "yes":
            strength = m.strength(ilo_list)
            item = _item(m)
            if item not in graded or STRENGTH_RANK[strength] < STRENGTH_RANK[graded[item]]:
                graded[item] = strength
    return graded


def _dimension_questions(members: Sequence[Indicator], answers: Mapping[str, Optional[str]], ilo_list: str,
                         rule: IloRule, limit: Optional[int], screening: int,
                         frequency: Mapping[str, float], graded: Mapping[str, str]) -> Tuple[List[str], List[str]]:
    """The answered members of one dimension, and the open ones worth asking, best first
    (empty when the dimension can no longer change its element).

    `members` come most telling first. Once a yes opened the dimension, a member whose yes would
    establish the element on its own goes first, the one the voices name most often (`frequency`)
    first: after a strong yes any strength completes it, so the likeliest yes is the best question."""
    answered = [m.id for m in members if answers.get(m.id) is not None]
    # A member whose item is already yes adds nothing: it is not asked.
    open_ = [m for m in members if answers.get(m.id) is None and _item(m) not in graded]
    yes = Counter(graded.values())
    if not open_ or _reachable(yes, rule):
        return answered, []  # nothing left, or the element is established
    if not yes:
        # Screening: its most telling questions; all no (or don't know) closes the dimension.
        return answered, ([] if len(answered) >= screening else [m.id for m in open_])
    drilled = len(answered) - 1
    open_items: Dict[str, str] = {}
    for m in open_:  # each open item at its strongest member
        item, strength = _item(m), m.strength(ilo_list)
        if item not in open_items or STRENGTH_RANK[strength] < STRENGTH_RANK[open_items[item]]:
            open_items[item] = strength
    possible = yes + Counter(open_items.values())
    if (limit is not None and drilled >= limit) or not _reachable(possible, rule):
        return answered, []

    def rank(position: int) -> Tuple[int, float, int]:
        member = open_[position]
        if _reachable(yes + Counter([member.strength(ilo_list)]), rule):  # its yes alone completes it
            return (0, -frequency.get(member.id, 0.0), position)
        return (1, 0.0, position)  # else in the order given: most telling first

    return answered, [open_[p].id for p in sorted(range(len(open_)), key=rank)]


def _moot(dimension: str, established: Mapping[str, bool], groups: Sequence[Sequence[str]],
          members: Sequence[Indicator], answers: Mapping[str, Optional[str]], ilo_list: str,
          strong_yes: bool) -> bool:
    """Can this dimension no longer change the outcome? So when another dimension of its group of
    the likely-victim rule (recruitment: any of three; at destination: any of two) is established,
    and none of its open members could still raise the priority (a strong yes makes it high)."""
    if established.get(dimension):
        return False
    sibling = any(dimension in group and any(established.get(d) for d in group if d != dimension)
                  for group in groups)
    if not sibling:
        return False
    return strong_yes or not any(answers.get(m.id) is None and m.strength(ilo_list) == STRENGTHS[0]
                                 for m in members)


@dataclass(frozen=True)
class Question:
    """The next question: its slot, and other open indicators of the same dimension shown with it
    (`checklist.alternatives_per_question`): one tap answers one of them; "no" answers all."""
    slot: str
    alternatives: Tuple[str, ...] = ()


def _walk(answers: Mapping[str, Optional[str]], exploitation_type: Optional[str], catalogue: Catalogue,
          drilldown: Optional[int], minor_involved: Optional[str], rule: IloRule) -> List[Tuple[List[str], List[str]]]:
    """Per part of the check, in order: (slots answered or to ask, open candidates best first)."""
    limit = drilldown_limit(catalogue) if drilldown is None else drilldown
    minor_involved = minor_involved if minor_involved is not None else answers.get(MINOR_INVOLVED)
    ilo_list = strength_list_for(exploitation_type, minor_involved, rule)
    applicable = [i for i in catalogue.indicators.values() if i.applies(exploitation_type)]

    frequency = typical(exploitation_type)

    def by_telling(indicator: Indicator):
        return (STRENGTH_RANK.get(indicator.strength(ilo_list) or "", len(STRENGTHS)),
                -frequency.get(indicator.id, 0.0), indicator.order)

    parts: List[Tuple[List[str], List[str]]] = [(list(CONTEXT_SLOTS), [])]
    by_dimension = {dimension: sorted((i for i in applicable if i.dimension == dimension
                                       and i.strength(ilo_list) in STRENGTHS), key=by_telling)
                    for dimension in SCREENING_ORDER}
    graded = {d: _graded(m, answers, ilo_list) for d, m in by_dimension.items()}
    established = {d: _reachable(Counter(g.values()), rule) for d, g in graded.items()}
    victim = victim_rule_for(minor_involved, rule)
    groups = [group.any_of for group in rule.likely_victim[victim].all_of]
    strong_yes = any(answers.get(i.id) == "yes" and i.strength(ilo_list) == STRENGTHS[0] for i in applicable)
    for dimension in SCREENING_ORDER:
        members = by_dimension[dimension]
        answered, candidates = _dimension_questions(members, answers, ilo_list, rule, limit,
                                                    screening_count(catalogue, dimension, len(members)), frequency,
                                                    graded[dimension])
        if candidates and _moot(dimension, established, groups, members, answers, ilo_list, strong_yes):
            candidates = []
        parts.append((answered + candidates[:1], candidates))
    observations = sorted((i for i in applicable if i.dimension == OBSERVATION), key=lambda i: (not i.core, i.order))
    answered = [i.id for i in observations if answers.get(i.id) is not None]
    nothing_yet = not any(answers.get(i.id) == "yes" for i in applicable)
    open_observations = [i.id for i in observations if answers.get(i.id) is None and i.core]
    asked_before = [s for part, _ in parts for s in part]
    if nothing_yet and open_observations and all(answers.get(s) is not None for s in asked_before):
        parts.append((answered + open_observations[:1], open_observations))
    else:
        parts.append((answered, []))
    return parts


def plan(
    answers: Mapping[str, Optional[str]],
    exploitation_type: Optional[str] = None,
    catalogue: Optional[Catalogue] = None,
    drilldown: Optional[int] = None,
    minor_involved: Optional[str] = None,
    rule: Optional[IloRule] = None,
) -> List[str]:
    """Ordered slot names the check needs, given the answers so far (answered ones included)."""
    parts = _walk(answers, exploitation_type, catalogue or load_catalogue(), drilldown, minor_involved,
                  rule or load_rule())
    return [slot for part, _ in parts for slot in part]


def question(
    answers: Mapping[str, Optional[str]],
    exploitation_type: Optional[str] = None,
    catalogue: Optional[Catalogue] = None,
    minor_involved: Optional[str] = None,
) -> Optional[Question]:
    """The next question and what is shown with it; None when the check is complete."""
    catalogue = catalogue or load_catalogue()
    for part, candidates in _walk(answers, exploitation_type, catalogue, None, minor_involved, load_rule()):
        slot = next((s for s in part if answers.get(s) is None), None)
        if slot is None:
            continue
        if slot not in candidates:
            return Question(slot)
        shown = int(catalogue.checklist.get("alternatives_per_question", 0))
        return Question(slot, tuple(c for c in candidates if c != slot)[:shown])
    return None


def next_question(
    answers: Mapping[str, Optional[str]],
    exploitation_type: Optional[str] = None,
    catalogue: Optional[Catalogue] = None,
    minor_involved: Optional[str] = None,
) -> Optional[str]:
    """The first slot of the plan that has no answer yet; None when the check is complete."""
    asked = question(answers, exploitation_type, catalogue, minor_involved)
    return asked.slot if asked else None


def not_asked(answers: Mapping[str, Optional[str]], exploitation_type: Optional[str] = None,
              catalogue: Optional[Catalogue] = None) -> List[str]:
    """Indicators that apply but were never answered: the officer can still add them."""
    catalogue = catalogue or load_catalogue()
    return [i.id for i in catalogue.indicators.values()
            if i.applies(exploitation_type) and answers.get(i.id) is None]


