"""Webhook mode: the bot registers its URL and secret, and refuses posts without the secret."""
from __future__ import annotations

import json
import secrets
import socket
import urllib.error
import urllib.request

import pytest

from tests.support.fake_telegram import FakeTelegram
from tests.support.bot_process import SignaalBotProcess, manage, new_enrolment_code, pseudonym_of, state_env, wait_for

WEBHOOK_SECRET = secrets.token_hex(12)  # made per run, never a fixed value in git


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture()
def webhook_bot(tmp_path, rasa):
    env = state_env(tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    port = _free_port()
    with FakeTelegram() as telegram:
        env.update(
            TELEGRAM_BOT_TOKEN=telegram.token,
            TELEGRAM_API_BASE_URL=telegram.base_url,
            SIGNAAL_RASA_URL=rasa.url,
            SIGNAAL_ACTION_SERVER_URL=rasa.url,
            SIGNAAL_TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/signaal/telegram",
            SIGNAAL_TELEGRAM_WEBHOOK_PORT=str(port),
            SIGNAAL_TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
        )
        process = SignaalBotProcess(env, tmp_path / "bot.log").start()
        try:
            telegram.wait_until(lambda: telegram.webhook["url"] or process.process.poll() is not None,
                                timeout=60, what="setWebhook")
            process.assert_running()
            wait_for(lambda: _listening(port), timeout=30, what="the webhook server")
            yield telegram, env, port
        finally:
            process.stop()


def test_webhook_mode_relays_updates_with_the_secret(webhook_bot, rasa):
    telegram, env, port = webhook_bot
    assert telegram.webhook == {"url": f"http://127.0.0.1:{port}/signaal/telegram",
                                "secret_token": WEBHOOK_SECRET}
    user_id = 4242
    telegram.send_command(user_id, "start", new_enrolment_code(env))
    assert rasa.wait_for_messages(pseudonym_of(user_id), 1) == ["/greet"]
    telegram.send_text(user_id, "via webhook")
    telegram.wait_until(lambda: any(m["text"] == "ontvangen: via webhook" for m in telegram.bot_messages(user_id)),
                        what="reply via webhook")
    assert all(status == 200 for _, status in telegram.webhook_deliveries)


def test_webhook_refuses_posts_without_the_secret(webhook_bot, rasa):
    telegram, env, port = webhook_bot
    update = {"update_id": 99, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"},
                                           "from": {"id": 5, "is_bot": False, "first_name": "X"}, "text": "hoi"}}
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        request = urllib.request.Request(f"http://127.0.0.1:{port}/signaal/telegram",
                                         data=json.dumps(update).encode(), method="POST",
                                         headers={"Content-Type": "application/json", **headers})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 403
