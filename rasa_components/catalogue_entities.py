"""Entities from our spaCy entity ruler, with the catalogue id as the value.

Rasa's SpacyEntityExtractor returns the matched text; the contract wants the
indicator id (the ruler pattern's `id`), so this extractor emits `ent_id_`.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_components.spacy_extractor import SpacyEntityComponent

CONFIDENCE = 1.0


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="SpacyNLP",
)
class CatalogueEntityExtractor(SpacyEntityComponent):
    """Emits ruler matches as entities whose value is the catalogue id."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"dimensions": ["indicator", "exploitation_type"]}

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            # SpacyNLP has already run our pipeline (ruler included) on the
            # lower-cased text; lower-casing keeps character offsets.
            doc = message.get(SPACY_DOCS[TEXT]) or model.model(text.lower())
            extracted = [
                {
                    "entity": ent.label_,
                    "value": ent.ent_id_,
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "confidence": CONFIDENCE,
                }
                for ent in doc.ents
                if ent.label_ in self._config["dimensions"] and ent.ent_id_
            ]
            extracted = self.add_extractor_name(extracted)
            message.set(ENTITIES, message.get(ENTITIES, []) + extracted, add_to_output=True)
        return messages
