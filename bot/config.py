"""The bot's configuration, read once from the environment."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Optional

from signaal.rasa_client import action_server_base

DEFAULT_RASA_URL = "http://127.0.0.1:5005"
DEFAULT_ACTION_SERVER_URL = "http://127.0.0.1:5055"


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and what to do."""


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ConfigError(f"{name} moet een getal zijn / must be a number") from error


def _optional(name: str) -> Optional[str]:
    value = os.environ.get(name, "").strip()
    return value or None


@dataclass(frozen=True)
class BotConfig:
    token: str
    api_base_url: Optional[str] = None
    rasa_url: str = DEFAULT_RASA_URL
    rasa_timeout: float = 20.0
    # Rasa answers 200 even when the action server is down (the action's
    # events are silently lost), so its health is checked before relaying.
    action_server_url: Optional[str] = DEFAULT_ACTION_SERVER_URL
    action_health_ttl: float = 5.0
    webhook_url: Optional[str] = None
    webhook_port: int = 8443
    webhook_secret: str = ""
    supervisor_chat_id: Optional[int] = None
    review_url: Optional[str] = None
    notification_interval: float = 5.0
    retry_base: float = 2.0
    retry_max: float = 60.0
    live_location_interval: float = 60.0

    @property
    def file_base_url(self) -> Optional[str]:
        """Files live at ``…/file/bot<token>`` beside the API's ``…/bot<token>``."""
        if not self.api_base_url:
            return None
        base = self.api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    @classmethod
    def from_env(cls) -> "BotConfig":
        token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN ontbreekt: maak een bot bij @BotFather en zet het token in de omgeving "
                "(zie docs/telegram.md). / TELEGRAM_BOT_TOKEN is missing: create a bot with @BotFather and "
                "set its token in the environment (see docs/telegram.md)."
            )
        action_server = action_server_base(os.environ.get("SIGNAAL_ACTION_SERVER_URL"),
                                           os.environ.get("SIGNAAL_ACTION_URL"), DEFAULT_ACTION_SERVER_URL)
        supervisor_chat = _optional("SIGNAAL_SUPERVISOR_CHAT_ID")
        try:
            supervisor_chat_id = int(supervisor_chat) if supervisor_chat else None
        except ValueError as error:
            raise ConfigError("SIGNAAL_SUPERVISOR_CHAT_ID moet een chat-id (getal) zijn / must be a numeric chat id") from error
        return cls(
            token=token,
            api_base_url=_optional("TELEGRAM_API_BASE_URL"),
            rasa_url=(_optional("SIGNAAL_RASA_URL") or DEFAULT_RASA_URL).rstrip("/"),
            rasa_timeout=_float("SIGNAAL_RASA_TIMEOUT", 20.0),
            action_server_url=action_server,
            action_health_ttl=_float("SIGNAAL_ACTION_HEALTH_TTL", 5.0),
            webhook_url=_optional("SIGNAAL_TELEGRAM_WEBHOOK_URL"),
            webhook_port=int(_float("SIGNAAL_TELEGRAM_WEBHOOK_PORT", 8443)),
            # Telegram allows A-Z a-z 0-9 _ - in the secret; token_urlsafe fits.
            webhook_secret=_optional("SIGNAAL_TELEGRAM_WEBHOOK_SECRET") or secrets.token_urlsafe(32),
            supervisor_chat_id=supervisor_chat_id,
            review_url=_optional("SIGNAAL_REVIEW_URL"),
            notification_interval=_float("SIGNAAL_NOTIFICATION_INTERVAL", 5.0),
            retry_base=_float("SIGNAAL_RASA_RETRY_BASE", 2.0),
            retry_max=_float("SIGNAAL_RASA_RETRY_MAX", 60.0),
            live_location_interval=_float("SIGNAAL_LIVE_LOCATION_INTERVAL", 60.0),
        )
