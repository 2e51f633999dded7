"""A typed answer to a question with options is that option; a question is not (signaal.typed_answers)."""
import pytest

from signaal.catalogue import load_catalogue
from signaal.typed_answers import is_question, match_option, parse_persons


def options(slot):
    return load_catalogue().context[slot]["options"]


@pytest.mark.parametrize("slot, text, value", [
    ("exploitation_type", "arbeidsuitbuiting", "labour"), ("exploitation_type", "Arbeidsuitbuiting", "labour"),
    ("exploitation_type", "arbiedsuitbuiting", "labour"), ("exploitation_type", "seksueel", "sexual"),
    ("exploitation_type", "criminele uitbuiting", "criminal"), ("exploitation_type", "het gaat om drugs", "criminal"),
    ("exploitation_type", "orgaanhandel", "organ_removal"), ("exploitation_type", "weet ik niet", "unknown"),
    ("exploitation_type", "labour exploitation", "labour"),
    ("setting", "werkplek", "workplace"), ("setting", "bij een kas", "workplace"),
    ("setting", "Bedrijfscontrole / werkplek", "workplace"), ("setting", "verkeerscontrole op de A2", "traffic_stop"),
    ("setting", "schiphol", "border"), ("setting", "Grens (KMar)", "border"),
    ("setting", "raamprostitutie", "sex_work_location"), ("setting", "een bordeel", "sex_work_location"),
    ("setting", "huisbezoek", "residence"),
])
def test_an_option_in_words(slot, text, value):
    assert match_option(text, options(slot)) == value


@pytest.mark.parametrize("text", ["wat is arbeidsuitbuiting?", "Wat is seksuele uitbuiting", "what is labour exploitation"])
def test_a_question_is_not_an_answer(text):
    assert is_question(text)
    assert match_option(text, options("exploitation_type")) is None


@pytest.mark.parametrize("text, persons", [("tien man", "10"), ("een stuk of 4", "4"), ("drie vrouwen", "3"),
                                           ("15", "15"), ("veel", "unknown")])
def test_persons_in_words(text, persons):
    assert parse_persons(text) == persons
