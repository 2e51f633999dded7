"""The linear intent model (signaal/intent_model.py): flat labels, summed intents, fitted temperature."""
from __future__ import annotations

import pytest

pytest.importorskip("sklearn")
import numpy as np  # noqa: E402

from signaal.intent_model import IntentModel, Scores, fit_temperature, softmax  # noqa: E402

TRAIN = {
    "affirm": ["ja", "jazeker", "klopt", "dat klopt", "ja hoor", "yes", "zeker weten", "inderdaad", "jep", "correct"],
    "deny": ["nee", "neen", "klopt niet", "nee hoor", "no", "zeker niet", "helemaal niet", "nope", "nooit", "dat is niet zo"],
    "faq/bnrm": ["wat doet de nationaal rapporteur", "wie is de rapporteur mensenhandel", "wat is de rol van de rapporteur",
                 "rapporteur mensenhandel wat is dat", "nationaal rapporteur uitleg"],
    "faq/ilo": ["wat is de ilo regel", "hoe werkt de ilo beoordeling", "wat zegt de ilo", "ilo indicatoren uitleg",
                "leg de ilo regel uit"],
}


def examples():
    texts = [t for label, items in TRAIN.items() for t in items]
    labels = [label for label, items in TRAIN.items() for _ in items]
    return texts, labels


def test_sub_intents_count_for_their_intent_and_rank_among_themselves():
    scores = Scores(["affirm", "faq/a", "faq/b"], np.array([0.3, 0.3, 0.4]))
    assert scores.intents()[0] == ("faq", pytest.approx(0.7))
    assert [k for k, _ in scores.within("faq")] == ["faq/b", "faq/a"]
    assert sum(p for _, p in scores.within("faq")) == pytest.approx(1.0)


def test_the_temperature_follows_how_separable_the_scores_are():
    gold = np.array([0, 1, 0, 1])
    clear = np.array([[1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, 1.0]])
    noisy = np.array([[0.2, -0.2], [0.2, -0.2], [0.2, -0.2], [-0.2, 0.2]])
    assert fit_temperature(clear, gold) > fit_temperature(noisy, gold)
    assert softmax(clear, 2.0).sum(axis=1) == pytest.approx([1, 1, 1, 1])


def test_unseen_wording_gets_the_right_label_and_faq_its_answer():
    texts, labels = examples()
    model = IntentModel.train(texts, labels)
    assert 1 <= model.temperature <= 20
    yes, rapporteur, ilo = model.predict(["ja dat klopt zeker", "wie is die rapporteur eigenlijk", "de ilo regel?"])
    assert yes.intents()[0][0] == "affirm"
    assert rapporteur.intents()[0][0] == "faq" and rapporteur.within("faq")[0][0] == "faq/bnrm"
    assert ilo.within("faq")[0][0] == "faq/ilo"
    confidences = [c for _, c in yes.intents()]
    assert confidences == sorted(confidences, reverse=True) and sum(confidences) == pytest.approx(1.0)


def test_training_needs_more_than_two_labels():
    with pytest.raises(ValueError):
        IntentModel.train(["ja", "nee", "jazeker", "nooit", "klopt", "nee hoor"], ["a", "b", "a", "b", "a", "b"])
