"""The person mode's actions against hand-built trackers (tests/support/trackers.py)."""
import asyncio

from rasa_sdk.executor import CollectingDispatcher

from actions.person_mode import (ActionAskPersonBack, ActionAskPersonReply, ActionPersonBack, ActionPersonMode,
                                 ValidatePersonForm)
from signaal import person_mode
from tests.support.trackers import make_tracker

OPEN_CHECK = {"signal_id": "8f3c2a4e-0000-4000-8000-000000000001"}


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def reply(key, answer):
    return make_tracker({**OPEN_CHECK, "person_language": "ro", "requested_slot": "person_reply",
                         "person_answers": {}}, text=person_mode.answer_payload(key, answer), intent="person_answer",
                        entities=[{"entity": "person_reply", "value": f"{key}:{answer}"}], active_loop="person_form")


def test_without_a_language_the_officer_chooses_one(domain):
    messages, slots = run(ActionPersonMode(), make_tracker(OPEN_CHECK, text="/person_mode", intent="person_mode"), domain)
    assert messages[0]["response"] == "utter_person_choose_language"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert '/person_mode{"person_language": "ro"}' in payloads and len(payloads) == 13
    assert "signal_id" not in slots  # the open check goes on


def test_a_language_chosen_warns_when_not_reviewed_and_offers_the_handover(domain):
    tracker = make_tracker(OPEN_CHECK, text='/person_mode{"person_language": "ro"}', intent="person_mode",
                           entities=[{"entity": "person_language", "value": "ro"}])
    messages, slots = run(ActionPersonMode(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_person_not_reviewed", "utter_person_handover"]
    assert "Roemeens" in messages[0]["language"]
    assert messages[1]["buttons"][0]["payload"] == "/person_start"
    assert slots["person_language"] == "ro"


def test_without_an_open_check_one_is_started(domain):
    tracker = make_tracker({}, text="/person_mode", intent="person_mode", active_loop=None)
    _, slots = run(ActionPersonMode(), tracker, domain)
    assert slots["signal_id"]


def test_an_answer_fills_its_indicator_with_source_person(domain):
    _, slots = run(ValidatePersonForm(), reply("leave", "no"), domain)
    assert slots["movement_restricted"] == "yes"  # inverted: not free to leave
    assert slots["answer_sources"]["movement_restricted"] == "person"
    assert slots["person_answers"] == {"leave": "no"}
    assert "movement_restricted" in slots["answer_order"]
    assert slots["requested_slot"] == "person_reply"  # the next question


def test_the_last_answer_leads_to_the_closing_screen(domain):
    answered = {q.key: "no" for q in person_mode.questions()[:-1]}
    last = person_mode.questions()[-1].key
    tracker = make_tracker({**OPEN_CHECK, "person_language": "ro", "requested_slot": "person_reply",
                            "person_answers": answered}, text="x", intent="person_answer",
                           entities=[{"entity": "person_reply", "value": f"{last}:yes"}], active_loop="person_form")
    _, slots = run(ValidatePersonForm(), tracker, domain)
    assert slots["requested_slot"] == "person_back"


def test_terug_naar_agent_ends_the_form(domain):
    tracker = make_tracker({**OPEN_CHECK, "person_language": "ro", "requested_slot": "person_reply"},
                           text="/officer_back", intent="officer_back", active_loop="person_form")
    _, slots = run(ValidatePersonForm(), tracker, domain)
    assert slots["person_back"] is True and slots["requested_slot"] is None


def test_typed_words_get_a_nudge_in_the_persons_language_and_count_for_nothing(domain):
    tracker = make_tracker({**OPEN_CHECK, "person_language": "pl", "requested_slot": "person_reply"},
                           text="nie rozumiem", intent="nlu_fallback", active_loop="person_form")
    messages, slots = run(ValidatePersonForm(), tracker, domain)
    assert messages[0]["text"] == person_mode.language("pl").text("nudge")
    assert set(slots) == {"person_reply", "requested_slot"} and slots["requested_slot"] == "person_reply"


def test_a_repeated_tap_changes_nothing(domain):
    tracker = make_tracker({**OPEN_CHECK, "person_language": "ro", "requested_slot": "person_reply",
                            "person_answers": {"papers": "yes"}, "documents_confiscated": "yes"},
                           text="x", intent="person_answer",
                           entities=[{"entity": "person_reply", "value": "papers:no"}], active_loop="person_form")
    _, slots = run(ValidatePersonForm(), tracker, domain)
    assert "documents_confiscated" not in slots and "person_answers" not in slots


def test_the_form_asks_the_next_question_and_closes_in_the_persons_language(domain):
    tracker = make_tracker({"person_language": "ar", "person_answers": {"papers": "yes"}}, active_loop="person_form")
    messages, _ = run(ActionAskPersonReply(), tracker, domain)
    arabic = person_mode.language("ar")
    assert arabic.text("questions.leave") in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]][:3] == [person_mode.RLM + t for t in ("نعم", "لا", "لا أعرف")]
    messages, _ = run(ActionAskPersonBack(), tracker, domain)
    assert messages[0]["text"] == arabic.text("closing")


def test_back_with_the_officer_the_answers_in_dutch_and_the_checklist_goes_on(domain):
    tracker = make_tracker({**OPEN_CHECK, "person_language": "ro", "person_answers": {"papers": "yes"},
                            "documents_confiscated": "yes", "setting": "workplace"}, text="/officer_back",
                           intent="officer_back", active_loop=None)
    messages, slots = run(ActionPersonBack(), tracker, domain)
    assert messages[0]["response"] == "utter_person_back"
    assert person_mode.language("nl").text("questions.papers") in messages[0]["answers"]
    assert slots["person_return"] == "questions" and slots["person_back"] is None


def test_back_with_nothing_left_to_ask_goes_to_the_summary(domain):
    from signaal.checklist_plan import plan

    answers = {"setting": "workplace", "persons": "2", "exploitation_type": "labour", "minor_involved": "no"}
    for _ in range(60):  # answer the plan with "no" until it is complete
        open_ = [s for s in plan(answers, "labour") if answers.get(s) is None]
        if not open_:
            break
        answers[open_[0]] = "no"
    tracker = make_tracker({**OPEN_CHECK, **answers, "person_language": "ro", "person_answers": {}},
                           text="/officer_back", intent="officer_back", active_loop=None)
    messages, slots = run(ActionPersonBack(), tracker, domain)
    assert messages[0]["response"] == "utter_person_back_none"
    assert slots["person_return"] == "summary"


def test_words_of_acute_danger_give_the_112_instruction_and_the_phone_back(domain):
    tracker = make_tracker({**OPEN_CHECK, "person_language": "ro", "requested_slot": "person_reply"},
                           text="acuut gevaar", intent="acute_danger", active_loop="person_form")
    messages, slots = run(ValidatePersonForm(), tracker, domain)
    assert messages[0]["response"] == "utter_acute_danger"
    assert slots["acute_danger"] is True and slots["person_back"] is True and slots["requested_slot"] is None
