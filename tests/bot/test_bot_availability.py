"""Rasa or the action server unavailable: the officer is told, nothing is lost, order is kept."""
from __future__ import annotations

from tests.support.bot_process import pseudonym_of

UNAVAILABLE = "Signaal is even niet bereikbaar; je bericht is bewaard en wordt verstuurd zodra het weer kan."


def _wait_for_text(telegram, chat_id, text):
    return telegram.wait_until(lambda: any(m["text"] == text for m in telegram.bot_messages(chat_id)),
                               what=repr(text))


def test_rasa_down_then_back_answers_kept_messages_in_order(officer, telegram, rasa):
    rasa.stop()  # connection refused
    telegram.send_text(officer, "eerste bericht")
    _wait_for_text(telegram, officer, UNAVAILABLE)
    telegram.send_text(officer, "tweede bericht")
    _wait_for_text(telegram, officer, "Bewaard; wordt verstuurd zodra Signaal weer bereikbaar is.")
    assert rasa.messages_from(pseudonym_of(officer)) == ["/greet"]

    rasa.start()
    assert rasa.wait_for_messages(pseudonym_of(officer), 3)[1:] == ["eerste bericht", "tweede bericht"]
    _wait_for_text(telegram, officer, "ontvangen: tweede bericht")
    texts = [m["text"] for m in telegram.bot_messages(officer)]
    assert texts.index("ontvangen: eerste bericht") < texts.index("ontvangen: tweede bericht")

    telegram.send_text(officer, "derde bericht")  # back to direct relay
    _wait_for_text(telegram, officer, "ontvangen: derde bericht")


def test_rasa_server_error_counts_as_unavailable(officer, telegram, rasa):
    rasa.fail_with(503)
    telegram.send_text(officer, "tijdens storing")
    _wait_for_text(telegram, officer, UNAVAILABLE)
    rasa.fail_with(None)
    _wait_for_text(telegram, officer, "ontvangen: tijdens storing")
    assert rasa.messages_from(pseudonym_of(officer)) == ["/greet", "tijdens storing"]


def test_action_server_down_keeps_message_away_from_rasa(officer, telegram, rasa):
    # Rasa would take the message and silently lose its custom action's result.
    rasa.action_server_up = False
    telegram.send_text(officer, "tijdens onderhoud")
    _wait_for_text(telegram, officer, UNAVAILABLE)
    assert rasa.messages_from(pseudonym_of(officer)) == ["/greet"]
    rasa.action_server_up = True
    _wait_for_text(telegram, officer, "ontvangen: tijdens onderhoud")
    assert rasa.messages_from(pseudonym_of(officer)) == ["/greet", "tijdens onderhoud"]
