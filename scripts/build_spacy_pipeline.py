"""Build Signaal's own small Dutch spaCy pipeline into build/spacy/nl_signaal.

No Dutch pipeline exists on PyPI, so: blank `nl`, the lookup lemmatiser from
spacy-lookups-data (tables copied into the saved pipeline, so nothing is
downloaded at run time) and an entity ruler generated from the catalogue.
Run with the Rasa environment (Python 3.10).
"""
from __future__ import annotations

import json
import shutil

import spacy

from signaal.catalogue import load_catalogue
from signaal.paths import SPACY_MODEL_DIR
from signaal.ruler_patterns import build_patterns


def make_pipeline() -> "spacy.language.Language":
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()

    def lemmatise(phrase: str):
        return [token.lemma_.lower() for token in nlp(phrase.lower()) if not token.is_punct]

    patterns = build_patterns(load_catalogue(), lemmatise)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "validate": True})
    ruler.add_patterns(patterns)
    nlp.meta["name"] = "signaal"
    nlp.meta["description"] = "Blank Dutch + lookup lemmatiser + indicator entity ruler (generated)"
    return nlp


def main() -> None:
    nlp = make_pipeline()
    target = SPACY_MODEL_DIR
    tmp = target.with_name(target.name + ".tmp")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    count = len(nlp.get_pipe("entity_ruler").patterns)
    print(json.dumps({"pipeline": str(target), "patterns": count}))


if __name__ == "__main__":
    main()
