import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.checklist_form import ValidateChecklistForm, parse_persons, parse_setting
from tests.support.trackers import make_tracker
from signaal.checklist_plan import plan


def run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateChecklistForm().run(dispatcher, tracker, domain))
    return dispatcher, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_a_typed_yes_keeps_the_officers_words_as_evidence(domain):
    tracker = make_tracker({"documents_confiscated": "yes", "requested_slot": "documents_confiscated"},
                           text="ja, die ligt bij de baas", intent="affirm")
    _, slots = run(tracker, domain)
    assert slots["documents_confiscated"] == "yes"
    assert slots["evidence"]["documents_confiscated"] == "ja, die ligt bij de baas"
    assert slots["answer_sources"]["documents_confiscated"] == "checklist"


def test_a_button_yes_has_no_evidence(domain):
    tracker = make_tracker({"violence": "yes", "requested_slot": "violence"}, text="/affirm", intent="affirm")
    _, slots = run(tracker, domain)
    assert slots["violence"] == "yes" and "violence" not in slots["evidence"]


def test_an_indicator_named_while_answering_is_noted(domain):
    tracker = make_tracker({"violence": "no", "requested_slot": "violence"}, text="nee, maar ze slapen in de zaak",
                           intent="deny", entities=[{"entity": "indicator", "value": "bad_living_conditions"}])
    dispatcher, slots = run(tracker, domain)
    assert slots["violence"] == "no" and slots["bad_living_conditions"] == "yes"
    assert slots["answer_sources"]["bad_living_conditions"] == "free_text"
    assert any(m.get("response") == "utter_also_noted" for m in dispatcher.messages)


def test_nothing_answered_lets_the_form_be_rejected(domain):
    tracker = make_tracker({"requested_slot": "violence"}, text="waarom vraag je dit?", intent="explain_question")
    _, slots = run(tracker, domain)
    assert set(slots) <= {"requested_slot"}


def test_minor_yes_announces_the_child_rule(domain):
    tracker = make_tracker({"minor_involved": "yes", "requested_slot": "minor_involved"}, text="/affirm", intent="affirm")
    dispatcher, _ = run(tracker, domain)
    assert any(m.get("response") == "utter_minor_rule" for m in dispatcher.messages)


def test_next_question_follows_the_plan(domain):
    tracker = make_tracker({"setting": "workplace", "requested_slot": "setting"}, text="/inform", intent="inform")
    _, slots = run(tracker, domain)
    assert slots["requested_slot"] == plan({"setting": "workplace"})[1]


def test_persons_and_setting_parsing():
    assert parse_persons("een stuk of 4") == "4"
    assert parse_persons("drie vrouwen") == "3"
    assert parse_persons("veel") == "unknown"
    assert parse_setting("traffic_stop") == "traffic_stop"
    assert parse_setting("achter een kapsalon") == "achter een kapsalon"
