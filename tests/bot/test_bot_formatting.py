"""Escaping and splitting of Rasa's text for Telegram (pure functions)."""
from __future__ import annotations

from bot.formatting import MESSAGE_LIMIT, split_text, to_html, utf16_len


def test_html_is_escaped_and_bold_kept():
    assert to_html("a < b & **c** > d") == "a &lt; b &amp; <b>c</b> &gt; d"
    assert to_html("**niet gesloten") == "**niet gesloten"


def test_short_text_is_one_part():
    assert split_text("kort") == ["kort"]


def test_split_prefers_paragraphs_and_keeps_every_word():
    text = "\n\n".join(["alinea " + "x" * 3000 for _ in range(3)])
    parts = split_text(text)
    assert len(parts) == 3
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)
    assert "\n\n".join(parts) == text


def test_split_without_spaces_and_with_emoji_counts_utf16():
    text = "😀" * 5000  # 10,000 UTF-16 units
    parts = split_text(text)
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)
    assert "".join(parts) == text
    assert len(parts) == 3
