"""Negated or attributed-away phrases are not indicators (signaal.recognition.negation, recogniser)."""
import pytest

from signaal.recognition.negation import negated
from signaal.recognition.recogniser import Recogniser


def phrase_at(text, phrase, indicator):
    start = text.lower().index(phrase)
    return [(indicator, start, start + len(phrase))]


@pytest.mark.parametrize("text, phrase, indicator", [
    ("geen blauwe plekken gezien", "blauwe plekken", "signs_of_abuse"),
    ("hij heeft zijn paspoort zelf", "paspoort", "documents_confiscated"),
    ("ze is niet opgesloten", "opgesloten", "movement_restricted"),
    ("no injuries seen", "injuries", "signs_of_abuse"),
])
def test_a_negated_phrase_is_dropped(text, phrase, indicator):
    start = text.lower().index(phrase)
    assert negated(text, start, start + len(phrase))
    assert Recogniser(None).recognise(text, phrase_at(text, phrase, indicator)) == []


def test_negation_stays_in_its_clause():
    text = "ze heeft geen schulden, maar de baas heeft haar paspoort"
    found = Recogniser(None).recognise(text, phrase_at(text, "paspoort", "documents_confiscated"))
    assert [r.indicator for r in found] == ["documents_confiscated"]


def test_rules_find_amounts_without_a_model():
    found = Recogniser(None).recognise("ze werken van 5 tot 23 uur voor vijf euro per dag")
    assert {r.indicator for r in found} == {"excessive_hours", "low_or_no_pay"}
