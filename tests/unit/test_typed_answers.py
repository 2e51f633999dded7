"""A typed answer to a question with options is that option; a question is not (signaal.typed_answers)."""
import pytest

from signaal.catalogue import load_catalogue
from signaal.typed_answers import is_question, match_option, parse_persons


def options(slot):
    return load_catalogue().context[slot]["options"]


@pytest.mark.parametrize("text, value", [
    ("arbeidsuitbuiting", "labour"), ("Arbeidsuitbuiting", "labour"), ("arbiedsuitbuiting", "labour"),
    ("seksueel", "sexual"), ("criminele uitbuiting", "criminal"), ("het gaat om drugs", "criminal"),
    ("orgaanhandel", "organ_removal"), ("weet ik niet", "unknown"), ("labour exploitation", "labour"),
])
def test_exploitation_type_in_words(text, value):
    assert match_option(text, options("exploitation_type")) == value


@pytest.mark.parametrize("text, value", [
    ("werkplek", "workplace"), ("bij een kas", "workplace"), ("Bedrijfscontrole / werkplek", "workplace"),
    ("verkeerscontrole op de A2", "traffic_stop"), ("schiphol", "border"), ("Grens (KMar)", "border"),
    ("raamprostitutie", "sex_work_location"), ("een bordeel", "sex_work_location"), ("huisbezoek", "residence"),
])
def test_setting_in_words(text, value):
    assert match_option(text, options("setting")) == value


@pytest.mark.parametrize("text", ["wat is arbeidsuitbuiting?", "Wat is seksuele uitbuiting", "what is labour exploitation"])
def test_a_question_is_not_an_answer(text):
    assert is_question(text)
    assert match_option(text, options("exploitation_type")) is None


@pytest.mark.parametrize("text, persons", [("tien man", "10"), ("een stuk of 4", "4"), ("drie vrouwen", "3"),
                                           ("15", "15"), ("veel", "unknown")])
def test_persons_in_words(text, persons):
    assert parse_persons(text) == persons
