"""Exercise scenarios: case vignettes with an answer key, one YAML file each.

Trainers add a scenario by adding `catalogue/scenarios/<id>.yml`. Every file
is checked against `catalogue/schemas/scenario.schema.json` and against the contract's
indicator ids; a broken file is reported by name (`ScenarioSet.errors`) and
the others still load, so one typo never stops an exercise session.
"""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import yaml

from signaal.catalogue import LANGUAGES, contract_ids
from signaal.data_files import SCHEMA_DIR, schema_problems, yaml_problem
from signaal.labels import pick
from signaal.paths import CATALOGUE_DIR

SCENARIOS_DIR = CATALOGUE_DIR / "scenarios"
SCENARIO_SCHEMA = SCHEMA_DIR / "scenario.schema.json"
# A vignette an officer can read on a phone in a minute, long enough to hold the key.
NARRATIVE_WORDS = (80, 200)
SCENARIO_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Fact:
    """An answer to a question only an officer on the spot could ask."""

    keywords: Mapping[str, Tuple[str, ...]]
    answer: Mapping[str, str]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Mapping[str, str]
    setting: str
    narrative: Mapping[str, str]
    exploitation_type: str  # sexual | labour | criminal | organ_removal | none
    minor_involved: str  # yes | no
    persons: int
    trafficking: bool
    present: Tuple[str, ...]
    absent: Tuple[str, ...]
    explanations: Mapping[str, Mapping[str, str]]
    facts: Tuple[Fact, ...]
    teaches: Mapping[str, str]
    sources: Tuple[str, ...] = ()
    # False when met before exploitation began (e.g. at the border): intent counts, the ILO outcome cannot yet.
    exploitation_started: bool = True
    path: Optional[Path] = field(default=None, compare=False)

    @property
    def is_control(self) -> bool:
        """A case that looks like trafficking but is not."""
        return not self.trafficking

    @property
    def keyed_ids(self) -> Tuple[str, ...]:
        return self.present + self.absent

    def text(self, what: str, language: str = "nl") -> str:
        """`title`, `narrative` or `teaches` in `language`, Dutch when missing."""
        return pick(getattr(self, what), language)

    def explanation(self, indicator_id: str, language: str = "nl") -> str:
        return pick(self.explanations.get(indicator_id), language)


@dataclass
class ScenarioSet:
    scenarios: Dict[str, Scenario] = field(default_factory=dict)
    errors: List[str] = field(default_factory=list)

    def get(self, scenario_id: str) -> Optional[Scenario]:
        return self.scenarios.get(scenario_id)

    def ids(self) -> List[str]:
        return sorted(self.scenarios)

    def random(self, rng: Optional[random.Random] = None) -> Scenario:
        if not self.scenarios:
            raise LookupError("no valid scenarios loaded")
        return (rng or random).choice([self.scenarios[i] for i in self.ids()])

    def __iter__(self) -> Iterator[Scenario]:
        return (self.scenarios[i] for i in self.ids())

    def __len__(self) -> int:
        return len(self.scenarios)


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def _content_problems(data: Mapping[str, Any], stem: str, known_ids: Sequence[str]) -> List[str]:
    """What the schema cannot say: cross-field and contract checks."""
    problems = []
    if data["id"] != stem:
        problems.append(f"id: '{data['id']}' must equal the file name '{stem}'")
    key = data["answer_key"]
    known = set(known_ids)
    for part in ("present", "absent"):
        for indicator_id in key[part]:
            if indicator_id not in known:
                problems.append(f"answer_key/{part}: '{indicator_id}' is not an indicator id of contract/indicators.yml")
    both = sorted(set(key["present"]) & set(key["absent"]))
    if both:
        problems.append(f"answer_key: {', '.join(both)} listed as both present and absent")
    keyed = set(key["present"]) | set(key["absent"])
    missing = sorted(keyed - set(key["explanations"]))
    if missing:
        problems.append(f"answer_key/explanations: no explanation for {', '.join(missing)}")
    extra = sorted(set(key["explanations"]) - keyed)
    if extra:
        problems.append(f"answer_key/explanations: {', '.join(extra)} not in present or absent")
    low, high = NARRATIVE_WORDS
    for language in LANGUAGES:
        words = _word_count(data["narrative"][language])
        if not low <= words <= high:
            problems.append(f"narrative/{language}: {words} words, expected {low}-{high}")
    if data["exploitation_type"] == "none" and data["trafficking"]:
        problems.append("exploitation_type: 'none' is only for control cases (trafficking: false)")
    if not data["trafficking"] and data.get("exploitation_started") is False:
        problems.append("exploitation_started: only meaningful for trafficking cases")
    if data["trafficking"] and not key["present"]:
        problems.append("answer_key/present: a trafficking case needs at least one present indicator")
    return problems


def _build(data: Mapping[str, Any], path: Path) -> Scenario:
    key = data["answer_key"]
    facts = tuple(
        Fact(
            keywords={lang: tuple(words) for lang, words in fact["keywords"].items()},
            answer=dict(fact["answer"]),
        )
        for fact in data["facts"]
    )
    return Scenario(
        id=data["id"],
        title=dict(data["title"]),
        setting=data["setting"],
        narrative={lang: text.strip() for lang, text in data["narrative"].items()},
        exploitation_type=data["exploitation_type"],
        minor_involved=data["minor_involved"],
        persons=int(data["persons"]),
        trafficking=bool(data["trafficking"]),
        present=tuple(key["present"]),
        absent=tuple(key["absent"]),
        explanations={i: dict(t) for i, t in key["explanations"].items()},
        facts=facts,
        teaches=dict(data["teaches"]),
        sources=tuple(data.get("sources") or ()),
        exploitation_started=bool(data.get("exploitation_started", True)),
        path=path,
    )


def load_scenario(
    path: Path,
    known_ids: Optional[Sequence[str]] = None,
) -> Tuple[Optional[Scenario], List[str]]:
    """One file: (scenario, []) when valid, (None, problems) when not."""
    known_ids = contract_ids() if known_ids is None else known_ids
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return None, [f"cannot be read: {error}"]
    except yaml.YAMLError as error:
        return None, [yaml_problem(error)]
    problems = schema_problems(SCENARIO_SCHEMA, data)
    if problems:
        return None, problems
    problems = _content_problems(data, path.stem, known_ids)
    if problems:
        return None, problems
    return _build(data, path), []


def load_scenarios(directory: Optional[Path] = None) -> ScenarioSet:
    """Every scenario file in `directory` (default catalogue/scenarios/)."""
    directory = Path(directory) if directory is not None else SCENARIOS_DIR
    result = ScenarioSet()
    if not directory.is_dir():
        result.errors.append(f"{directory}: scenario directory not found")
        return result
    known_ids = contract_ids()
    paths = sorted(p for p in directory.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
    for path in paths:
        scenario, problems = load_scenario(path, known_ids)
        if problems:
            result.errors.extend(f"{path.name}: {problem}" for problem in problems)
        elif scenario.id in result.scenarios:
            first = result.scenarios[scenario.id].path.name
            result.errors.append(f"{path.name}: id '{scenario.id}' already loaded from {first}")
        else:
            result.scenarios[scenario.id] = scenario
    return result


# --- answering the trainee's questions from the scenario's facts -------------

def _normalise(text: str) -> str:
    """Lowercase without accents, so 'geïnd' and 'geind' match."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> List[str]:
    return re.findall(r"\w+", _normalise(text))


def _keyword_matches(keyword: str, words: Sequence[str]) -> int:
    """Number of words matched by `keyword` (a word or phrase) in `words`; 0 for none.

    Whole words only; a trailing * on a word matches any ending (betaal*).
    """
    parts = _normalise(keyword).split()
    if not parts:
        return 0

    def same(pattern: str, word: str) -> bool:
        if pattern.endswith("*"):
            return word.startswith(pattern[:-1])
        return word == pattern

    for start in range(len(words) - len(parts) + 1):
        if all(same(p, words[start + k]) for k, p in enumerate(parts)):
            return len(parts)
    return 0


def _overlap(keywords: Sequence[str], words: Sequence[str]) -> int:
    return sum(_keyword_matches(k, words) for k in keywords)


def answer_fact(scenario: Scenario, question_text: str, language: str = "nl") -> Optional[str]:
    """The answer of the fact whose keywords best overlap the question; None when none match.

    Keywords of `language` are tried first; officers mix languages, so the
    other language's keywords are the fallback. The answer is in `language`.
    Ties go to the fact listed first in the file.
    """
    words = _words(question_text)
    if not words:
        return None
    languages = [language] + [lang for lang in LANGUAGES if lang != language]
    for lang in languages:
        best: Optional[Fact] = None
        best_score = 0
        for fact in scenario.facts:
            score = _overlap(fact.keywords.get(lang, ()), words)
            if score > best_score:
                best, best_score = fact, score
        if best is not None:
            return pick(best.answer, language)
    return None
