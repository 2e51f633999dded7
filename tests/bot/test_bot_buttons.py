"""Rasa's buttons as inline keyboards; a press is acknowledged, answered once, and relayed."""
from __future__ import annotations

from tests.support.bot_process import django_shell, pseudonym_of

LONG_PAYLOAD = '/inform{"indicator": "debt_bondage_recruitment_fees", "answer": "yes", "source": "button"}'


def _question(sender, message):
    if message.startswith("/") and message != "/report_signal":
        return [{"recipient_id": sender, "text": f"verwerkt: {message}"}]
    return [{
        "recipient_id": sender,
        "text": "Heeft de persoon een **schuld** bij de werkgever?",
        "buttons": [
            {"title": "Ja", "payload": "/affirm"},
            {"title": "Nee", "payload": "/deny"},
            {"title": "Weet ik niet", "payload": "/dont_know"},
        ],
    }]


def _ask(telegram, officer, rasa, responder=_question):
    rasa.responder = responder
    before = len(telegram.bot_messages(officer))
    telegram.send_command(officer, "nieuw")
    return telegram.wait_for_bot_messages(officer, before + 1)[-1]


def test_buttons_become_one_row_inline_keyboard(officer, telegram, rasa):
    question = _ask(telegram, officer, rasa)
    rows = question["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in rows] == [["Ja", "Nee", "Weet ik niet"]]
    assert [b["callback_data"] for b in rows[0]] == ["/affirm", "/deny", "/dont_know"]


def test_press_is_acknowledged_keyboard_replaced_and_payload_relayed(officer, telegram, rasa):
    question = _ask(telegram, officer, rasa)
    query_id = telegram.press_button(officer, question, "Ja")
    answer = telegram.wait_for_answer(query_id)
    assert not answer.get("text")
    received = rasa.wait_for_messages(pseudonym_of(officer), 3)
    assert received[-1] == "/affirm"
    edited = telegram.message(officer, question["message_id"])
    assert "reply_markup" not in edited
    assert edited["text"] == "Heeft de persoon een schuld bij de werkgever?\n\n✔ Ja"
    assert {"type": "bold", "offset": 21, "length": 6} in edited["entities"]  # formatting kept
    assert telegram.wait_for_bot_messages(officer, 4)[-1]["text"] == "verwerkt: /affirm"


def test_second_press_on_an_answered_question_is_not_relayed(officer, telegram, rasa):
    question = _ask(telegram, officer, rasa)
    first = telegram.press_button(officer, question, "Nee")
    # The second press still sees the old keyboard, as a quick double tap does.
    second = telegram.press_button(officer, question, "Ja")
    telegram.wait_for_answer(first)
    assert "niet meer geldig" in telegram.wait_for_answer(second)["text"]
    telegram.wait_for_bot_messages(officer, 4)
    telegram.send_text(officer, "klaar")
    received = rasa.wait_for_messages(pseudonym_of(officer), 4)
    assert received[2:] == ["/deny", "klaar"]


def test_forged_callback_data_is_refused(officer, telegram, rasa):
    question = _ask(telegram, officer, rasa)
    query_id = telegram.press_button(officer, question, callback_data="/acute_danger")
    assert "niet meer geldig" in telegram.wait_for_answer(query_id)["text"]
    telegram.send_text(officer, "verder")
    assert rasa.wait_for_messages(pseudonym_of(officer), 3)[2] == "verder"
    assert "reply_markup" in telegram.message(officer, question["message_id"])


def test_long_payload_travels_under_a_short_key(officer, telegram, rasa):
    def responder(sender, message):
        if message == "/report_signal":
            return [{"recipient_id": sender, "text": "Wat heb je gezien?", "buttons": [
                {"title": "Schuld bij de werkgever door wervingskosten", "payload": LONG_PAYLOAD},
                {"title": "Iets anders", "payload": "/deny"},
            ]}]
        return [{"recipient_id": sender, "text": "ok"}]

    question = _ask(telegram, officer, rasa, responder)
    rows = question["reply_markup"]["inline_keyboard"]
    assert len(rows) == 2  # long titles: one button per row
    assert len(rows[0][0]["callback_data"].encode()) <= 64
    query_id = telegram.press_button(officer, question, "Schuld bij de werkgever door wervingskosten")
    telegram.wait_for_answer(query_id)
    assert rasa.wait_for_messages(pseudonym_of(officer), 3)[-1] == LONG_PAYLOAD


def test_button_press_after_revocation_is_refused(officer, telegram, rasa, env):
    question = _ask(telegram, officer, rasa)
    django_shell(env, f"from intake.officers.services import revoke; assert revoke('{pseudonym_of(officer)}')")
    query_id = telegram.press_button(officer, question, "Ja")
    telegram.wait_for_answer(query_id)
    assert "alleen voor aangemelde agenten" in telegram.wait_for_bot_messages(officer, 4)[-1]["text"]
    assert rasa.messages_from(pseudonym_of(officer)) == ["/greet", "/report_signal"]


def test_a_persons_answer_is_relayed_but_not_echoed_and_arabic_keeps_its_marks(officer, telegram, rasa):
    from signaal import person_mode

    arabic = person_mode.language("ar")

    def responder(sender, message):
        if message == "/report_signal":
            return [{"recipient_id": sender, **person_mode.question_screen(arabic, "papers", 0)}]
        return [{"recipient_id": sender, **person_mode.closing_screen(arabic)}]

    question = _ask(telegram, officer, rasa, responder)
    assert question["text"].startswith(person_mode.RLM)  # right to left from the first character
    assert all(line.startswith(person_mode.RLM) for line in question["text"].split("\n") if line)
    yes = person_mode.RLM + "نعم"
    query_id = telegram.press_button(officer, question, yes)
    telegram.wait_for_answer(query_id)
    assert rasa.wait_for_messages(pseudonym_of(officer), 3)[-1] == person_mode.answer_payload("papers", "yes")
    edited = telegram.message(officer, question["message_id"])
    assert "reply_markup" not in edited
    assert edited["text"].endswith("\n\n✔") and "نعم" not in edited["text"].rsplit("\n", 1)[-1]
