"""Officer ↔ Rasa, per officer in order, kept and retried while Rasa is unavailable.

A message that Rasa cannot take now waits in a per-officer in-memory queue;
later messages of that officer queue behind it so Rasa sees them in the order
they were written. A job retries with exponential backoff and then delivers
Rasa's answers. The queue is memory only: message content is never written
to disk or logs.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Deque, Dict

from telegram import Bot
from telegram.error import TelegramError

from bot.keyboards import ButtonPayloads
from bot.officers import OfficerChat
from signaal.rasa_client import RasaClient, RasaUnavailable
from bot.replies import deliver_replies, typing_indicator
from bot.texts import say

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WaitingMessage:
    officer: OfficerChat
    text: str
    silent: bool  # Rasa's answer is not shown (live-location updates)


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
        self._waiting: Dict[str, Deque[WaitingMessage]] = {}
        self._failures = 0
        self._next_retry_at = 0.0

    def waiting_count(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    def _lock(self, pseudonym: str) -> asyncio.Lock:
        return self._locks.setdefault(pseudonym, asyncio.Lock())

    async def relay(self, bot: Bot, officer: OfficerChat, text: str, silent: bool = False) -> None:
        """Send `text` to Rasa as `officer` and deliver the answer, or keep it for later."""
        async with self._lock(officer.pseudonym):
            queue = self._waiting.get(officer.pseudonym)
            if queue:  # earlier messages are still waiting: stay behind them
                if len(queue) >= self._max_waiting:
                    log.warning("queue full for %s; message not kept", officer.pseudonym)
                    await bot.send_message(officer.chat_id, say("queue_full", officer.language))
                    return
                queue.append(WaitingMessage(officer, text, silent))
                if not silent:
                    await bot.send_message(officer.chat_id, say("queued", officer.language))
                return
            try:
                await self._exchange(bot, WaitingMessage(officer, text, silent))
            except RasaUnavailable as problem:
                log.warning("Rasa unavailable (%s); keeping message of %s", problem, officer.pseudonym)
                self._waiting[officer.pseudonym] = deque([WaitingMessage(officer, text, silent)])
                self._schedule_retry()
                if not silent:
                    await bot.send_message(officer.chat_id, say("unavailable", officer.language))

    async def _exchange(self, bot: Bot, message: WaitingMessage) -> None:
        officer = message.officer
        if message.silent:
            await self._rasa.send(officer.pseudonym, message.text)
            return
        async with typing_indicator(bot, officer.chat_id):
            replies = await self._rasa.send(officer.pseudonym, message.text)
        await deliver_replies(bot, officer.chat_id, replies, self._payloads)

    def _schedule_retry(self) -> None:
        delay = min(self._retry_max, self._retry_base * (2 ** self._failures))
        self._failures += 1
        self._next_retry_at = time.monotonic() + delay

    async def retry_waiting(self, bot: Bot) -> None:
        """Job: when the backoff has passed, send waiting messages, oldest first per officer."""
        if not self._waiting or time.monotonic() < self._next_retry_at:
            return
        for pseudonym in list(self._waiting):
            async with self._lock(pseudonym):
                queue = self._waiting.get(pseudonym)
                while queue:
                    try:
                        await self._exchange(bot, queue[0])
                    except RasaUnavailable as problem:
                        log.info("Rasa still unavailable (%s); %d waiting", problem, self.waiting_count())
                        self._schedule_retry()
                        return
                    except TelegramError as problem:  # Rasa has it; only the answer got lost
                        log.warning("answer to %s not delivered: %s", pseudonym, type(problem).__name__)
                    queue.popleft()
                self._waiting.pop(pseudonym, None)
            log.info("delivered waiting messages of %s", pseudonym)
        self._failures = 0
