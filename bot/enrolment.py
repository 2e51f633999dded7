"""Who may talk: enrolment with `/start <code>` and the gate in front of every handler.

An unenrolled user gets a short refusal; nothing of theirs is stored or sent
to Rasa (so no tracker is made). Failed code attempts are counted in memory
only, to slow down guessing.
"""
from __future__ import annotations

import functools
import logging
import time
from typing import Awaitable, Callable, Dict, Optional, Tuple

from telegram import Update
from telegram.ext import ContextTypes

from bot import officers
from bot.officers import OfficerChat
from bot.texts import say, say_both

log = logging.getLogger(__name__)

MAX_FAILED_ATTEMPTS = 5
ATTEMPT_WINDOW = 15 * 60  # seconds

OfficerHandler = Callable[[Update, ContextTypes.DEFAULT_TYPE, OfficerChat], Awaitable[None]]


def pseudonym_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Optional[str]:
    user = update.effective_user
    if user is None:
        return None
    return officers.pseudonym_for(user.id, context.bot_data["pseudonym_key"])


async def current_officer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Optional[OfficerChat]:
    pseudonym = pseudonym_of(update, context)
    chat = update.effective_chat
    if pseudonym is None or chat is None:
        return None
    return await officers.find_officer(pseudonym, chat.id)


async def refuse(update: Update) -> None:
    if update.callback_query:
        await update.callback_query.answer()
    if update.effective_chat:
        await update.get_bot().send_message(update.effective_chat.id, say_both("not_enrolled"))


def officers_only(handler: OfficerHandler) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """Run `handler` for enrolled officers; refuse everyone else."""

    @functools.wraps(handler)
    async def gated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        officer = await current_officer(update, context)
        if officer is None:
            log.info("update %s refused: not enrolled", update.update_id)
            await refuse(update)
            return
        await handler(update, context, officer)

    return gated


class FailedAttempts:
    """Per pseudonym, in memory: how many wrong codes lately."""

    def __init__(self) -> None:
        self._attempts: Dict[str, Tuple[int, float]] = {}

    def blocked(self, pseudonym: str) -> bool:
        count, since = self._attempts.get(pseudonym, (0, 0.0))
        if time.monotonic() - since > ATTEMPT_WINDOW:
            self._attempts.pop(pseudonym, None)
            return False
        return count >= MAX_FAILED_ATTEMPTS

    def failed(self, pseudonym: str) -> None:
        count, since = self._attempts.get(pseudonym, (0, time.monotonic()))
        self._attempts[pseudonym] = (count + 1, since)

    def forget(self, pseudonym: str) -> None:
        self._attempts.pop(pseudonym, None)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start (also the deep link t.me/<bot>?start=<code>): enrol, or greet an enrolled officer."""
    officer = await current_officer(update, context)
    if officer is not None:
        await context.bot_data["relay"].relay(context.bot, officer, "/greet")
        return
    code = " ".join(context.args or []).strip()
    if not code:
        await refuse(update)
        return
    pseudonym = pseudonym_of(update, context)
    chat = update.effective_chat
    attempts: FailedAttempts = context.bot_data["failed_attempts"]
    if pseudonym is None or chat is None:
        return
    if attempts.blocked(pseudonym):
        await context.bot.send_message(chat.id, say_both("too_many_attempts"))
        return
    language = "nl"  # Dutch first; /taal en switches
    if not await officers.enrol(code, pseudonym, chat.id, language):
        attempts.failed(pseudonym)
        log.info("update %s: enrolment code refused", update.update_id)
        await context.bot.send_message(chat.id, say_both("code_refused"))
        return
    attempts.forget(pseudonym)
    log.info("officer %s enrolled", pseudonym)
    await context.bot.send_message(chat.id, say("enrolled", language))
    officer = OfficerChat(pseudonym=pseudonym, chat_id=chat.id, language=language)
    await context.bot_data["relay"].relay(context.bot, officer, "/greet")
