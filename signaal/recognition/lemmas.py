"""Lemmas from our Dutch spaCy pipeline (blank nl + lookup lemmatiser), loaded by path."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, List

from signaal.paths import SPACY_MODEL_DIR


@lru_cache(maxsize=2)
def lemmatiser(path: Path = SPACY_MODEL_DIR) -> Callable[[str], List[str]]:
    import spacy  # the Rasa environment only

    nlp = spacy.load(path, exclude=["entity_ruler"])

    def lemmatise(text: str) -> List[str]:
        return [token.lemma_ or token.text for token in nlp(text.lower())]

    return lemmatise


def phrase_matcher(path: Path = SPACY_MODEL_DIR):
    """(id, start, end) of the catalogue phrases the entity ruler finds, for evaluation outside Rasa."""
    import spacy

    nlp = spacy.load(path)

    def matches(text: str):
        return [(e.ent_id_, e.start_char, e.end_char) for e in nlp(text.lower()).ents
                if e.label_ == "indicator" and e.ent_id_]

    return matches
