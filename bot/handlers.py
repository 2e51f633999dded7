"""One short handler per kind of update from an enrolled officer.

Commands become Rasa intents, text goes as written, locations as
``/share_location``, button presses as the button's payload. Media is
refused and dropped. Logs carry update ids and pseudonyms, never content.
"""
from __future__ import annotations

import html
import json
import logging
import time

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.database import database_call
from bot.enrolment import officers_only
from bot.formatting import MESSAGE_LIMIT, PARSE_MODE, utf16_len
from bot.keyboards import chosen_button
from bot.officers import OfficerChat, store_language
from bot.relay import Relay
from bot.texts import say, say_both
from signaal.labels import pick
from signaal.typed_text import REFUSED as COMMAND_REFUSED, looks_like_command
from signaal.person_mode import is_private_answer

log = logging.getLogger(__name__)

# Telegram command -> the Rasa message it stands for.
COMMAND_INTENTS = {
    "help": "/help",
    "nieuw": "/report_signal",
    "stop": "/cancel",
    "status": "/ask_status",
    "oefening": "/start_exercise",
}
LANGUAGES = ("nl", "en")


def _relay(context: ContextTypes.DEFAULT_TYPE) -> Relay:
    return context.bot_data["relay"]


def location_message(latitude: float, longitude: float) -> str:
    return "/share_location" + json.dumps({"lat": round(latitude, 6), "lon": round(longitude, 6)})


@officers_only
async def command(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """/help, /nieuw, /stop, /status, /oefening: the matching Rasa intent."""
    name = (update.effective_message.text or "").split()[0].lstrip("/").split("@")[0].lower()
    log.info("update %s: /%s from %s", update.update_id, name, officer.pseudonym)
    await _relay(context).relay(context.bot, officer, COMMAND_INTENTS[name])


@officers_only
async def language(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """/taal nl|en: remember the officer's language and tell Rasa."""
    choice = (context.args[0].lower() if context.args else "")
    if choice not in LANGUAGES:
        await context.bot.send_message(officer.chat_id, say_both("language_usage"))
        return
    await store_language(officer.pseudonym, choice)
    officer = OfficerChat(officer.pseudonym, officer.chat_id, choice)
    message = "/set_language" + json.dumps({"language": choice})
    await _relay(context).relay(context.bot, officer, message)


@officers_only
async def text(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """Plain text goes to Rasa as written; an unknown /command is refused, never passed on."""
    typed = update.effective_message.text or ""
    if looks_like_command(typed):
        log.info("update %s: unknown command from %s refused", update.update_id, officer.pseudonym)
        await context.bot.send_message(officer.chat_id, pick(COMMAND_REFUSED, officer.language))
        return
    reply = await _class_join_step(context.user_data if context.user_data is not None else {}, officer.pseudonym, typed)
    if reply is not None:
        # Joining a trainer's class: handled by the intake, never sent to Rasa (intake/chat/class_join.py).
        log.info("update %s: class join step from %s", update.update_id, officer.pseudonym)
        await context.bot.send_message(officer.chat_id, reply)
        return
    log.info("update %s: text from %s", update.update_id, officer.pseudonym)
    await _relay(context).relay(context.bot, officer, typed)


@database_call
def _class_join_step(state, pseudonym: str, typed: str):
    from intake.chat.class_join import step

    return step(state, pseudonym, typed)


@officers_only
async def location(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """A shared (or the start of a live) location: the signal's location."""
    place = update.effective_message.location
    log.info("update %s: location from %s", update.update_id, officer.pseudonym)
    context.bot_data["live_location_sent"][officer.pseudonym] = time.monotonic()
    await _relay(context).relay(context.bot, officer, location_message(place.latitude, place.longitude))


@officers_only
async def live_location_update(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """A moving live location: passed on quietly, at most once per interval, and only during a check.

    Telegram sends these every few seconds for hours; Rasa needs only a
    recent position, the officer no answer to each, and outside an open check
    nobody needs to know where the officer is.
    """
    place = update.edited_message.location
    last_sent = context.bot_data["live_location_sent"]
    now = time.monotonic()
    if now - last_sent.get(officer.pseudonym, 0.0) < context.bot_data["config"].live_location_interval:
        return
    last_sent[officer.pseudonym] = now
    if not await context.bot_data["rasa"].check_open(officer.pseudonym):
        log.info("update %s: live location from %s not passed on (no open check)", update.update_id, officer.pseudonym)
        return
    log.info("update %s: live location from %s", update.update_id, officer.pseudonym)
    await _relay(context).relay(context.bot, officer, location_message(place.latitude, place.longitude), silent=True)


@officers_only
async def button(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """A button press: acknowledge, replace the keyboard by the answer, send the payload."""
    query = update.callback_query
    payloads = context.bot_data["button_payloads"]
    choice = chosen_button(query, payloads)
    message = query.message if isinstance(query.message, Message) else None
    if choice is None or message is None or not payloads.mark_answered(message.chat_id, message.message_id):
        await query.answer(say("button_expired", officer.language))
        return
    await query.answer()
    log.info("update %s: button from %s", update.update_id, officer.pseudonym)
    # A person's own answer is not echoed on the phone: the question only gets a tick.
    await _show_answer(message, "" if is_private_answer(choice.payload) else choice.title)
    await _relay(context).relay(context.bot, officer, choice.payload)


async def _show_answer(message: Message, title: str) -> None:
    """The question keeps its text; its keyboard becomes the chosen answer (or a bare tick)."""
    mark = f"✔ {title}".rstrip()
    answered = f"{message.text_html}\n\n{_escape(mark)}" if message.text else None
    try:
        if answered and utf16_len(f"{message.text}\n\n{mark}") <= MESSAGE_LIMIT:
            await message.edit_text(answered, parse_mode=PARSE_MODE, reply_markup=None)
        else:
            await message.edit_reply_markup(reply_markup=None)
    except BadRequest as problem:  # e.g. the message was already edited
        log.info("answered question not edited: %s", problem.message)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


@officers_only
async def media(update: Update, context: ContextTypes.DEFAULT_TYPE, officer: OfficerChat) -> None:
    """Photos, files, voice, video, stickers: refused, not stored, not forwarded."""
    log.info("update %s: media refused for %s", update.update_id, officer.pseudonym)
    await context.bot.send_message(officer.chat_id, say("media_refused", officer.language))


async def error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (its kind, not the message) and tell the officer something useful."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed: %s", update_id, type(context.error).__name__, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat and update.effective_chat.type == "private":
        try:
            await context.bot.send_message(update.effective_chat.id, say_both("error"))
        except Exception:  # noqa: BLE001 - nothing more to do when even this fails
            log.warning("could not tell chat about the failure")
