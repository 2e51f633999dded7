"""Intents and FAQ answers from one linear model (replaces DIET and the ResponseSelector).

One linear support-vector classifier over character 2-5-grams and word 1-2-grams (TF-IDF)
learns the intents and the FAQ's sub-intents (`faq/<key>`) as one flat set of labels. An
intent's confidence is the sum over its labels of a softmax of the decision scores, with a
temperature chosen at training time by cross-validation (the lowest log-loss on held-back
folds), so the FallbackClassifier's threshold keeps its meaning. For a message whose intent
is `faq` the component also writes Rasa's response-selector output, so `utter_faq` answers.

Why (docs/nlu.md, docs/performance.md): on the independent held-out intent set it scored
macro-F1 0.96 where DIET with the ResponseSelector scored 0.93; it trains in seconds instead
of minutes, predicts in about 2 ms instead of 25-55 ms, and takes no TensorFlow memory.
The model is pure logic in `signaal/intent_model.py`; this is the Rasa adapter.
"""
from __future__ import annotations

import pickle
import warnings
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from signaal.intent_model import IntentModel

# Rasa warns that retrieval-intent examples need its own ResponseSelector: this component is one.
warnings.filterwarnings("ignore", message="You have defined training data with examples for training a response selector")

MODEL_FILE = "intent_model.pkl"
RANKING = 10


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 1.0, "retrieval_intent": "faq", "random_seed": 0}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[IntentModel] = None, responses: Optional[Dict[str, List[Dict[str, Any]]]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model
        self._responses = responses or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = [], []
        for example in training_data.intent_examples:
            text = example.get(TEXT)
            if not text:
                continue
            texts.append(text)
            labels.append(example.get(INTENT_RESPONSE_KEY) or example.get(INTENT))
        self._model = IntentModel.train(texts, labels, c=float(self._config["C"]), seed=int(self._config["random_seed"]))
        retrieval = self._config["retrieval_intent"]
        self._responses = {key: value for key, value in training_data.responses.items()
                           if key.startswith(f"utter_{retrieval}/")}
        with self._storage.write_to(self._resource) as directory:
            (directory / MODEL_FILE).write_bytes(pickle.dumps({"model": self._model, "responses": self._responses}))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                stored = pickle.loads((directory / MODEL_FILE).read_bytes())
        except (ValueError, FileNotFoundError):  # not trained (no intent examples)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, stored["model"], stored["responses"])

    def process(self, messages: List[Message]) -> List[Message]:
        if self._model is None:
            return messages
        retrieval = self._config["retrieval_intent"]
        for message, scores in zip(messages, self._model.predict([m.get(TEXT) or "" for m in messages])):
            intents = scores.intents()
            best, confidence = intents[0]
            message.set(INTENT, {"name": best, "confidence": confidence}, add_to_output=True)
            message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in intents[:RANKING]],
                        add_to_output=True)
            selection: Dict[str, Any] = {"all_retrieval_intents": [retrieval]}
            if best == retrieval:
                selection[retrieval] = self._selection(scores.within(retrieval))
            message.set("response_selector", selection, add_to_output=True)
        return messages

    def _selection(self, ranking: List[tuple]) -> Dict[str, Any]:
        """Rasa's response-selector output for the best FAQ answer (rasa.nlu.selectors)."""
        key, confidence = ranking[0]
        utter = f"utter_{key}"
        return {
            "response": {"responses": self._responses.get(utter, [{"text": key}]), "confidence": confidence,
                         "intent_response_key": key, "utter_action": utter},
            "ranking": [{"confidence": c, "intent_response_key": k} for k, c in ranking[:RANKING]],
        }
