"""Rasa buttons to inline keyboards and back (pure functions)."""
from __future__ import annotations

from bot.keyboards import ButtonPayloads, inline_keyboard


def test_short_answers_share_a_row_long_ones_get_their_own():
    payloads = ButtonPayloads()
    short = inline_keyboard([{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"}], payloads)
    assert [[b.text for b in row] for row in short.inline_keyboard] == [["Ja", "Nee"]]
    long = inline_keyboard([{"title": "Arbeidsuitbuiting", "payload": "/a"}, {"title": "Seksuele uitbuiting",
                                                                             "payload": "/b"}], payloads)
    assert len(long.inline_keyboard) == 2


def test_long_payload_gets_a_short_key_and_maps_back():
    payloads = ButtonPayloads()
    payload = "/inform" + '{"x": "' + "y" * 100 + '"}'
    data = payloads.callback_data(payload)
    assert len(data.encode()) <= 64 and data != payload
    assert payloads.payload(data) == payload
    assert payloads.payload("#unknown") is None


def test_multibyte_payload_is_measured_in_bytes():
    payloads = ButtonPayloads()
    payload = "/inform" + "é" * 30  # 67 bytes, 37 characters
    assert payloads.callback_data(payload) != payload


def test_an_answer_is_accepted_once():
    payloads = ButtonPayloads()
    assert payloads.mark_answered(1, 10)
    assert not payloads.mark_answered(1, 10)
    assert payloads.mark_answered(1, 11)


def test_key_store_is_bounded():
    payloads = ButtonPayloads(capacity=3)
    keys = [payloads.callback_data("/x" + "y" * 70 + str(n)) for n in range(5)]
    assert payloads.payload(keys[0]) is None
    assert payloads.payload(keys[-1]).endswith("4")


def test_a_question_with_indicators_beside_it_keeps_its_answers_on_one_row():
    payloads = ButtonPayloads()
    keyboard = inline_keyboard([{"title": "Ja", "payload": "/affirm"}, {"title": "Nee", "payload": "/deny"},
                                {"title": "Weet ik niet", "payload": "/dont_know"},
                                {"title": "Schuld bij uitbuiter", "payload": '/inform{"indicator":"debt_bondage"}'},
                                {"title": "Nee, niets hiervan", "payload": "/none_of_these"},
                                {"title": "Waarom?", "payload": "/explain_question"}], payloads)
    rows = [[b.text for b in row] for row in keyboard.inline_keyboard]
    assert rows == [["Ja", "Nee", "Weet ik niet"], ["Schuld bij uitbuiter"], ["Nee, niets hiervan"], ["Waarom?"]]
    assert payloads.payload(keyboard.inline_keyboard[1][0].callback_data) == '/inform{"indicator":"debt_bondage"}'
