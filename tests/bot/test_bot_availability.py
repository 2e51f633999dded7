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


def test_kept_messages_survive_a_killed_bot_and_are_delivered_once_in_order(tmp_path):
    """"Bewaard" must mean kept: queue while Rasa is down, kill -9 the bot, restart, delivered once."""
    import time

    from tests.support.bot_process import SignaalBotProcess, manage, new_enrolment_code, state_env
    from tests.support.fake_rasa import FakeRasa
    from tests.support.fake_telegram import FakeTelegram

    env = state_env(tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    with FakeTelegram() as telegram, FakeRasa() as rasa:
        env.update(TELEGRAM_BOT_TOKEN=telegram.token, TELEGRAM_API_BASE_URL=telegram.base_url,
                   SIGNAAL_RASA_URL=rasa.url, SIGNAAL_ACTION_SERVER_URL=rasa.url, SIGNAAL_ACTION_HEALTH_TTL="0",
                   SIGNAAL_RASA_TIMEOUT="3", SIGNAAL_RASA_RETRY_BASE="0.5", SIGNAAL_RASA_RETRY_MAX="1")

        def start_bot(log_name):
            bot = SignaalBotProcess(env, tmp_path / log_name).start()
            polls = len(telegram.calls_of("getUpdates"))
            telegram.wait_until(lambda: len(telegram.calls_of("getUpdates")) > polls or bot.process.poll() is not None,
                                timeout=60, what="the bot to poll")
            bot.assert_running()
            return bot

        bot = start_bot("bot-1.log")
        officer = 7001
        try:
            telegram.send_command(officer, "start", new_enrolment_code(env))
            rasa.wait_for_messages(pseudonym_of(officer), 1)
            rasa.stop()
            telegram.send_text(officer, "een")
            _wait_for_text(telegram, officer, UNAVAILABLE)
            telegram.send_text(officer, "twee")
            _wait_for_text(telegram, officer, "Bewaard; wordt verstuurd zodra Signaal weer bereikbaar is.")
        finally:
            bot.process.kill()  # kill -9: nothing in the bot's memory survives
            bot.process.wait()
            bot._log.close()
        rasa.start()
        bot = start_bot("bot-2.log")
        try:
            assert rasa.wait_for_messages(pseudonym_of(officer), 3, timeout=30) == ["/greet", "een", "twee"]
            _wait_for_text(telegram, officer, "ontvangen: twee")
            time.sleep(2)  # several rounds of the retry job
            assert rasa.messages_from(pseudonym_of(officer)) == ["/greet", "een", "twee"]
            texts = [m["text"] for m in telegram.bot_messages(officer)]
            assert texts.count("ontvangen: een") == 1 and texts.index("ontvangen: een") < texts.index("ontvangen: twee")
        finally:
            bot.stop()
