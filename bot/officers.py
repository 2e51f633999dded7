"""Who is talking: the officer's pseudonym, and their enrolment, from the officers app."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from signaal.pseudonym import pseudonymise

from bot.database import database_call


@dataclass(frozen=True)
class OfficerChat:
    """An enrolled officer as the bot needs them; never their Telegram user id."""

    pseudonym: str
    chat_id: int
    language: str = "nl"


def pseudonym_for(telegram_user_id: int, key: str) -> str:
    """The same pseudonym the forwarded signal carries."""
    return pseudonymise("telegram", str(telegram_user_id), key)


@database_call
def find_officer(pseudonym: str, chat_id: int) -> Optional[OfficerChat]:
    """The active officer, or None; `chat_id` is the chat the message came from."""
    from intake.officers.services import active_officer

    officer = active_officer(pseudonym)
    if officer is None:
        return None
    return OfficerChat(pseudonym=officer.pseudonym, chat_id=chat_id, language=officer.language)


@database_call
def enrol(code: str, pseudonym: str, chat_id: int, language: str) -> bool:
    from intake.officers.services import redeem

    return redeem(code, pseudonym, chat_id, language)


@database_call
def store_language(pseudonym: str, language: str) -> bool:
    from intake.officers.services import set_language

    return set_language(pseudonym, language)
