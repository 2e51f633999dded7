"""A multi-label model over clauses: which indicators does this clause state?

Character n-grams (compounds, inflections, misspellings) and word n-grams over
lemmas with negation marked ("geen NEG_blauw NEG_plek"), one logistic
regression per indicator. Training adds sentences made of two examples (two
indicators, or an indicator next to a negated one), since officers often say
several things at once. Trained by `make build` (scripts/build_recogniser.py),
stored under build/, loaded by path by the Rasa component.
"""
from __future__ import annotations

import pickle
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Sequence, Tuple

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from signaal.recognition.examples import Example
from signaal.recognition.negation import NEGATION_CUES

SCOPE_ENDS = frozenset({",", ";", ".", ":", "maar", "but", "en", "and", "want", "wel"})
NEGATION_SCOPE = 4  # tokens after a cue that are marked negated
JOINERS = (", en ", ". ", ", maar ", "; ", " en ", ", ook ", ". Ook ", ", and ", ", but ")


def mark_negation(tokens: Sequence[str]) -> List[str]:
    """Tokens (lemmas), with NEG_ before the few after a negation cue, up to a comma or 'maar'."""
    out, scope = [], 0
    for token in tokens:
        if token in SCOPE_ENDS:
            scope = 0
        if token in NEGATION_CUES:
            out.append("NEG")
            scope = NEGATION_SCOPE
            continue
        out.append(("NEG_" + token) if scope > 0 else token)
        scope = max(0, scope - 1)
    return out


def combined_examples(examples: Sequence[Example], count: int, seed: int = 7) -> List[Tuple[str, Tuple[str, ...]]]:
    """Two examples joined into one description, labels united (a negated example adds none)."""
    rnd = random.Random(seed)
    positives = [e for e in examples if e.indicators and len(e.text.split()) > 3]
    negatives = [e for e in examples if not e.indicators and e.not_indicators]
    result = []
    for _ in range(count if positives else 0):
        first = rnd.choice(positives)
        second = rnd.choice(negatives) if negatives and rnd.random() < 0.35 else rnd.choice(positives)
        if rnd.random() < 0.5:
            first, second = second, first
        text = first.text.rstrip(". ") + rnd.choice(JOINERS) + second.text[:1].lower() + second.text[1:]
        result.append((text, tuple(sorted(set(first.indicators) | set(second.indicators)))))
    return result


@dataclass
class IndicatorModel:
    ids: List[str]
    chars: TfidfVectorizer
    words: TfidfVectorizer
    classifier: OneVsRestClassifier
    lemmatise: Callable[[str], List[str]]

    def features(self, texts: Sequence[str]) -> csr_matrix:
        lemmas = [" ".join(mark_negation(self.lemmatise(t))) for t in texts]
        return hstack([self.chars.transform([t.lower() for t in texts]), self.words.transform(lemmas)]).tocsr()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per id of `ids`."""
        if not texts:
            return np.zeros((0, len(self.ids)))
        return self.classifier.predict_proba(self.features(texts))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        lemmatise, self.lemmatise = self.lemmatise, None  # the spaCy pipeline is loaded by path, not pickled
        try:
            path.write_bytes(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            self.lemmatise = lemmatise

    @staticmethod
    def load(path: Path, lemmatise: Callable[[str], List[str]]) -> "IndicatorModel":
        model = pickle.loads(Path(path).read_bytes())  # our own build output, never outside input
        model.lemmatise = lemmatise
        return model


def train(examples: Sequence[Example], ids: Sequence[str], lemmatise: Callable[[str], List[str]],
          combined: int = 6000, regularisation: float = 30.0) -> IndicatorModel:
    pairs = [(e.text, e.indicators) for e in examples] + combined_examples(examples, combined)
    binarizer = MultiLabelBinarizer(classes=list(ids))
    labels = binarizer.fit_transform([labels for _, labels in pairs])
    texts = [text for text, _ in pairs]
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+",
                            lowercase=False)
    lemmas = [" ".join(mark_negation(lemmatise(t))) for t in texts]
    features = hstack([chars.fit_transform([t.lower() for t in texts]), words.fit_transform(lemmas)]).tocsr()
    # Indicators with no example at all still get a column (always 0).
    keep = labels.sum(axis=0) > 0
    classifier = OneVsRestClassifier(
        LogisticRegression(C=regularisation, max_iter=3000, class_weight="balanced"), n_jobs=1)
    classifier.fit(features, labels[:, keep])
    return IndicatorModel([i for i, k in zip(ids, keep) if k], chars, words, classifier, lemmatise)

