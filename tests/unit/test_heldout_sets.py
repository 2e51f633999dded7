"""The held-out evaluation sets stay held out: written apart from the project
(tests/nlu_eval/, by writers who never saw the phrases, the voices or data/),
never used for training, and well-formed."""
from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from signaal.catalogue import load_catalogue
from signaal.paths import CATALOGUE_DIR, ROOT

EVAL_DIR = ROOT / "tests" / "nlu_eval"
INDICATORS = EVAL_DIR / "indicators_heldout.yml"
INTENTS = EVAL_DIR / "intents_heldout.yml"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"\w+", text))


def training_texts() -> set:
    """Every line of every training source, normalised (examples, phrases, voices, data/)."""
    texts = set()
    sources = list((ROOT / "data").rglob("*.yml")) + list((CATALOGUE_DIR / "voices").glob("*.yml")) + \
        [CATALOGUE_DIR / "indicators.yml"]
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^\s*-\s*|^\s*text:\s*", "", line).strip().strip('"')
            line = re.sub(r"\[([^\]]*)\](\{[^}]*\}|\([^)]*\))?", r"\1", line)  # Rasa entity annotations
            if line:
                texts.add(normalise(line))
    return texts


@pytest.fixture(scope="module")
def trained_on():
    return training_texts()


def held_out(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("path", [INDICATORS, INTENTS], ids=lambda p: p.name)
def test_no_held_out_sentence_is_in_the_training_data(path, trained_on):
    leaked = [item["text"] for item in held_out(path) if normalise(item["text"]) in trained_on]
    assert not leaked, f"held-out sentences found in training data (remove them there): {leaked[:10]}"


def test_indicator_set_is_large_enough_and_uses_catalogue_ids():
    items = held_out(INDICATORS)
    known = set(load_catalogue().indicators)
    assert len(items) >= 150
    for item in items:
        assert set(item.get("expected") or []) <= known, item["text"]
        assert set(item.get("must_not") or []) <= known, item["text"]
        assert not set(item.get("expected") or []) & set(item.get("must_not") or []), item["text"]


def test_intent_set_names_domain_intents():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents = set(domain["intents"])
    for item in held_out(INTENTS):
        assert item["intent"].split("/")[0] in intents, item
