import asyncio

import pytest

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


def _labour_context(**more):
    return {"setting": "workplace", "persons": "3", "exploitation_type": "labour", "minor_involved": "no", **more}


def test_the_next_indicator_question_is_asked_with_what_is_shown_beside_it(domain):
    from signaal.checklist_plan import question

    tracker = make_tracker({**_labour_context(minor_involved=None), "minor_involved": "no",
                            "requested_slot": "minor_involved"}, text="/deny", intent="deny")
    dispatcher, slots = run(tracker, domain)
    expected = question(_labour_context(), "labour")
    assert slots["requested_slot"] == expected.slot and slots["shown_with_question"] == list(expected.alternatives)
    asked = [m for m in dispatcher.messages if m.get("buttons")][-1]
    payloads = [b["payload"] for b in asked["buttons"]]
    assert payloads[:3] == ["/affirm", "/deny", "/dont_know"]
    shown = len(expected.alternatives)
    assert [f'/inform{{"indicator":"{a}"}}' for a in expected.alternatives] == payloads[3:3 + shown]
    assert asked["buttons"][3 + shown] == {"title": "Nee, niets hiervan",
                                           "payload": f'/none_of_these{{"indicator":"{expected.slot}"}}'}


def test_none_of_these_answers_the_question_and_all_shown_beside_it(domain):
    tracker = make_tracker({**_labour_context(), "requested_slot": "documents_confiscated",
                            "shown_with_question": ["wages_withheld", "debt_bondage"], "documents_confiscated": "no"},
                           text="geen van deze", intent="none_of_these")
    _, slots = run(tracker, domain)
    assert slots["documents_confiscated"] == slots["wages_withheld"] == slots["debt_bondage"] == "no"
    assert slots["answer_sources"]["debt_bondage"] == "checklist"


@pytest.mark.parametrize("text,intent,value", [("nee", "deny", "no"), ("/dont_know", "dont_know", "unknown"),
                                               ("/skip", "skip", "unknown")])
def test_a_plain_answer_is_for_the_question_only(domain, text, intent, value):
    """Ja / Nee / Weet ik niet answer the question asked (the contract's slot), not what is shown beside it."""
    tracker = make_tracker({**_labour_context(), "shown_with_question": ["wages_withheld"],
                            "requested_slot": "documents_confiscated", "documents_confiscated": value},
                           text=text, intent=intent)
    _, slots = run(tracker, domain)
    assert slots["documents_confiscated"] == value and "wages_withheld" not in slots


def test_a_tap_on_a_shown_indicator_answers_it_yes_and_leaves_the_question_open(domain):
    tracker = make_tracker({**_labour_context(), "requested_slot": "documents_confiscated",
                            "shown_with_question": ["wages_withheld", "debt_bondage"]},
                           text='/inform{"indicator":"debt_bondage"}', intent="inform",
                           entities=[{"entity": "indicator", "value": "debt_bondage"}])
    dispatcher, slots = run(tracker, domain)
    assert slots["debt_bondage"] == "yes" and slots["answer_sources"]["debt_bondage"] == "checklist"
    assert "documents_confiscated" not in slots and "wages_withheld" not in slots
    assert not any(m.get("response") == "utter_also_noted" for m in dispatcher.messages)


def test_a_shown_indicators_label_typed_answers_it(domain):
    tracker = make_tracker({**_labour_context(), "requested_slot": "documents_confiscated",
                            "shown_with_question": ["wages_withheld", "debt_bondage"]},
                           text="schuld bij uitbuiter", intent="inform")
    _, slots = run(tracker, domain)
    assert slots["debt_bondage"] == "yes" and "documents_confiscated" not in slots


def test_back_at_the_form_after_a_rule_the_question_shows_what_it_shows_now(domain):
    """After "ga terug" (a correction) the form asks an earlier question again: what is shown with it
    is set anew, so "Nee, niets hiervan" answers what the officer now sees."""
    from signaal.checklist_plan import question

    answers = _labour_context()
    tracker = _rasa_shaped({**answers, "requested_slot": "wages_withheld", "shown_with_question": ["stale_one"]},
                           "ga terug", "correct_answer", before=[{"event": "action", "name": "action_correct_answer"}])
    _, slots = run(tracker, domain)
    expected = question(answers, "labour")
    assert slots["requested_slot"] == expected.slot and slots["shown_with_question"] == list(expected.alternatives)


def _rasa_shaped(slots_now, text, intent, entities=(), before=(), candidates=()):
    """A tracker as Rasa hands it to the validation (its _temporary_tracker): the message, what ran
    for it, the form's own action (so the latest action is never action_listen), the slot candidates."""
    from rasa_sdk import Tracker

    all_slots = {name: None for name in DOMAIN_SLOTS()}
    all_slots.update(slots_now)
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": list(entities)}
    events = [{"event": "user", "text": text, "parse_data": message}, *before,
              {"event": "slot", "name": "requested_slot", "value": slots_now.get("requested_slot")},
              {"event": "action", "name": "checklist_form"}, *candidates]
    return Tracker("web-test", all_slots, message, events, False, None, {"name": "checklist_form"}, "checklist_form")


def DOMAIN_SLOTS():
    from tests.support.trackers import DOMAIN

    return DOMAIN["slots"]


@pytest.mark.parametrize("intent", ["acute_danger", "faq", "pause"])
def test_an_interruption_is_rejected_even_when_what_is_shown_would_change(domain, intent):
    """Mid-check with nothing (or something old) recorded as shown, an interruption must still let
    the form be rejected, so its rule (112 first) answers: no slot but requested_slot is set."""
    tracker = _rasa_shaped({**_labour_context(), "requested_slot": "documents_confiscated"},
                           "hij wordt nu geslagen", intent)
    _, slots = run(tracker, domain)
    assert set(slots) <= {"requested_slot"}


def test_none_of_these_pressed_under_an_earlier_question_answers_nothing_and_asks_again(domain):
    shown = {"shown_with_question": ["wages_withheld", "debt_bondage"]}
    extracted = [{"event": "slot", "name": "documents_confiscated", "value": "no"}]  # Rasa's mapping, before the form
    tracker = _rasa_shaped({**_labour_context(), **shown, "requested_slot": "documents_confiscated",
                            "documents_confiscated": "no"},
                           '/none_of_these{"indicator":"movement_restricted"}', "none_of_these",
                           [{"entity": "indicator", "value": "movement_restricted"}], candidates=extracted)
    dispatcher, slots = run(tracker, domain)
    assert slots["documents_confiscated"] is None  # Rasa's mapping set it no: undone
    assert "wages_withheld" not in slots and "movement_restricted" not in slots
    assert slots["requested_slot"] == "documents_confiscated" and slots["shown_with_question"]
    assert any(m.get("buttons") for m in dispatcher.messages)  # asked again
    tracker = _rasa_shaped({**_labour_context(), **shown, "requested_slot": "documents_confiscated",
                            "documents_confiscated": "no"},
                           '/none_of_these{"indicator":"documents_confiscated"}', "none_of_these",
                           [{"entity": "indicator", "value": "documents_confiscated"}], candidates=extracted)
    _, slots = run(tracker, domain)
    assert slots["documents_confiscated"] == slots["wages_withheld"] == slots["debt_bondage"] == "no"
