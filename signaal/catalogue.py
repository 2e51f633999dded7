"""The indicator catalogue: the contract's facts merged with the project's texts.

`contract/indicators.yml` fixes id, ILO dimension, strength(s) and meaning;
`catalogue/indicators.yml` adds questions, explanations, phrases and asking
order. Read here once; every other part asks this module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.labels import LANGUAGES, label, pick
from signaal.paths import CATALOGUE_DIR, CONTRACT_INDICATORS

# The six elements of the ILO/EC operational indicators (2009), in the order
# of the trafficking definition; `observation` carries no ILO weight.
ILO_DIMENSIONS: Tuple[str, ...] = (
    "deceptive_recruitment",
    "coercive_recruitment",
    "vulnerability_recruitment",
    "exploitation",
    "coercion_destination",
    "vulnerability_destination",
)
OBSERVATION = "observation"
DIMENSIONS: Tuple[str, ...] = ILO_DIMENSIONS + (OBSERVATION,)
EXPLOITATION_TYPES: Tuple[str, ...] = ("sexual", "labour", "criminal", "organ_removal")
ANSWERS: Tuple[str, ...] = ("yes", "no", "unknown")
# The brochure's four lists; "default" is adults, labour exploitation. A list
# without its own grade for an indicator takes the first grade down its chain
# (contract/indicators.yml, header).
ILO_LISTS: Tuple[str, ...] = ("default", "sexual", "child_labour", "child_sexual")
ILO_LIST_FALLBACK: Mapping[str, Tuple[str, ...]] = {
    "default": ("default",),
    "sexual": ("sexual", "default"),
    "child_labour": ("child_labour", "child", "default"),
    "child_sexual": ("child_sexual", "child_labour", "child", "default"),
}
# `child` (docs/contract.md: one grade for both child lists) is read when given.
_CONTRACT_LIST_KEYS: Tuple[str, ...] = ("sexual", "child_labour", "child_sexual", "child")


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    meaning: str
    # strength per ILO list: "default" (adult labour), "sexual", "child_labour", "child_sexual"
    strengths: Mapping[str, str] = field(default_factory=dict)
    ilo_item: Optional[str] = None  # the brochure's item; ids sharing one count once
    order: int = 1000
    core: bool = False
    applies_to: Tuple[str, ...] = EXPLOITATION_TYPES
    label: Mapping[str, str] = field(default_factory=dict)
    question: Mapping[str, str] = field(default_factory=dict)
    explanation: Mapping[str, str] = field(default_factory=dict)
    phrases: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    examples: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    sources: Tuple[str, ...] = ()

    @property
    def is_observation(self) -> bool:
        return self.dimension == OBSERVATION

    def strength(self, ilo_list: str = "default") -> Optional[str]:
        """Strength in one of the four ILO lists (ILO_LISTS), through its fallbacks."""
        if self.is_observation:
            return None
        for name in ILO_LIST_FALLBACK.get(ilo_list, (ilo_list, "default")):
            if self.strengths.get(name):
                return self.strengths[name]
        return None

    def applies(self, exploitation_type: Optional[str]) -> bool:
        if not exploitation_type or exploitation_type == "unknown":
            return True
        return exploitation_type in self.applies_to

    def text(self, what: str, language: str = "nl") -> str:
        return pick(getattr(self, what), language, self.meaning)


@dataclass(frozen=True)
class Catalogue:
    indicators: Mapping[str, Indicator]  # in asking order
    context: Mapping[str, Any]
    exploitation_types: Mapping[str, Any]
    sources: Mapping[str, Any]
    checklist: Mapping[str, Any] = field(default_factory=dict)  # tunables of the checklist

    def by_dimension(self, dimension: str) -> List[Indicator]:
        return [i for i in self.indicators.values() if i.dimension == dimension]

    def ids(self) -> List[str]:
        return list(self.indicators)


CONTRACT_SCHEMA = SCHEMA_DIR / "contract_indicators.schema.json"
CATALOGUE_SCHEMA = SCHEMA_DIR / "catalogue.schema.json"


def _load_yaml(path: Path, schema: Path) -> Dict[str, Any]:
    """The file checked against its schema (DataFileError says what is wrong where); {} when absent."""
    if not path.exists():
        return {}
    return load_checked(path, schema) or {}


def _read_contract(path: Path) -> Dict[str, Dict[str, Any]]:
    """id -> {dimension, meaning, strengths} from the contract file."""
    result: Dict[str, Dict[str, Any]] = {}
    for dimension, items in _load_yaml(path, CONTRACT_SCHEMA).items():
        for indicator_id, spec in (items or {}).items():
            strengths = {}
            if "strength" in spec:
                strengths["default"] = spec["strength"]
            for ilo_list in _CONTRACT_LIST_KEYS:
                if ilo_list in spec:
                    strengths[ilo_list] = spec[ilo_list]
            result[indicator_id] = {
                "dimension": dimension,
                "meaning": spec.get("meaning", ""),
                "strengths": strengths,
                "ilo_item": spec.get("ilo_item"),
            }
    return result


def _tuple_map(value: Optional[Mapping[str, Any]]) -> Dict[str, Tuple[str, ...]]:
    return {lang: tuple(items or ()) for lang, items in (value or {}).items()}


def _option(option: Mapping[str, Any], kind: str) -> Dict[str, Any]:
    """An option with its button titles: the label of its code, or of the button it names."""
    kind, key = ("buttons", option["button"]) if option.get("button") else (kind, option["value"])
    return {**option, **{language: label(kind, key, language) for language in LANGUAGES}}


def _context(questions: Mapping[str, Any]) -> Dict[str, Any]:
    """The context questions, each option's titles filled in from catalogue/labels.yml
    (the kind the question names in `option_labels`), so no option text is typed twice."""
    result = {}
    for name, spec in questions.items():
        spec = dict(spec)
        if spec.get("options"):
            if not spec.get("option_labels"):
                raise ValueError(f"catalogue: context.{name} has options but no option_labels")
            spec["options"] = [_option(option, spec["option_labels"]) for option in spec["options"]]
        result[name] = spec
    return result


def contract_ids(path: Path = CONTRACT_INDICATORS) -> List[str]:
    return list(_read_contract(path))


@lru_cache(maxsize=4)
def load_catalogue(
    contract_path: Path = CONTRACT_INDICATORS,
    catalogue_path: Path = CATALOGUE_DIR / "indicators.yml",
) -> Catalogue:
    contract = _read_contract(contract_path)
    project = _load_yaml(catalogue_path, CATALOGUE_SCHEMA)
    texts: Dict[str, Any] = project.get("indicators") or {}
    unknown = sorted(set(texts) - set(contract))
    # New indicators must bring their own dimension; contract ones may not override it.
    for indicator_id in unknown:
        spec = texts[indicator_id]
        if "dimension" not in spec:
            raise ValueError(f"catalogue: {indicator_id} is not in the contract and has no dimension")
        contract[indicator_id] = {
            "dimension": spec["dimension"],
            "meaning": spec.get("meaning", ""),
            "strengths": {"default": spec["strength"]} if "strength" in spec else {},
        }
    indicators = []
    for position, (indicator_id, facts) in enumerate(contract.items()):
        spec = texts.get(indicator_id) or {}
        indicators.append(
            Indicator(
                id=indicator_id,
                dimension=facts["dimension"],
                meaning=facts["meaning"],
                strengths=facts["strengths"],
                ilo_item=facts.get("ilo_item"),
                order=int(spec.get("order", 1000 + position)),
                core=bool(spec.get("core", False)),
                applies_to=tuple(spec.get("applies_to") or EXPLOITATION_TYPES),
                label=dict(spec.get("label") or {}),
                question=dict(spec.get("question") or {}),
                explanation=dict(spec.get("explanation") or {}),
                phrases=_tuple_map(spec.get("phrases")),
                examples=_tuple_map(spec.get("examples")),
                sources=tuple(spec.get("sources") or ()),
            )
        )
    indicators.sort(key=lambda i: i.order)
    return Catalogue(
        indicators={i.id: i for i in indicators},
        context=_context(project.get("context") or {}),
        exploitation_types=project.get("exploitation_types") or {},
        sources=project.get("sources") or {},
        checklist=project.get("checklist") or {},
    )
