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
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from signaal.catalogue import ILO_DIMENSIONS, LANGUAGES, OBSERVATION, Catalogue, load_catalogue
from signaal.paths import CATALOGUE_DIR

ILO_RULE = CATALOGUE_DIR / "ilo_rule.yml"
DIMENSION_LABELS = CATALOGUE_DIR / "dimensions.yml"  # labels of dimensions, shared with the summary
PRIORITIES: Tuple[str, ...] = ("urgent", "high", "normal", "low")  # contract enum
STRENGTHS: Tuple[str, ...] = ("strong", "medium", "weak")
STRENGTH_LISTS: Tuple[str, ...] = ("default", "sexual", "child")
VICTIM_RULES: Tuple[str, ...] = ("adult", "child")
CONTEXT_KEYS: Tuple[str, ...] = ("minor_involved", "exploitation_type")
# Facts a priority case may name; computed in `assess`.
FACTS: Tuple[str, ...] = (
    "acute_danger", "minor_involved", "any_yes", "strong_yes", "ilo_likely_victim", "otherwise",
)
TEXT_KEYS: Tuple[str, ...] = (
    "strength", "indicator_noun", "conjunction", "element_present", "element_below_threshold", "observations",
)


class RuleError(ValueError):
    """The rule file is missing or has the wrong shape."""


# --- the rule, as loaded ----------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """`when` all context values match -> `value`; `when: {}` always matches."""
    when: Mapping[str, str]
    value: str

    def matches(self, context: Mapping[str, Optional[str]]) -> bool:
        return all(context.get(key) == wanted for key, wanted in self.when.items())


@dataclass(frozen=True)
class DimensionGroup:
    any_of: Tuple[str, ...]
    label: Mapping[str, str]


@dataclass(frozen=True)
class VictimRule:
    all_of: Tuple[DimensionGroup, ...]
    reason_met: Mapping[str, str]
    reason_unmet: Mapping[str, str]


@dataclass(frozen=True)
class PriorityCase:
    all_of: Tuple[str, ...]
    reason: Mapping[str, str]


@dataclass(frozen=True)
class PriorityLevel:
    level: str
    when_any_of: Tuple[PriorityCase, ...]


@dataclass(frozen=True)
class IloRule:
    path: Path
    source: Mapping[str, str]             # title, url, ... of the brochure
    dimensions: Tuple[str, ...]
    strength_list: Tuple[Choice, ...]
    counters: Mapping[str, Tuple[str, ...]]
    element_present_when: Tuple[Mapping[str, int], ...]
    victim_rule: Tuple[Choice, ...]
    likely_victim: Mapping[str, VictimRule]
    priority: Tuple[PriorityLevel, ...]
    texts: Mapping[str, Any]


# --- loading and validating -------------------------------------------------

class _Checker:
    """Collects the file name so every error says where the problem is."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str) -> RuleError:
        return RuleError(f"{self.path}: {where}: {problem}")

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "must be a mapping")
        return value

    def sequence(self, value: Any, where: str, non_empty: bool = True) -> Sequence[Any]:
        if not isinstance(value, list) or (non_empty and not value):
            raise self.fail(where, "must be a non-empty list" if non_empty else "must be a list")
        return value

    def one_of(self, value: Any, allowed: Sequence[str], where: str) -> str:
        if value not in allowed:
            raise self.fail(where, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def texts(self, value: Any, where: str) -> Mapping[str, str]:
        texts = self.mapping(value, where)
        for language in LANGUAGES:
            if not isinstance(texts.get(language), str) or not texts[language].strip():
                raise self.fail(where, f"needs a text for language {language!r}")
        return dict(texts)

    def choices(self, value: Any, where: str, field: str, allowed: Sequence[str]) -> Tuple[Choice, ...]:
        result = []
        for n, item in enumerate(self.sequence(value, where)):
            item = self.mapping(item, f"{where}[{n}]")
            when = self.mapping(item.get("when", {}), f"{where}[{n}].when")
            for key, wanted in when.items():
                self.one_of(key, CONTEXT_KEYS, f"{where}[{n}].when")
                if not isinstance(wanted, str):
                    raise self.fail(f"{where}[{n}].when.{key}", "must be a quoted string (write \"yes\", not yes)")
            result.append(Choice(dict(when), self.one_of(item.get(field), allowed, f"{where}[{n}].{field}")))
        if result[-1].when:
            raise self.fail(where, "the last entry must be the fallback `when: {}`")
        return tuple(result)


def _read_rule(path: Path) -> IloRule:
    check = _Checker(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RuleError(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise RuleError(f"{path}: is not valid YAML ({error})") from None
    data = check.mapping(data, "top level")
    source = check.mapping(data.get("source"), "source")
    for key in ("title", "url"):
        if not isinstance(source.get(key), str):
            raise check.fail("source", f"must cite the {key} of the brochure")

    dimensions = tuple(check.sequence(data.get("dimensions"), "dimensions"))
    if dimensions != ILO_DIMENSIONS:
        raise check.fail("dimensions", f"must be exactly {', '.join(ILO_DIMENSIONS)} in that order")

    counters = {}
    for name, strengths in check.mapping(data.get("counters"), "counters").items():
        members = check.sequence(strengths, f"counters.{name}")
        counters[name] = tuple(check.one_of(s, STRENGTHS, f"counters.{name}") for s in members)

    thresholds = []
    for n, threshold in enumerate(check.sequence(data.get("element_present_when"), "element_present_when")):
        threshold = check.mapping(threshold, f"element_present_when[{n}]")
        if not threshold:
            raise check.fail(f"element_present_when[{n}]", "an empty threshold would make every element present")
        for counter, minimum in threshold.items():
            check.one_of(counter, tuple(counters), f"element_present_when[{n}]")
            if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
                raise check.fail(f"element_present_when[{n}].{counter}", "must be a whole number of at least 1")
        thresholds.append(dict(threshold))

    victim_rules = {}
    rules = check.mapping(data.get("likely_victim"), "likely_victim")
    for name in VICTIM_RULES:
        spec = check.mapping(rules.get(name), f"likely_victim.{name}")
        groups = []
        for n, group in enumerate(check.sequence(spec.get("all_of"), f"likely_victim.{name}.all_of")):
            where = f"likely_victim.{name}.all_of[{n}]"
            group = check.mapping(group, where)
            members = check.sequence(group.get("any_of"), f"{where}.any_of")
            groups.append(DimensionGroup(
                any_of=tuple(check.one_of(d, ILO_DIMENSIONS, f"{where}.any_of") for d in members),
                label=check.texts(group.get("label"), f"{where}.label"),
            ))
        victim_rules[name] = VictimRule(
            all_of=tuple(groups),
            reason_met=check.texts(spec.get("reason_met"), f"likely_victim.{name}.reason_met"),
            reason_unmet=check.texts(spec.get("reason_unmet"), f"likely_victim.{name}.reason_unmet"),
        )

    levels = []
    for n, level in enumerate(check.sequence(data.get("priority"), "priority")):
        where = f"priority[{n}]"
        level = check.mapping(level, where)
        cases = []
        for m, case in enumerate(check.sequence(level.get("when_any_of"), f"{where}.when_any_of")):
            case = check.mapping(case, f"{where}.when_any_of[{m}]")
            facts = check.sequence(case.get("all_of"), f"{where}.when_any_of[{m}].all_of")
            cases.append(PriorityCase(
                all_of=tuple(check.one_of(f, FACTS, f"{where}.when_any_of[{m}].all_of") for f in facts),
                reason=check.texts(case.get("reason"), f"{where}.when_any_of[{m}].reason"),
            ))
        levels.append(PriorityLevel(check.one_of(level.get("level"), PRIORITIES, f"{where}.level"), tuple(cases)))
    if not any(case.all_of == ("otherwise",) for case in levels[-1].when_any_of):
        raise check.fail("priority", "the last level needs a case `all_of: [otherwise]` so every check gets a priority")

    texts = check.mapping(data.get("texts"), "texts")
    for key in TEXT_KEYS:
        if key not in texts:
            raise check.fail("texts", f"missing {key!r}")
    for strength in STRENGTHS:
        check.texts(check.mapping(texts["strength"], "texts.strength").get(strength), f"texts.strength.{strength}")
    for language in LANGUAGES:
        noun = check.mapping(check.mapping(texts["indicator_noun"], "texts.indicator_noun").get(language),
                             f"texts.indicator_noun.{language}")
        for number in ("one", "many"):
            if not isinstance(noun.get(number), str):
                raise check.fail(f"texts.indicator_noun.{language}", f"missing {number!r}")
    for key in TEXT_KEYS[2:]:
        check.texts(texts[key], f"texts.{key}")

    return IloRule(
        path=path,
        source=dict(source),
        dimensions=dimensions,
        strength_list=check.choices(data.get("strength_list"), "strength_list", "list", STRENGTH_LISTS),
        counters=counters,
        element_present_when=tuple(thresholds),
        victim_rule=check.choices(data.get("victim_rule"), "victim_rule", "rule", VICTIM_RULES),
        likely_victim=victim_rules,
        priority=tuple(levels),
        texts=texts,
    )


@lru_cache(maxsize=4)
def load_rule(path: Path = ILO_RULE) -> IloRule:
    """The ILO rule from `catalogue/ilo_rule.yml`, checked for shape."""
    return _read_rule(Path(path))


@lru_cache(maxsize=1)
def _dimension_labels() -> Mapping[str, Mapping[str, str]]:
    """Labels from catalogue/dimensions.yml; an absent file or label falls back to the id."""
    try:
        data = yaml.safe_load(DIMENSION_LABELS.read_text(encoding="utf-8")) or {}
    except OSError:
        return {}
    labels = data.get("dimensions") if isinstance(data, Mapping) else None
    return labels if isinstance(labels, Mapping) else {}


def dimension_label(dimension: str, language: str = "nl") -> str:
    texts = _dimension_labels().get(dimension)
    if not isinstance(texts, Mapping):
        return dimension
    return texts.get(language) or texts.get("nl") or dimension


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


def _element_present(counts: Mapping[str, int], rule: IloRule) -> bool:
    def counter(name: str) -> int:
        return sum(counts.get(strength, 0) for strength in rule.counters[name])

    return any(
        all(counter(name) >= minimum for name, minimum in threshold.items())
        for threshold in rule.element_present_when
    )


def _missing_groups(victim_rule: VictimRule, dimensions: Mapping[str, bool]) -> List[DimensionGroup]:
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
    counts: Dict[str, Counter] = {d: Counter() for d in rule.dimensions}
    for indicator in yes:
        yes_by_dimension.setdefault(indicator.dimension, []).append(indicator.id)
        # Observations (and any grade outside strong/medium/weak) carry no ILO weight.
        strength = indicator.strength(ilo_list)
        if indicator.dimension in counts and strength in STRENGTHS:
            counts[indicator.dimension][strength] += 1
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
