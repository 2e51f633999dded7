"""Updates of one officer in order, different officers side by side.

python-telegram-bot either handles all updates one at a time (one slow Rasa
answer holds up every officer) or all at once (an officer's second message
may overtake the first). This processor serialises per Telegram user.
"""
from __future__ import annotations

import asyncio
from typing import Awaitable, Dict, Optional

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerOfficerUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: Dict[int, asyncio.Lock] = {}
        self._in_flight: Dict[int, int] = {}

    @staticmethod
    def _user_key(update: object) -> Optional[int]:
        if isinstance(update, Update) and update.effective_user:
            return update.effective_user.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable) -> None:
        key = self._user_key(update)
        if key is None:
            await coroutine
            return
        # Tasks start in arrival order and an uncontended Lock is taken
        # without yielding, so waiters queue in arrival order (FIFO).
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._in_flight[key] = self._in_flight.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._in_flight[key] -= 1
            if not self._in_flight[key]:
                del self._in_flight[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
