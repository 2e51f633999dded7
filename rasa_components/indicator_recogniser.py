"""Indicator entities from officers' own words: phrases, the trained model, the rules.

Runs after CatalogueEntityExtractor (the ruler's phrase matches) and replaces
its `indicator` entities by the combined judgement of signaal.recognition:
phrase matches that are not negated, the model trained on the catalogue's
voices (build/recogniser/, made by `make build`), and the rules for amounts,
hours and people. Values are catalogue ids, as the contract wants.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.spacy_extractor import SpacyEntityComponent
from signaal.catalogue import load_catalogue
from signaal.paths import RECOGNISER_MODEL, ROOT
from signaal.recognition.model import IndicatorModel
from signaal.recognition.recogniser import Recogniser

ENTITY = "indicator"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP")
class IndicatorRecogniser(SpacyEntityComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"model": str(RECOGNISER_MODEL)}

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        self._recogniser: Optional[Recogniser] = None
        self._known = set(load_catalogue().indicators)

    def _load(self, spacy_model: SpacyModel) -> Recogniser:
        if self._recogniser is None:
            path = Path(self._config["model"])
            path = path if path.is_absolute() else ROOT / path
            nlp = spacy_model.model

            def lemmatise(text: str) -> List[str]:
                return [token.lemma_ or token.text for token in nlp(text.lower(), disable=["entity_ruler"])]

            # Without a built model the phrases and rules still work (and the log says why).
            model = IndicatorModel.load(path, lemmatise) if path.exists() else None
            self._recogniser = Recogniser(model)
        return self._recogniser

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        recogniser = self._load(model)
        for message in messages:
            text = message.get(TEXT) or ""
            entities = message.get(ENTITIES, []) or []
            phrases = [(e["value"], e["start"], e["end"]) for e in entities if e.get("entity") == ENTITY]
            others = [e for e in entities if e.get("entity") != ENTITY]
            if not text or text.startswith("/"):  # a button payload brings its own entities
                continue
            found = recogniser.recognise(text, phrases, self._known)
            extracted = self.add_extractor_name([
                {"entity": ENTITY, "value": item.indicator, "start": item.start, "end": item.end,
                 "confidence": round(item.confidence, 3)}
                for item in found
            ])
            message.set(ENTITIES, others + extracted, add_to_output=True)
        return messages
