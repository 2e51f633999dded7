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
