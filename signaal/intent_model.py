"""A linear intent model: TF-IDF of character 2-5-grams and word 1-2-grams, a linear SVM, and
a softmax of its scores whose temperature is fitted by cross-validation (pure, no Rasa).

Labels are flat: an intent (`affirm`) or a retrieval intent's sub-intent (`faq/bnrm`). An
intent's confidence sums its labels, so `faq` competes as one intent with the others.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np

TEMPERATURES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20)
FOLDS = 5


def _features():  # noqa: ANN202 (a sklearn union)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    # char_wb: robust to typos and Dutch compounds; words: what a phrase is about.
    return make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=True,
                        token_pattern=r"(?u)\b\w+\b"),
    )


def _classifier(c: float):  # noqa: ANN202
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, class_weight="balanced")


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    scaled = (scores - scores.max(axis=1, keepdims=True)) * temperature
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


def fit_temperature(scores: np.ndarray, gold: np.ndarray) -> float:
    """The temperature with the lowest log-loss of the true labels (scores: out-of-fold)."""
    rows = np.arange(len(gold))
    losses = [-np.log(np.clip(softmax(scores, t)[rows, gold], 1e-12, 1)).mean() for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(losses))])


def _out_of_fold_scores(texts: Sequence[str], labels: np.ndarray, classes: np.ndarray, c: float,
                        seed: int) -> np.ndarray:
    from sklearn.model_selection import KFold
    from sklearn.pipeline import make_pipeline

    scores = np.full((len(texts), len(classes)), -10.0)
    index = {label: i for i, label in enumerate(classes)}
    for train, test in KFold(FOLDS, shuffle=True, random_state=seed).split(texts):
        if len(set(labels[train])) < 2:
            continue
        model = make_pipeline(_features(), _classifier(c)).fit([texts[i] for i in train], labels[train])
        columns = [index[label] for label in model.classes_]
        scores[np.ix_(test, columns)] = model.decision_function([texts[i] for i in test])
    return scores


@dataclass
class Scores:
    """One message's probabilities over the flat labels."""

    labels: Sequence[str]
    probabilities: np.ndarray

    def intents(self) -> List[Tuple[str, float]]:
        """(intent, confidence), best first; a sub-intent counts for its intent."""
        totals: dict = {}
        for label, p in zip(self.labels, self.probabilities):
            intent = label.split("/", 1)[0]
            totals[intent] = totals.get(intent, 0.0) + float(p)
        return sorted(totals.items(), key=lambda item: -item[1])

    def within(self, intent: str) -> List[Tuple[str, float]]:
        """The sub-intents of `intent`, their confidence renormalised among them, best first."""
        inside = [(label, float(p)) for label, p in zip(self.labels, self.probabilities) if label.startswith(intent + "/")]
        total = sum(p for _, p in inside) or 1.0
        return sorted(((label, p / total) for label, p in inside), key=lambda item: -item[1])


class IntentModel:
    def __init__(self, pipeline, temperature: float) -> None:  # noqa: ANN001
        self._pipeline = pipeline
        self.temperature = temperature
        self.classes: List[str] = list(pipeline.classes_)

    @classmethod
    def train(cls, texts: Sequence[str], labels: Sequence[str], c: float = 1.0, seed: int = 0) -> "IntentModel":
        from sklearn.pipeline import make_pipeline

        gold = np.asarray(labels)
        pipeline = make_pipeline(_features(), _classifier(c)).fit(list(texts), gold)
        classes = pipeline.classes_
        if len(classes) == 2:  # a binary SVM gives one score column; the softmax needs two
            raise ValueError("at least three labels are needed")
        oof = _out_of_fold_scores(list(texts), gold, classes, c, seed)
        index = {label: i for i, label in enumerate(classes)}
        return cls(pipeline, fit_temperature(oof, np.array([index[g] for g in gold])))

    def predict(self, texts: Sequence[str]) -> List[Scores]:
        if not texts:
            return []
        probabilities = softmax(self._pipeline.decision_function(list(texts)), self.temperature)
        return [Scores(self.classes, row) for row in probabilities]
