"""Indicators cross-validated by voice: each fold's model (trained without one writer,
tested on her) stored under build/cv/ with a hash of its inputs (model.py and the
examples), so a run that changes only the combination (thresholds, negation, rules)
trains nothing; the model's probabilities per text are memoised. Used by
scripts/indicator_cv.py, scripts/tune_recogniser.py and `make nlu-report`.
Never reads tests/nlu_eval/. Needs the Rasa environment (scikit-learn, spaCy)."""
from __future__ import annotations

import hashlib
import inspect
import sys
from typing import Dict, Optional

import numpy as np

from signaal.catalogue import load_catalogue
from signaal.paths import BUILD_DIR
from signaal.recognition import model as model_module
from signaal.recognition.evaluation import voice_items
from signaal.recognition.examples import CATALOGUE_VOICE, training_examples
from signaal.recognition.lemmas import lemmatiser, phrase_matcher
from signaal.recognition.model import IndicatorModel, train
from signaal.recognition.recogniser import Recogniser

CV_DIR = BUILD_DIR / "cv"


class Memoised:
    """An IndicatorModel whose probabilities are remembered per text."""

    def __init__(self, model: IndicatorModel) -> None:
        self.model, self.ids, self.memo = model, model.ids, {}

    def probabilities(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            for text, row in zip(missing, self.model.probabilities(missing)):
                self.memo[text] = row
        return np.vstack([self.memo[t] for t in texts]) if texts else np.zeros((0, len(self.ids)))


def fold_key(examples) -> str:
    """What the fold models are made of: model.py and the examples (anything cached from them carries it)."""
    key_source = inspect.getsource(model_module) + repr([(e.text, e.indicators, e.voice) for e in examples])
    return hashlib.sha256(key_source.encode()).hexdigest()[:12]


def fold_models(examples, ids, lemmatise, train_missing: bool = True) -> Dict[str, Memoised]:
    key = fold_key(examples)
    voices = sorted({e.voice for e in examples} - {CATALOGUE_VOICE})
    CV_DIR.mkdir(parents=True, exist_ok=True)
    models = {}
    for voice in voices:
        path = CV_DIR / f"{voice}-{key}.pkl"
        if path.exists():
            model = IndicatorModel.load(path, lemmatise)
        elif not train_missing:  # --available: only the folds already trained (a partial figure)
            continue
        else:
            print(f"    training without {voice}", file=sys.stderr, flush=True)  # progress, it is slow
            model = train([e for e in examples if e.voice != voice], ids, lemmatise)
            model.save(path)
        models[voice] = Memoised(model)
    return models


def run(recogniser_for=lambda model: Recogniser(model), state: Optional[dict] = None, train_missing: bool = True):
    """(items, predicted, texts, voices) of the by-voice cross-validation; `state` keeps models between calls."""
    state = state if state is not None else {}
    if "models" not in state:
        catalogue = load_catalogue()
        lemmatise = lemmatiser()
        state["examples"] = training_examples(catalogue)
        state["models"] = fold_models(state["examples"], list(catalogue.indicators), lemmatise,
                                      train_missing=train_missing)
        if state.get("phrases") is None:
            state["phrases"] = phrase_matcher()
        state["phrase_memo"] = {}
    examples, phrase_memo = state["examples"], state["phrase_memo"]
    items, predicted, texts, voices = [], [], [], []
    for voice, model in state["models"].items():
        recogniser = recogniser_for(model)
        rows, voice_texts = voice_items(examples, voice)
        for row, text in zip(rows, voice_texts):
            if text not in phrase_memo:
                phrase_memo[text] = state["phrases"](text)
            items.append(row)
            texts.append(text)
            voices.append(voice)
            predicted.append([r.indicator for r in recogniser.recognise(text, phrase_memo[text])])
    return items, predicted, texts, voices


def print_errors(items, predicted, texts) -> None:
    for item, found, text in zip(items, predicted, texts):
        expected, found = set(item["expected"]), set(found)
        if expected != found:
            print(f"- {text}\n    missed: {sorted(expected - found)}  false: {sorted(found - expected)}")
