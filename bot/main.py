"""The Telegram bot's wiring: configuration from the environment, handlers, jobs, run mode."""
from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit

from telegram import BotCommand
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import enrolment, handlers
from bot.config import BotConfig, ConfigError
from bot.keyboards import ButtonPayloads
from bot.notifications import deliver_notifications
from bot.ordering import PerOfficerUpdateProcessor
from signaal.rasa_client import RasaClient
from bot.relay import Relay
from signaal.labels import choices

log = logging.getLogger("bot")

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
MEDIA = (
    filters.PHOTO
    | filters.Document.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Sticker.ALL
    | filters.ANIMATION
    | filters.CONTACT
    | filters.POLL
)


def configure_logging() -> None:
    """After Django's setup, which may already have given the root logger a handler."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    # httpx logs every request URL, and Bot API URLs contain the token.
    for noisy in ("httpx", "httpcore", "telegram", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


async def _retry_waiting(context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot_data["relay"].retry_waiting(context.bot)


async def _on_startup(application: Application) -> None:
    """Register the command menu in Dutch and English; pick up messages kept before a restart."""
    waiting = await application.bot_data["relay"].load()
    if waiting:
        log.info("%d officers have messages kept from before the restart", waiting)
    for language in ("nl", "en"):
        commands = [BotCommand(name, title) for name, title in choices("bot_commands", language) if name != "start"]
        await application.bot.set_my_commands(commands, language_code=None if language == "nl" else "en")


async def _on_shutdown(application: Application) -> None:
    await application.bot_data["rasa"].close()


def build_application(config: BotConfig, pseudonym_key: str) -> Application:
    """The bot as it runs in production; tests and the benchmark start this same object."""
    builder = (
        Application.builder()
        .token(config.token)
        .rate_limiter(AIORateLimiter(max_retries=2))
        .concurrent_updates(PerOfficerUpdateProcessor(64))
        .post_init(_on_startup)
        .post_shutdown(_on_shutdown)
    )
    if config.api_base_url:
        builder = builder.base_url(config.api_base_url).base_file_url(config.file_base_url)
    application = builder.build()

    rasa = RasaClient(config.rasa_url, config.rasa_timeout, config.action_server_url, config.action_health_ttl,
                      channel="telegram")
    payloads = ButtonPayloads()
    application.bot_data.update(
        config=config,
        pseudonym_key=pseudonym_key,
        rasa=rasa,
        button_payloads=payloads,
        relay=Relay(rasa, payloads, config.retry_base, config.retry_max),
        failed_attempts=enrolment.FailedAttempts(),
        live_location_sent={},
    )

    # Private chats only; edits of sent messages are ignored, except a moving live location.
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    moved = filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.LOCATION
    application.add_handler(CommandHandler("start", enrolment.start, filters=private))
    application.add_handler(CommandHandler("taal", handlers.language, filters=private))
    application.add_handler(CommandHandler(list(handlers.COMMAND_INTENTS), handlers.command, filters=private))
    application.add_handler(MessageHandler(moved, handlers.live_location_update))
    application.add_handler(MessageHandler(private & filters.LOCATION, handlers.location))
    application.add_handler(MessageHandler(private & filters.TEXT, handlers.text))
    application.add_handler(MessageHandler(private & MEDIA, handlers.media))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_error_handler(handlers.error)

    if application.job_queue is None:
        raise RuntimeError(
            "python-telegram-bot zonder job-queue: installeer python-telegram-bot[job-queue] "
            "(APScheduler) / install python-telegram-bot[job-queue]"
        )
    application.job_queue.run_repeating(_retry_waiting, interval=1.0, first=1.0, name="retry-waiting")
    application.job_queue.run_repeating(
        deliver_notifications, interval=config.notification_interval, first=1.0, name="notifications"
    )
    return application


def main() -> None:
    try:
        config = BotConfig.from_env()
    except ConfigError as problem:
        print(problem, file=sys.stderr)
        sys.exit(2)

    configure_logging()
    from signaal.secrets import get_secret

    application = build_application(config, get_secret("SIGNAAL_PSEUDONYM_KEY"))
    if config.webhook_url:
        log.info("webhook mode on 127.0.0.1:%s", config.webhook_port)
        application.run_webhook(
            listen="127.0.0.1",
            port=config.webhook_port,
            url_path=urlsplit(config.webhook_url).path.strip("/"),
            webhook_url=config.webhook_url,
            secret_token=config.webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        log.info("long polling")
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
