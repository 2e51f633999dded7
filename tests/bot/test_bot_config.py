"""The bot's configuration from the environment."""
from __future__ import annotations

import pytest

from bot.config import BotConfig, ConfigError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("SIGNAAL_ACTION_SERVER_URL", "SIGNAAL_ACTION_URL", "TELEGRAM_API_BASE_URL",
                 "SIGNAAL_SUPERVISOR_CHAT_ID", "SIGNAAL_TELEGRAM_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:abc")


def test_action_server_follows_rasas_action_endpoint(monkeypatch):
    monkeypatch.setenv("SIGNAAL_ACTION_URL", "http://127.0.0.1:15055/webhook")
    assert BotConfig.from_env().action_server_url == "http://127.0.0.1:15055"
    monkeypatch.setenv("SIGNAAL_ACTION_SERVER_URL", "off")
    assert BotConfig.from_env().action_server_url is None


def test_local_bot_api_gets_its_file_url(monkeypatch):
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    config = BotConfig.from_env()
    assert config.file_base_url == "http://127.0.0.1:8081/file/bot"


def test_webhook_secret_is_generated_when_unset():
    first, second = BotConfig.from_env().webhook_secret, BotConfig.from_env().webhook_secret
    assert len(first) >= 32 and first != second


def test_missing_token_and_bad_chat_id_are_clear(monkeypatch):
    monkeypatch.setenv("SIGNAAL_SUPERVISOR_CHAT_ID", "beoordelaars")
    with pytest.raises(ConfigError, match="SIGNAAL_SUPERVISOR_CHAT_ID"):
        BotConfig.from_env()
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        BotConfig.from_env()
