"""The assessment of a check: which ILO elements are present, whether the
ILO/EC (2009) rule calls this a likely victim, and the priority of the signal.

The rule is that of ILO / European Commission, "Operational indicators of
trafficking in human beings" (Delphi survey, revised September 2009). It is
kept as data in `catalogue/ilo_rule.yml` (source and wording there); this
module only interprets it, so a change of rule is a change of data. The
outcome orders the review queue; it never blocks forwarding.

Pure Python for both runtimes (3.10 and 3.12): no Rasa, Django or telegram.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from signaal.catalogue import OBSERVATION, Catalogue, load_catalogue
from signaal.ilo_rule import (  # noqa: F401  (ILO_RULE, RuleError, load_rule: the rule's API, re-exported)
    ILO_RULE,
    STRENGTHS,
    AnyOfDimensions,
    Choice,
    IloRule,
    PriorityCase,
    RuleError,
    VictimRule,
    load_rule,
)
from signaal.labels import label


def dimension_label(dimension: str, language: str = "nl") -> str:
    """The label of a dimension (catalogue/labels.yml); the id when none is written."""
    return label("dimensions", dimension, language)


# --- the outcome ------------------------------------------------------------

@dataclass(frozen=True)
class Assessment:
    dimensions: Dict[str, bool]           # all six ILO dimensions -> element present
    ilo_likely_victim: bool
    priority: str                         # urgent | high | normal | low
    rule_applied: str                     # adult | child
    reasons: List[str]                    # Dutch, for officer and supervisor
    reasons_en: List[str]
    strength_list: str                    # the catalogue list that graded the answers
    yes_by_dimension: Dict[str, List[str]]  # indicator ids answered yes, per dimension (observation too)

    def to_signal_dict(self) -> Dict[str, Any]:
        """Exactly the `assessment` object of contract/signal.schema.json."""
        return {
            "priority": self.priority,
            "dimensions": dict(self.dimensions),
            "ilo_likely_victim": self.ilo_likely_victim,
            "reasons": list(self.reasons),
        }


def _choose(choices: Sequence[Choice], context: Mapping[str, Optional[str]]) -> str:
    return next(choice.value for choice in choices if choice.matches(context))


def strength_list_for(exploitation_type: Optional[str], minor_involved: Optional[str],
                      rule: Optional[IloRule] = None) -> str:
    """Which of the four ILO lists grades this check (catalogue/ilo_rule.yml, `strength_list`)."""
    rule = rule or load_rule()
    return _choose(rule.strength_list, {"minor_involved": minor_involved, "exploitation_type": exploitation_type})


def victim_rule_for(minor_involved: Optional[str], rule: Optional[IloRule] = None) -> str:
    """Which likely-victim rule applies, adult or child (catalogue/ilo_rule.yml, `victim_rule`)."""
    rule = rule or load_rule()
    return _choose(rule.victim_rule, {"minor_involved": minor_involved})


def _item_key(indicator: Any) -> str:
    """The brochure item an id answers; an id without one (or `none`) is its own item."""
    item = getattr(indicator, "ilo_item", None)
    return indicator.id if not item or item == "none" else f"item:{item}"


def _element_present(counts: Mapping[str, int], rule: IloRule) -> bool:
    def counter(name: str) -> int:
        return sum(counts.get(strength, 0) for strength in rule.counters[name])

    return any(
        all(counter(name) >= minimum for name, minimum in threshold.items())
        for threshold in rule.element_present_when
    )


def _missing_groups(victim_rule: VictimRule, dimensions: Mapping[str, bool]) -> List[AnyOfDimensions]:
    return [group for group in victim_rule.all_of if not any(dimensions[d] for d in group.any_of)]


def _priority(rule: IloRule, facts: Mapping[str, bool]) -> Tuple[str, List[PriorityCase]]:
    """The first level with a case whose facts all hold, and every such case of it."""
    for level in rule.priority:
        held = [case for case in level.when_any_of if all(facts[f] for f in case.all_of)]
        if held:
            return level.level, held
    raise AssertionError("unreachable: the loader requires an `otherwise` case on the last level")


def _counts_phrase(counts: Mapping[str, int], rule: IloRule, language: str) -> str:
    texts = rule.texts
    parts = [(counts[s], texts["strength"][s][language]) for s in STRENGTHS if counts.get(s)]
    words = [f"{number} {adjective}" for number, adjective in parts]
    joined = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {texts['conjunction'][language]} {words[-1]}"
    # The noun agrees with the number nearest to it: "1 sterke en 1 middelsterke aanwijzing".
    noun = texts["indicator_noun"][language]["one" if parts[-1][0] == 1 else "many"]
    return f"{joined} {noun}"


def assess(
    answers: Mapping[str, str],
    exploitation_type: Optional[str],
    minor_involved: Optional[str],
    acute_danger: bool = False,
    catalogue: Optional[Catalogue] = None,
    rule: Optional[IloRule] = None,
) -> Assessment:
    """Assess a check. `answers`: indicator id -> "yes" / "no" / "unknown".

    Only "yes" counts. Keys that are not catalogue ids (other slots) are
    ignored, so a caller may pass all its slots.
    """
    catalogue = catalogue or load_catalogue()
    rule = rule or load_rule()
    context = {"minor_involved": minor_involved, "exploitation_type": exploitation_type}
    ilo_list = _choose(rule.strength_list, context)
    rule_applied = _choose(rule.victim_rule, context)

    yes = [i for i in catalogue.indicators.values() if answers.get(i.id) == "yes"]
    yes_by_dimension: Dict[str, List[str]] = {}
    # One brochure item counts once in its element, at its highest grade, even
    # when two ids answer it (contract/indicators.yml, `ilo_item`).
    graded: Dict[str, Dict[str, str]] = {d: {} for d in rule.dimensions}
    for indicator in yes:
        yes_by_dimension.setdefault(indicator.dimension, []).append(indicator.id)
        # Observations (and any grade outside strong/medium/weak) carry no ILO weight.
        strength = indicator.strength(ilo_list)
        if indicator.dimension in graded and strength in STRENGTHS:
            item = _item_key(indicator)
            known = graded[indicator.dimension].get(item)
            if known is None or STRENGTHS.index(strength) < STRENGTHS.index(known):
                graded[indicator.dimension][item] = strength
    counts: Dict[str, Counter] = {d: Counter(graded[d].values()) for d in rule.dimensions}
    dimensions = {d: _element_present(counts[d], rule) for d in rule.dimensions}

    victim_rule = rule.likely_victim[rule_applied]
    missing = _missing_groups(victim_rule, dimensions)
    facts = {
        "acute_danger": bool(acute_danger),
        "minor_involved": minor_involved == "yes",
        "any_yes": bool(yes),
        "strong_yes": any(i.strength(ilo_list) == "strong" for i in yes),
        "ilo_likely_victim": not missing,
        "otherwise": True,
    }
    level, cases = _priority(rule, facts)

    def reasons_in(language: str) -> List[str]:
        texts = rule.texts
        reasons = [case.reason[language] for case in cases]
        if any(counts[d] for d in rule.dimensions):
            reasons.append(
                victim_rule.reason_met[language] if not missing
                else victim_rule.reason_unmet[language].format(
                    missing="; ".join(group.label[language] for group in missing))
            )
        for dimension in rule.dimensions:
            if not counts[dimension]:
                continue
            template = texts["element_present" if dimensions[dimension] else "element_below_threshold"][language]
            reasons.append(template.format(
                dimension=dimension_label(dimension, language),
                counts=_counts_phrase(counts[dimension], rule, language),
                indicators="; ".join(
                    catalogue.indicators[i].text("label", language)
                    for i in yes_by_dimension[dimension]
                    if catalogue.indicators[i].strength(ilo_list) in STRENGTHS
                ),
            ))
        if yes_by_dimension.get(OBSERVATION):
            reasons.append(texts["observations"][language].format(indicators="; ".join(
                catalogue.indicators[i].text("label", language) for i in yes_by_dimension[OBSERVATION])))
        return reasons

    return Assessment(
        dimensions=dimensions,
        ilo_likely_victim=not missing,
        priority=level,
        rule_applied=rule_applied,
        reasons=reasons_in("nl"),
        reasons_en=reasons_in("en"),
        strength_list=ilo_list,
        yes_by_dimension=yes_by_dimension,
    )
