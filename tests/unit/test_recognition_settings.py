"""The recogniser's thresholds are data (catalogue/recognition.yml): defaults, per indicator,
words that take a finding back, pairs writers label differently (signaal.recognition)."""
import pytest

from signaal.recognition.negation import disconfirmed
from signaal.recognition.recognition_settings import Settings, Thresholds, load_settings
from signaal.recognition.recogniser import Recogniser


def test_the_catalogue_file_loads_and_names_known_indicators():
    from signaal.catalogue import load_catalogue

    settings = load_settings()
    known = set(load_catalogue().indicators)
    assert set(settings.indicators) <= known
    assert {i for pair in settings.exclusive for i in pair} <= known
    assert 0 < settings.defaults.whole <= 1.01


def test_an_indicator_overrides_only_what_it_names():
    settings = Settings.from_data({"defaults": {"whole": 0.4, "clause": 0.9, "phrase_support": 0.15},
                                   "indicators": {"violence": {"whole": 0.7}}})
    assert settings.of("violence") == Thresholds(whole=0.7, clause=0.9, phrase_support=0.15)
    assert settings.of("debt_bondage") == Thresholds(whole=0.4, clause=0.9, phrase_support=0.15)


@pytest.mark.parametrize("text", [
    "de mannen blijken vier broers die samen een huis huren", "ze heeft haar eigen sleutel",
    "niemand heeft hem iets voorgezegd", "it turned out to be a fight with her ex", "hij kan gewoon gaan",
    "she isn't scared",
])
def test_words_that_take_a_finding_back(text):
    assert disconfirmed(text)


@pytest.mark.parametrize("text", ["de baas houdt de paspoorten in de kluis", "they sleep ten to a room"])
def test_plain_statements_take_nothing_back(text):
    assert not disconfirmed(text)


class FakeModel:
    """Fixed probabilities per text: the recogniser's logic without training."""

    def __init__(self, ids, table):
        self.ids, self.table = ids, table

    def probabilities(self, texts):
        np = pytest.importorskip("numpy")
        return np.array([self.table.get(t, [0.0] * len(self.ids)) for t in texts])


def recognised(model, text, **settings):
    data = {"defaults": {"whole": 0.4, "clause": 0.9, "phrase_support": 0.15, **settings.pop("defaults", {})}, **settings}
    return {r.indicator for r in Recogniser(model, Settings.from_data(data)).recognise(text)}


def test_a_per_indicator_threshold_decides():
    pytest.importorskip("numpy")
    text = "de baas bewaart hun pasjes"
    model = FakeModel(["documents_confiscated", "violence"], {text: [0.5, 0.5]})
    assert recognised(model, text) == {"documents_confiscated", "violence"}
    assert recognised(model, text, indicators={"violence": {"whole": 0.6}}) == {"documents_confiscated"}


def test_a_finding_taken_back_needs_more_confidence():
    pytest.importorskip("numpy")
    text = "de paspoorten bleken alleen gekopieerd"
    model = FakeModel(["documents_confiscated"], {text: [0.6]})
    assert recognised(model, text) == {"documents_confiscated"}
    assert recognised(model, text, defaults={"disconfirmed": 0.8}) == set()
    sure = FakeModel(["documents_confiscated"], {text: [0.9]})
    assert recognised(sure, text, defaults={"disconfirmed": 0.8}) == {"documents_confiscated"}


def test_of_an_exclusive_pair_the_more_probable_stays():
    pytest.importorskip("numpy")
    text = "hij moet alles afdragen aan de baas"
    model = FakeModel(["earnings_handed_over", "wages_withheld"], {text: [0.8, 0.5]})
    assert recognised(model, text) == {"earnings_handed_over", "wages_withheld"}
    assert recognised(model, text, exclusive=[["earnings_handed_over", "wages_withheld"]]) == {"earnings_handed_over"}


def test_an_exclusive_pair_leaves_a_rule_finding_alone():
    pytest.importorskip("numpy")
    text = "ze krijgen vijf euro per dag"
    model = FakeModel(["low_or_no_pay", "wages_withheld"], {text: [0.3, 0.9]})
    found = recognised(model, text, exclusive=[["low_or_no_pay", "wages_withheld"]])
    assert found == {"low_or_no_pay", "wages_withheld"}
