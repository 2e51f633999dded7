"""The officer's summary lists yes answers by dimension and never discourages forwarding."""
from signaal.assessment import assess
from signaal.catalogue import load_catalogue
from signaal.summary_text import format_summary


def test_yes_answers_are_listed_under_their_dimension():
    answers = {"documents_confiscated": "yes", "violence": "no"}
    text = format_summary(answers, assess(answers, "labour", "no"), "nl")
    label = load_catalogue().indicators["documents_confiscated"].text("label", "nl")
    assert "Dwang op de bestemming" in text and label in text
    assert load_catalogue().indicators["violence"].text("label", "nl") not in text


def test_english_summary():
    answers = {"documents_confiscated": "yes"}
    text = format_summary(answers, assess(answers, "labour", "no"), "en")
    assert "Coercion at destination" in text and "Priority" in text


def test_nothing_yes_is_said_plainly():
    text = format_summary({}, assess({}, None, None), "nl")
    assert "Nog geen signalen" in text


def test_an_answer_of_the_person_themselves_says_so():
    answers = {"documents_confiscated": "yes", "violence": "yes"}
    text = format_summary(answers, assess(answers, "labour", "no"), "nl", sources={"documents_confiscated": "person"})
    assert "Paspoort/ID ingenomen (de persoon zelf)" in text
    assert "(de persoon zelf)" not in text.split("Paspoort/ID ingenomen")[1].split("\n", 1)[1]
