"""The bot's durable waiting queue: officers' messages kept while Rasa is unavailable.

Rows live in the intake's database (SQLite by default, PostgreSQL with
SIGNAAL_DATABASE_URL, like the rest), so a bot restart loses nothing. One
bot instance is assumed (as for the notification job); it keeps the set of
officers with waiting messages in memory, loaded at start. The text is
encrypted at rest (Fernet, a key derived for this purpose only).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from cryptography.fernet import Fernet

from bot.database import database_call
from bot.officers import OfficerChat
from signaal.keys import WAITING_MESSAGE_ENCRYPTION, derive_text_key


def _fernet() -> Fernet:
    return Fernet(derive_text_key(WAITING_MESSAGE_ENCRYPTION).encode("ascii"))


@dataclass(frozen=True)
class Waiting:
    id: int
    pseudonym: str
    text: str
    silent: bool


@database_call
def append(pseudonym: str, text: str, silent: bool) -> int:
    from intake.officers.models import QueuedMessage

    sealed = _fernet().encrypt(text.encode("utf-8")).decode("ascii")
    return QueuedMessage.objects.create(pseudonym=pseudonym, text=sealed, silent=silent).id


@database_call
def count(pseudonym: str) -> int:
    from intake.officers.models import QueuedMessage

    return QueuedMessage.objects.filter(pseudonym=pseudonym).count()


@database_call
def waiting_of(pseudonym: str) -> List[Waiting]:
    from intake.officers.models import QueuedMessage

    fernet = _fernet()
    return [Waiting(row.id, row.pseudonym, fernet.decrypt(row.text.encode("ascii")).decode("utf-8"), row.silent)
            for row in QueuedMessage.objects.filter(pseudonym=pseudonym).order_by("id")]


@database_call
def pseudonyms_waiting() -> List[str]:
    from intake.officers.models import QueuedMessage

    return list(QueuedMessage.objects.order_by().values_list("pseudonym", flat=True).distinct())


@database_call
def total() -> int:
    from intake.officers.models import QueuedMessage

    return QueuedMessage.objects.count()


@database_call
def remove(message_id: int) -> None:
    from intake.officers.models import QueuedMessage

    QueuedMessage.objects.filter(id=message_id).delete()


@database_call
def drop_all(pseudonym: str) -> int:
    """An officer revoked meanwhile: their waiting messages go nowhere."""
    from intake.officers.models import QueuedMessage

    return QueuedMessage.objects.filter(pseudonym=pseudonym).delete()[0]


@database_call
def officer_chat(pseudonym: str) -> Optional[OfficerChat]:
    """Where to answer a waiting message after a restart: the active officer's chat, or None."""
    from intake.officers.services import active_officer

    officer = active_officer(pseudonym)
    if officer is None:
        return None
    return OfficerChat(pseudonym=officer.pseudonym, chat_id=officer.telegram_chat_id, language=officer.language)
