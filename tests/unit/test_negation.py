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


@pytest.mark.parametrize("text, phrase, indicator", [
    ("Buurman dacht dat de meisjes opgesloten zaten, maar de deur is op slot vanwege een inbraak", "opgesloten",
     "movement_restricted"),
    ("The neighbour thought they were locked up; it turned out the door was locked against burglars", "locked up",
     "movement_restricted"),
])
def test_a_belief_the_next_clause_corrects_is_dropped(text, phrase, indicator):
    assert Recogniser(None).recognise(text, phrase_at(text, phrase, indicator)) == []


@pytest.mark.parametrize("text, phrase, indicator", [
    ("de meisjes zitten opgesloten, maar ze krijgen wel eten", "opgesloten", "movement_restricted"),
    ("ik dacht dat het meeviel, maar ze zijn opgesloten", "opgesloten", "movement_restricted"),
    ("ze dacht dat ze kon gaan maar de deur zat op slot", "deur zat op slot", "movement_restricted"),
])
def test_a_statement_or_a_corrected_belief_after_it_stays(text, phrase, indicator):
    assert [r.indicator for r in Recogniser(None).recognise(text, phrase_at(text, phrase, indicator))] == [indicator]
