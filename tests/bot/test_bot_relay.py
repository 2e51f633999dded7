"""Text, commands, locations and media between an enrolled officer and Rasa."""
from __future__ import annotations

import json
import time

from tests.support.bot_process import pseudonym_of


def _new_messages(telegram, chat_id, already, count):
    return telegram.wait_for_bot_messages(chat_id, already + count)[already:]


def test_text_is_relayed_and_replies_come_back_in_order(officer, telegram, rasa):
    rasa.responder = lambda sender, message: [
        {"recipient_id": sender, "text": f"eerste antwoord op {message}"},
        {"recipient_id": sender, "text": "tweede <antwoord> & **vet**"},
        {"recipient_id": sender, "custom": {"ignored": True}},
        {"recipient_id": sender, "text": "derde"},
    ]
    before = len(telegram.bot_messages(officer))
    telegram.send_text(officer, "Ik zie vijf mannen slapen in een bedrijfsbus")
    replies = _new_messages(telegram, officer, before, 3)
    assert [r["text"] for r in replies] == [
        "eerste antwoord op Ik zie vijf mannen slapen in een bedrijfsbus",
        "tweede <antwoord> & vet",
        "derde",
    ]
    assert replies[1]["entities"] == [{"type": "bold", "offset": 20, "length": 3}]
    assert rasa.messages_from(pseudonym_of(officer))[-1] == "Ik zie vijf mannen slapen in een bedrijfsbus"


def test_typing_indicator_while_rasa_thinks(officer, telegram, rasa):
    def slow(sender, message):
        time.sleep(0.8)
        return [{"recipient_id": sender, "text": "na nadenken"}]

    rasa.responder = slow
    telegram.send_text(officer, "lastige vraag")
    telegram.wait_until(lambda: any(m["text"] == "na nadenken" for m in telegram.bot_messages(officer)),
                        what="the slow answer")
    names = [(name, params.get("chat_id")) for name, params in telegram.calls]
    typing = names.index(("sendChatAction", officer))
    answer = max(i for i, call in enumerate(names) if call == ("sendMessage", officer))
    assert typing < answer
    assert telegram.calls_of("sendChatAction")[-1]["action"] == "typing"


def test_messages_of_one_officer_reach_rasa_in_order(officer, telegram, rasa):
    texts = [f"bericht {n}" for n in range(8)]
    for text in texts:
        telegram.send_text(officer, text)
    received = rasa.wait_for_messages(pseudonym_of(officer), 1 + len(texts))
    assert received[1:] == texts
    replies = telegram.wait_for_bot_messages(officer, 2 + len(texts))[2:]
    assert [r["text"] for r in replies] == [f"ontvangen: {t}" for t in texts]


def test_commands_become_rasa_intents(officer, telegram, rasa):
    for command in ("nieuw", "help", "status", "oefening", "stop"):
        telegram.send_command(officer, command)
    telegram.send_command(officer, "taal", "en")
    telegram.send_command(officer, "start")
    received = rasa.wait_for_messages(pseudonym_of(officer), 8)
    assert received[1:] == [
        "/report_signal", "/help", "/ask_status", "/start_exercise", "/cancel",
        '/set_language{"language": "en"}', "/greet",
    ]


def test_language_is_remembered_for_the_bots_own_texts(officer, telegram, rasa):
    telegram.send_command(officer, "taal", "en")
    rasa.wait_for_messages(pseudonym_of(officer), 2)
    before = len(telegram.wait_for_bot_messages(officer, 3))
    telegram.send_photo(officer)
    refusal = _new_messages(telegram, officer, before, 1)[0]
    assert refusal["text"].startswith("Signaal does not accept photos")


def test_shared_location_reaches_rasa(officer, telegram, rasa):
    telegram.send_location(officer, 52.0907374, 5.1214201)
    received = rasa.wait_for_messages(pseudonym_of(officer), 2)[-1]
    assert received.startswith("/share_location")
    assert json.loads(received[len("/share_location"):]) == {"lat": 52.090737, "lon": 5.12142}


def test_live_location_and_its_updates_reach_rasa_quietly(officer, telegram, rasa):
    rasa.open_checks.add(pseudonym_of(officer))
    message = telegram.send_location(officer, 51.9225, 4.47917, live_period=900)
    rasa.wait_for_messages(pseudonym_of(officer), 2)
    shown = len(telegram.wait_for_bot_messages(officer, 3))
    telegram.move_live_location(officer, message, 51.9230, 4.4800)
    received = rasa.wait_for_messages(pseudonym_of(officer), 3)[-1]
    assert json.loads(received[len("/share_location"):]) == {"lat": 51.923, "lon": 4.48}
    telegram.send_text(officer, "na de locatie")
    rasa.wait_for_messages(pseudonym_of(officer), 4)
    after = telegram.wait_for_bot_messages(officer, shown + 1)
    # The moving location got no answer of its own; the next text did.
    assert after[-1]["text"] == "ontvangen: na de locatie"
    assert len(after) == shown + 1


def test_live_location_is_not_relayed_outside_an_open_check(officer, telegram, rasa):
    """No check open: where the officer drives is nobody's business, and not kept in the tracker."""
    message = telegram.send_location(officer, 51.9225, 4.47917, live_period=900)
    rasa.wait_for_messages(pseudonym_of(officer), 2)  # the deliberate share still counts
    reads = rasa.tracker_reads
    telegram.move_live_location(officer, message, 51.9230, 4.4800)
    telegram.wait_until(lambda: rasa.tracker_reads > reads, what="the bot to ask whether a check is open")
    time.sleep(0.5)
    assert len(rasa.messages_from(pseudonym_of(officer))) == 2
    rasa.open_checks.add(pseudonym_of(officer))  # the officer starts a check: updates go on again
    telegram.move_live_location(officer, message, 51.9240, 4.4810)
    received = rasa.wait_for_messages(pseudonym_of(officer), 3)[-1]
    assert json.loads(received[len("/share_location"):]) == {"lat": 51.924, "lon": 4.481}


def test_photos_documents_and_voice_are_refused_and_not_forwarded(officer, telegram, rasa):
    before = len(telegram.bot_messages(officer))
    telegram.send_photo(officer)
    telegram.send_document(officer)
    telegram.send_voice(officer)
    refusals = _new_messages(telegram, officer, before, 3)
    assert all("niet bewaard of doorgestuurd" in r["text"] for r in refusals)
    telegram.send_text(officer, "tekst")
    assert rasa.wait_for_messages(pseudonym_of(officer), 2) == ["/greet", "tekst"]


def test_long_text_is_split_within_telegrams_limit(officer, telegram, rasa):
    paragraph = "Indicator uitgelegd: " + "woord " * 150
    long_text = "\n\n".join(f"{n}. {paragraph.strip()}" for n in range(12))  # about 11,000 characters
    rasa.responder = lambda sender, message: [{"recipient_id": sender, "text": long_text,
                                               "buttons": [{"title": "Verder", "payload": "/affirm"}]}]
    before = len(telegram.bot_messages(officer))
    telegram.send_text(officer, "uitleg")
    parts = telegram.wait_until(
        lambda: (lambda ms: ms if ms and "reply_markup" in ms[-1] else None)(telegram.bot_messages(officer)[before:]),
        what="the split message with its keyboard",
    )
    assert len(parts) >= 3
    assert all(len(part["text"]) <= 4096 for part in parts)
    assert "\n\n".join(part["text"] for part in parts).split() == long_text.split()
    assert all("reply_markup" not in part for part in parts[:-1])


def test_edited_text_is_not_relayed_again(officer, telegram, rasa):
    message = telegram.send_text(officer, "origineel")
    rasa.wait_for_messages(pseudonym_of(officer), 2)
    telegram.inject({"edited_message": dict(message, text="/nieuw", edit_date=int(time.time()),
                                            entities=[{"type": "bot_command", "offset": 0, "length": 6}])})
    telegram.send_text(officer, "daarna")
    assert rasa.wait_for_messages(pseudonym_of(officer), 3) == ["/greet", "origineel", "daarna"]


def test_typed_commands_and_intent_shortcuts_never_reach_rasa(officer, telegram, rasa):
    """`/restart` would wipe an open check, `/affirm{...}` skip NLU and the acute-danger guard."""
    pseudonym = pseudonym_of(officer)
    before = len(telegram.bot_messages(officer))
    telegram.send_text(officer, "hallo")
    _new_messages(telegram, officer, before, 1)
    before += 1
    for typed in ("/restart", '/affirm{"violence": "no"}', "/EXTERNAL_reminder", "  /session_start"):
        telegram.send_text(officer, typed)
    replies = _new_messages(telegram, officer, before, 4)
    assert all("'/'" in reply["text"] for reply in replies)
    telegram.send_text(officer, "nog een gewoon bericht")
    received = rasa.wait_for_messages(pseudonym, 3)
    assert received[1:] == ["hallo", "nog een gewoon bericht"]
