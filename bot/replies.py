"""Rasa's replies to Telegram messages, in order: text as HTML, buttons as inline keyboards.

Rasa's ``custom`` payloads (and images or attachments) are for other channels
and are left out.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Any, AsyncIterator, Dict, Iterable

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.formatting import PARSE_MODE, split_text, to_html
from bot.keyboards import ButtonPayloads, inline_keyboard

TYPING_DELAY = 0.3  # seconds before "typing…" appears
TYPING_REPEAT = 4.5  # Telegram shows "typing…" for about five seconds
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def deliver_replies(bot: Bot, chat_id: int, replies: Iterable[Dict[str, Any]], payloads: ButtonPayloads) -> int:
    """Send each reply; the keyboard goes with the last part of a split text. Returns messages sent."""
    sent = 0
    for reply in replies:
        text = str(reply.get("text") or "")
        markup = inline_keyboard(reply.get("buttons") or [], payloads)
        if not text.strip():
            if markup is None:
                continue
            text = "…"
        parts = split_text(text)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await bot.send_message(
                chat_id,
                to_html(part),
                parse_mode=PARSE_MODE,
                reply_markup=markup if last else None,
                link_preview_options=_NO_PREVIEW,
            )
            sent += 1
    return sent


@contextlib.asynccontextmanager
async def typing_indicator(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the body runs (Rasa thinking), unless it answers at once.

    The indicator starts after TYPING_DELAY, so instant answers cost no extra
    request; a request under way is finished, not cut off, so it cannot
    arrive after the answer.
    """
    done = asyncio.Event()

    async def keep_typing() -> None:
        delay = TYPING_DELAY
        while not done.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(done.wait(), delay)
                return
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            delay = TYPING_REPEAT

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        done.set()
        await task
