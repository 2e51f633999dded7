"""Rasa buttons as Telegram inline keyboards, and a press back to its Rasa payload.

Callback data is at most 64 bytes. A short payload travels as the callback
data itself; a longer one is kept here under a random short key (lost on
restart, after which the press is answered as expired). A press is accepted
only when its data is one of the buttons on the pressed message, because a
client can send any callback data.
"""
from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

CALLBACK_DATA_LIMIT = 64
_KEY_PREFIX = "#"
_ONE_ROW_MAX_BUTTONS = 3
_ONE_ROW_MAX_TITLE = 14
# A checklist question's answers (Ja / Nee / Weet ik niet) share the first row
# even with other buttons below them (the indicators shown beside the question, Waarom?).
_ANSWER_PAYLOADS = ("/affirm", "/deny", "/dont_know")
_ANSWER_ROW_MAX_CHARS = 36


@dataclass(frozen=True)
class ChosenButton:
    payload: str
    title: str


class ButtonPayloads:
    """Long payloads under short keys; bounded so memory cannot grow without end."""

    def __init__(self, capacity: int = 50_000) -> None:
        self._payloads: "OrderedDict[str, str]" = OrderedDict()
        self._capacity = capacity
        # (chat_id, message_id) of answered questions: a quick double press
        # arrives before the keyboard is gone and must not be relayed twice.
        self._answered: "OrderedDict[Tuple[int, int], None]" = OrderedDict()

    def callback_data(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT and not payload.startswith(_KEY_PREFIX):
            return payload
        key = _KEY_PREFIX + secrets.token_urlsafe(9)
        self._payloads[key] = payload
        if len(self._payloads) > self._capacity:
            self._payloads.popitem(last=False)
        return key

    def payload(self, data: str) -> Optional[str]:
        if data.startswith(_KEY_PREFIX):
            return self._payloads.get(data)
        return data

    def mark_answered(self, chat_id: int, message_id: int) -> bool:
        """True the first time a question is answered, False for a repeat press."""
        key = (chat_id, message_id)
        if key in self._answered:
            return False
        self._answered[key] = None
        if len(self._answered) > self._capacity:
            self._answered.popitem(last=False)
        return True


def inline_keyboard(buttons: Iterable[Mapping[str, Any]], payloads: ButtonPayloads) -> Optional[InlineKeyboardMarkup]:
    """One row for a few short answers (Ja / Nee / Weet ik niet), otherwise one per row."""
    made: List[InlineKeyboardButton] = []
    for button in buttons:
        title = str(button.get("title") or button.get("payload") or "").strip()
        payload = str(button.get("payload") or title)
        if not title:
            continue
        made.append(InlineKeyboardButton(title[:64], callback_data=payloads.callback_data(payload)))
    if not made:
        return None
    short = len(made) <= _ONE_ROW_MAX_BUTTONS and all(len(b.text) <= _ONE_ROW_MAX_TITLE for b in made)
    if short:
        return InlineKeyboardMarkup([made])
    answers = 0
    for expected, button in zip(_ANSWER_PAYLOADS, made):
        if payloads.payload(button.callback_data) != expected:
            break
        answers += 1
    if answers >= 2 and sum(len(b.text) for b in made[:answers]) <= _ANSWER_ROW_MAX_CHARS:
        return InlineKeyboardMarkup([made[:answers]] + [[b] for b in made[answers:]])
    return InlineKeyboardMarkup([[b] for b in made])


def _buttons_of(message: Optional[Message]) -> Dict[str, str]:
    markup = getattr(message, "reply_markup", None)
    if not markup:
        return {}
    return {
        button.callback_data: button.text
        for row in markup.inline_keyboard
        for button in row
        if isinstance(button.callback_data, str)
    }


def chosen_button(query: CallbackQuery, payloads: ButtonPayloads) -> Optional[ChosenButton]:
    """The pressed button, or None when it is not (or no longer) on its message."""
    data = query.data
    if not isinstance(data, str):
        return None
    title = _buttons_of(query.message if isinstance(query.message, Message) else None).get(data)
    if title is None:
        return None
    payload = payloads.payload(data)
    if payload is None:
        return None
    return ChosenButton(payload=payload, title=title)
