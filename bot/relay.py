"""Officer ↔ Rasa, per officer in order, kept and retried while Rasa is unavailable.

A message that Rasa cannot take now waits in the durable queue
(bot/waiting_queue.py: the intake's database, so a bot restart loses
nothing); later messages of that officer queue behind it so Rasa sees them
in the order they were written. A job retries with exponential backoff, then
delivers Rasa's answers and deletes each delivered message. Message content
is never written to logs.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Dict, Set

from telegram import Bot
from telegram.error import TelegramError

from bot import waiting_queue
from bot.keyboards import ButtonPayloads
from bot.officers import OfficerChat
from signaal.rasa_client import RasaClient, RasaUnavailable
from bot.replies import deliver_replies, typing_indicator
from bot.texts import say

log = logging.getLogger(__name__)


class Relay:
    def __init__(
        self,
        rasa: RasaClient,
        payloads: ButtonPayloads,
        retry_base: float = 2.0,
        retry_max: float = 60.0,
        max_waiting_per_officer: int = 100,
    ) -> None:
        self._rasa = rasa
        self._payloads = payloads
        self._retry_base = retry_base
        self._retry_max = retry_max
        self._max_waiting = max_waiting_per_officer
        self._locks: Dict[str, asyncio.Lock] = {}
        self._waiting: Set[str] = set()  # officers with messages in the durable queue
        self._failures = 0
        self._next_retry_at = 0.0

    async def load(self) -> int:
        """At start: officers whose messages were kept before a restart wait first."""
        self._waiting = set(await waiting_queue.pseudonyms_waiting())
        if self._waiting:
            self._next_retry_at = 0.0
        return len(self._waiting)

    async def waiting_count(self) -> int:
        return await waiting_queue.total()

    def _lock(self, pseudonym: str) -> asyncio.Lock:
        return self._locks.setdefault(pseudonym, asyncio.Lock())

    async def relay(self, bot: Bot, officer: OfficerChat, text: str, silent: bool = False) -> None:
        """Send `text` to Rasa as `officer` and deliver the answer, or keep it for later."""
        async with self._lock(officer.pseudonym):
            if officer.pseudonym in self._waiting:  # earlier messages are still waiting: stay behind them
                if await waiting_queue.count(officer.pseudonym) >= self._max_waiting:
                    log.warning("queue full for %s; message not kept", officer.pseudonym)
                    await bot.send_message(officer.chat_id, say("queue_full", officer.language))
                    return
                await waiting_queue.append(officer.pseudonym, text, silent)
                if not silent:
                    await bot.send_message(officer.chat_id, say("queued", officer.language))
                return
            try:
                await self._exchange(bot, officer, text, silent)
            except RasaUnavailable as problem:
                log.warning("Rasa unavailable (%s); keeping message of %s", problem, officer.pseudonym)
                await waiting_queue.append(officer.pseudonym, text, silent)
                self._waiting.add(officer.pseudonym)
                self._schedule_retry()
                if not silent:
                    await bot.send_message(officer.chat_id, say("unavailable", officer.language))

    async def _exchange(self, bot: Bot, officer: OfficerChat, text: str, silent: bool) -> None:
        if silent:
            await self._rasa.send(officer.pseudonym, text)
            return
        async with typing_indicator(bot, officer.chat_id):
            replies = await self._rasa.send(officer.pseudonym, text)
        await deliver_replies(bot, officer.chat_id, replies, self._payloads)

    def _schedule_retry(self) -> None:
        delay = min(self._retry_max, self._retry_base * (2 ** self._failures))
        self._failures += 1
        self._next_retry_at = time.monotonic() + delay

    async def retry_waiting(self, bot: Bot) -> None:
        """Job: when the backoff has passed, send waiting messages, oldest first per officer."""
        if not self._waiting or time.monotonic() < self._next_retry_at:
            return
        for pseudonym in sorted(self._waiting):
            async with self._lock(pseudonym):
                officer = await waiting_queue.officer_chat(pseudonym)
                if officer is None:  # revoked meanwhile: nothing of theirs goes on
                    dropped = await waiting_queue.drop_all(pseudonym)
                    log.info("officer %s no longer active; %d waiting messages dropped", pseudonym, dropped)
                    self._waiting.discard(pseudonym)
                    continue
                for message in await waiting_queue.waiting_of(pseudonym):
                    try:
                        await self._exchange(bot, officer, message.text, message.silent)
                    except RasaUnavailable as problem:
                        log.info("Rasa still unavailable (%s)", problem)
                        self._schedule_retry()
                        return
                    except TelegramError as problem:  # Rasa has it; only the answer got lost
                        log.warning("answer to %s not delivered: %s", pseudonym, type(problem).__name__)
                    await waiting_queue.remove(message.id)
                self._waiting.discard(pseudonym)
            log.info("delivered waiting messages of %s", pseudonym)
        self._failures = 0
