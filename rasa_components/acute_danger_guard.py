"""Acute danger is never left to a classifier's confidence.

When a message contains a phrase of `catalogue/acute_danger.yml`, the intent
becomes `acute_danger` (the 112 instruction follows). Placed after the intent classifier and
before the FallbackClassifier.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.paths import CATALOGUE_DIR

PHRASES_FILE = CATALOGUE_DIR / "acute_danger.yml"
INTENT_NAME = "acute_danger"


def load_pattern(path: Path = PHRASES_FILE) -> "re.Pattern[str]":
    phrases = [p for group in load_checked(path, SCHEMA_DIR / "acute_danger.schema.json")["phrases"].values() for p in group]
    alternatives = "|".join(re.escape(p.lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AcuteDangerGuard(GraphComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        self._pattern = load_pattern()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> GraphComponent:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = (message.get(TEXT) or "").lower()
            if text.startswith("/") or not self._pattern.search(text):
                continue
            message.set(INTENT, {INTENT_NAME_KEY: INTENT_NAME, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
