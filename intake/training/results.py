"""Exercise results read from `mode: exercise` signals (their `exercise` field).

The field is written by the action server at the end of an exercise:
{"scenario_id", "scenario_title", "score": {"correct", "total"}, "found", "missed", "wrongly_flagged"}.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, Iterable, List, Optional

from intake.signals.models import Signal


@dataclass
class ExerciseResult:
    reference: str
    received_at: datetime
    trainee: str
    scenario_id: str
    scenario_title: str
    correct: Optional[int]
    total: Optional[int]
    found: List[str] = field(default_factory=list)
    missed: List[str] = field(default_factory=list)
    wrongly_flagged: List[str] = field(default_factory=list)

    @property
    def percent(self) -> Optional[int]:
        if self.correct is None or not self.total:
            return None
        return round(100 * self.correct / self.total)


@dataclass
class ResultGroup:
    key: str
    title: str
    results: List[ExerciseResult] = field(default_factory=list)

    @property
    def mean_percent(self) -> Optional[int]:
        scores = [r.percent for r in self.results if r.percent is not None]
        return round(sum(scores) / len(scores)) if scores else None

    @property
    def last_at(self) -> Optional[datetime]:
        return max((r.received_at for r in self.results), default=None)


def _ids(value) -> List[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _int(value) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def result_of(signal: Signal) -> ExerciseResult:
    exercise = signal.payload.get("exercise") if isinstance(signal.payload.get("exercise"), dict) else {}
    score = exercise.get("score") if isinstance(exercise.get("score"), dict) else {}
    return ExerciseResult(
        reference=signal.reference,
        received_at=signal.received_at,
        trainee=signal.reporter_pseudonym,
        scenario_id=str(exercise.get("scenario_id") or "onbekend"),
        scenario_title=str(exercise.get("scenario_title") or exercise.get("scenario_id") or "onbekend"),
        correct=_int(score.get("correct")),
        total=_int(score.get("total")),
        found=_ids(exercise.get("found")),
        missed=_ids(exercise.get("missed")),
        wrongly_flagged=_ids(exercise.get("wrongly_flagged")),
    )


def exercise_results(trainee: Optional[str] = None, scenario_id: Optional[str] = None) -> List[ExerciseResult]:
    """Oldest first, so scores read as a course over time."""
    signals = Signal.objects.filter(mode="exercise").order_by("received_at", "id")
    if trainee:
        signals = signals.filter(reporter_pseudonym=trainee)
    results = [result_of(signal) for signal in signals]
    if scenario_id:
        results = [r for r in results if r.scenario_id == scenario_id]
    return results


def group_by(results: Iterable[ExerciseResult], what: str) -> List[ResultGroup]:
    groups: Dict[str, ResultGroup] = {}
    for result in results:
        key = result.trainee if what == "trainee" else result.scenario_id
        title = result.trainee if what == "trainee" else result.scenario_title
        groups.setdefault(key, ResultGroup(key=key, title=title)).results.append(result)
    return sorted(groups.values(), key=lambda g: g.title)
