"""The ILO/EC (2009) assessment rule as data: `catalogue/ilo_rule.yml`, its shape
checked by `catalogue/schemas/ilo_rule.schema.json`, read into typed objects.

The rule's wording and source are in the data file; signaal/assessment.py
interprets it. Pure Python for both runtimes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple

from signaal.data_files import SCHEMA_DIR, DataFileError, load_checked
from signaal.paths import CATALOGUE_DIR

ILO_RULE = CATALOGUE_DIR / "ilo_rule.yml"
ILO_RULE_SCHEMA = SCHEMA_DIR / "ilo_rule.schema.json"
STRENGTHS: Tuple[str, ...] = ("strong", "medium", "weak")


class RuleError(DataFileError):
    """The rule file is missing or has the wrong shape."""


@dataclass(frozen=True)
class Choice:
    """`when` all context values match -> `value`; `when: {}` always matches."""
    when: Mapping[str, str]
    value: str

    def matches(self, context: Mapping[str, Optional[str]]) -> bool:
        return all(context.get(key) == wanted for key, wanted in self.when.items())


@dataclass(frozen=True)
class AnyOfDimensions:
    """Met when any one of these dimensions is present."""
    any_of: Tuple[str, ...]
    label: Mapping[str, str]


@dataclass(frozen=True)
class VictimRule:
    """Likely victim when every group of `all_of` is met; the reasons say which were not."""
    all_of: Tuple[AnyOfDimensions, ...]
    reason_met: Mapping[str, str]
    reason_unmet: Mapping[str, str]


@dataclass(frozen=True)
class PriorityCase:
    """A case of a priority level: all its facts hold (acute_danger, any_yes, ...)."""
    all_of: Tuple[str, ...]
    reason: Mapping[str, str]


@dataclass(frozen=True)
class PriorityLevel:
    """The first level with a case that holds is the priority."""
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


def _choices(items: Any, field: str) -> Tuple[Choice, ...]:
    return tuple(Choice(dict(item.get("when") or {}), item[field]) for item in items)


def _victim_rule(spec: Mapping[str, Any]) -> VictimRule:
    return VictimRule(
        all_of=tuple(AnyOfDimensions(tuple(group["any_of"]), dict(group["label"])) for group in spec["all_of"]),
        reason_met=dict(spec["reason_met"]),
        reason_unmet=dict(spec["reason_unmet"]),
    )


def _cross_reference_problems(data: Mapping[str, Any]) -> Optional[str]:
    """What the schema cannot say: names that refer to each other, and fallbacks that must exist."""
    for n, threshold in enumerate(data["element_present_when"]):
        unknown = [name for name in threshold if name not in data["counters"]]
        if unknown:
            return f"element_present_when/{n}: {', '.join(unknown)} is not one of the counters {', '.join(data['counters'])}"
    for field in ("strength_list", "victim_rule"):
        if data[field][-1].get("when"):
            return f"{field}: the last entry must be the fallback `when: {{}}`"
    if not any(case["all_of"] == ["otherwise"] for case in data["priority"][-1]["when_any_of"]):
        return "priority: the last level needs a case `all_of: [otherwise]` so every check gets a priority"
    return None


def read_rule(path: Path) -> IloRule:
    try:
        data = load_checked(path, ILO_RULE_SCHEMA)
    except DataFileError as error:
        raise RuleError(str(error)) from None
    problem = _cross_reference_problems(data)
    if problem:
        raise RuleError(f"{path}: {problem}")
    return IloRule(
        path=path,
        source=dict(data["source"]),
        dimensions=tuple(data["dimensions"]),
        strength_list=_choices(data["strength_list"], "list"),
        counters={name: tuple(strengths) for name, strengths in data["counters"].items()},
        element_present_when=tuple(dict(threshold) for threshold in data["element_present_when"]),
        victim_rule=_choices(data["victim_rule"], "rule"),
        likely_victim={name: _victim_rule(spec) for name, spec in data["likely_victim"].items()},
        priority=tuple(
            PriorityLevel(level["level"], tuple(PriorityCase(tuple(case["all_of"]), dict(case["reason"]))
                                                for case in level["when_any_of"]))
            for level in data["priority"]
        ),
        texts=data["texts"],
    )


@lru_cache(maxsize=4)
def load_rule(path: Path = ILO_RULE) -> IloRule:
    """The ILO rule from `catalogue/ilo_rule.yml`, checked for shape."""
    return read_rule(Path(path))
