"""Entity-ruler patterns for indicator and exploitation-type phrases.

Phrases come from the catalogue in base form; each phrase token becomes a
LEMMA pattern so "paspoort afpakken" also finds "paspoorten afgepakt". Up to
two other words may stand between the phrase's words ("paspoort is door de
baas afgepakt" still needs both words, in that order).
"""
from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Tuple

from signaal.catalogue import Catalogue

GAP_TOKENS = 2


def phrase_sources(catalogue: Catalogue) -> Iterable[Tuple[str, str, str]]:
    """(label, id, phrase) for every phrase in the catalogue, all languages."""
    for indicator in catalogue.indicators.values():
        for phrases in indicator.phrases.values():
            for phrase in phrases:
                yield "indicator", indicator.id, phrase
    for type_id, spec in catalogue.exploitation_types.items():
        for phrases in (spec.get("phrases") or {}).values():
            for phrase in phrases or ():
                yield "exploitation_type", type_id, phrase


def token_pattern(lemmas: List[str]) -> List[Dict]:
    pattern: List[Dict] = []
    for position, lemma in enumerate(lemmas):
        if position:
            pattern.extend({"OP": "?", "IS_PUNCT": False} for _ in range(GAP_TOKENS))
        pattern.append({"LEMMA": lemma})
    return pattern


def build_patterns(catalogue: Catalogue, lemmatise: Callable[[str], List[str]]) -> List[Dict]:
    """Entity-ruler patterns; `lemmatise` turns a phrase into its lower-case lemmas."""
    seen = set()
    patterns = []
    for label, ident, phrase in phrase_sources(catalogue):
        lemmas = [lemma for lemma in lemmatise(phrase) if lemma.strip()]
        key = (label, ident, tuple(lemmas))
        if not lemmas or key in seen:
            continue
        seen.add(key)
        patterns.append({"label": label, "id": ident, "pattern": token_pattern(lemmas)})
    return patterns
