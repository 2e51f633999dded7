"""Rasa's text to Telegram HTML: escaped, ``**bold**`` kept, split at Telegram's limit.

Telegram counts the limit on the text after entity parsing, in UTF-16 code
units; splitting the raw text first and converting each part afterwards keeps
every part within it, because markup only ever shortens the visible text.
"""
from __future__ import annotations

import html
import re
from typing import List

MESSAGE_LIMIT = 4096
PARSE_MODE = "HTML"
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
# Preferred places to split, best first.
_BREAKS = ("\n\n", "\n", ". ", " ")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def to_html(text: str) -> str:
    """Escape everything, then turn balanced ``**bold**`` into <b>…</b>."""
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def _cut_at(text: str, limit: int) -> int:
    """Index (in characters) of the longest prefix within `limit` UTF-16 units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> List[str]:
    """Parts of `text` each within `limit`, split at paragraph, line, sentence or word."""
    parts: List[str] = []
    rest = text
    while utf16_len(rest) > limit:
        hard = _cut_at(rest, limit)
        cut = hard
        for separator in _BREAKS:
            found = rest.rfind(separator, 0, hard)
            if found > hard // 2:  # do not leave a tiny first part
                cut = found + len(separator)
                break
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n")
    if rest.strip() or not parts:
        parts.append(rest)
    return [part for part in parts if part.strip()] or [text]
