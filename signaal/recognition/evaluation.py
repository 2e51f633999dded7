"""Precision, recall and F1 of indicator recognition, per indicator and overall (micro). Pure."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Sequence, Set, Tuple


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int  # how many times the indicator was expected

    @staticmethod
    def of(tp: int, fp: int, fn: int) -> "Scores":
        precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Scores(precision, recall, f1, tp + fn)


@dataclass(frozen=True)
class Report:
    overall: Scores
    per_indicator: Dict[str, Scores]
    must_not_reported: int  # ids reported that the item said must not be
    items: int


def evaluate(items: Sequence[Mapping], predicted: Sequence[Iterable[str]]) -> Report:
    """`items`: {expected: [...], must_not: [...]}; `predicted`: the ids reported for each item."""
    tp, fp, fn = Counter(), Counter(), Counter()
    must_not = 0
    for item, reported in zip(items, predicted):
        reported: Set[str] = set(reported)
        expected = set(item.get("expected") or ())
        for i in reported & expected:
            tp[i] += 1
        for i in reported - expected:
            fp[i] += 1
        for i in expected - reported:
            fn[i] += 1
        must_not += len(reported & set(item.get("must_not") or ()))
    ids = sorted(set(tp) | set(fp) | set(fn))
    return Report(
        overall=Scores.of(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        per_indicator={i: Scores.of(tp[i], fp[i], fn[i]) for i in ids},
        must_not_reported=must_not,
        items=len(items),
    )


def table(report: Report, title: str) -> List[str]:
    """A Markdown table: overall first, then per indicator."""
    o = report.overall
    lines = [f"### {title}", "",
             f"{report.items} descriptions; precision **{o.precision:.3f}**, recall **{o.recall:.3f}**, "
             f"F1 **{o.f1:.3f}**; reported although marked must-not: {report.must_not_reported}", "",
             "| indicator | precision | recall | F1 | expected |", "|---|---|---|---|---|"]
    for indicator, s in sorted(report.per_indicator.items()):
        lines.append(f"| {indicator} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.support} |")
    return lines + [""]


def voice_items(examples: Sequence, voice: str) -> Tuple[List[Mapping], List[str]]:
    """One voice's examples as evaluation items, for leave-one-voice-out."""
    chosen = [e for e in examples if e.voice == voice]
    return [{"expected": list(e.indicators), "must_not": list(e.not_indicators)} for e in chosen], \
        [e.text for e in chosen]
