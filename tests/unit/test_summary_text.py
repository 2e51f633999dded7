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


def test_what_was_not_asked_is_named_by_dimension_and_can_still_be_added():
    from signaal.checklist_plan import not_asked

    answers = {"documents_confiscated": "yes", "violence": "no"}
    missing = not_asked(answers, "labour")
    text = format_summary(answers, assess(answers, "labour", "no"), "nl", not_asked=missing)
    line = text.splitlines()[-1]
    assert line.startswith(f"Niet gevraagd ({len(missing)}):")
    catalogue = load_catalogue()
    coercion = sum(1 for i in missing if catalogue.indicators[i].dimension == "coercion_destination")
    assert f"Dwang op de bestemming ({coercion})" in line and "beschrijf het" in line
    english = format_summary(answers, assess(answers, "labour", "no"), "en", not_asked=missing).splitlines()[-1]
    assert english.startswith(f"Not asked ({len(missing)}):") and "Coercion at destination" in english
