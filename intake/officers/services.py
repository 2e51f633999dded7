"""Enrolment of officers: one-time codes, redemption, the enrolled check, revocation.

The bot and the management commands call only these functions, so the rules
(codes stored hashed, used once, expiring; revoked officers refused) live here.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Optional

from django.db import transaction
from django.utils import timezone

from intake.officers.chat_ids import chat_id_hash
from intake.officers.models import EnrolmentCode, Officer

# Crockford's base32: no I, L, O or U, so a code read aloud or retyped is not
# misread; 16 characters carry 80 bits, beyond guessing through the bot.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
GROUP = 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
LANGUAGES = ("nl", "en")


def normalise_code(code: str) -> str:
    """Upper case, without separators or spaces, lookalike letters mapped."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(_LOOKALIKES)


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


def create_enrolment_code(ttl_hours: float = 24) -> str:
    """A new readable code such as ``7KQ2-M9XD-…``; only its hash is stored."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    EnrolmentCode.objects.create(
        code_hash=hash_code(raw), expires_at=now + timedelta(hours=ttl_hours)
    )
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def looks_like_code(text: str) -> bool:
    return len(normalise_code(text)) == CODE_LENGTH


def redeem(code: str, pseudonym: str, chat_id: int, language: str = "nl") -> bool:
    """Enrol `pseudonym` with `code`; False when the code is unknown, used or expired.

    The conditional UPDATE marks the code used in one statement, so of two
    simultaneous redemptions exactly one wins.
    """
    if not looks_like_code(code):
        return False
    now = timezone.now()
    with transaction.atomic():
        won = EnrolmentCode.objects.filter(
            code_hash=hash_code(code), used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now, used_by=pseudonym)
        if won != 1:
            return False
        officer, created = Officer.objects.get_or_create(
            pseudonym=pseudonym,
            defaults={"telegram_chat_id": chat_id, "language": _language(language)},
        )
        if not created:  # re-enrolment after revocation, or a new phone
            officer.telegram_chat_id = chat_id
            officer.revoked_at = None
            officer.enrolled_at = now
            officer.save(update_fields=Officer.CHAT_ID_FIELDS + ["revoked_at", "enrolled_at"])
    return True


def is_enrolled(pseudonym: str) -> bool:
    return Officer.objects.filter(pseudonym=pseudonym, revoked_at__isnull=True).exists()


def active_officer(pseudonym: str) -> Optional[Officer]:
    return Officer.objects.filter(pseudonym=pseudonym, revoked_at__isnull=True).first()


def officer_for_chat(chat_id: int) -> Optional[Officer]:
    """The active officer behind a Telegram chat id, found by its keyed hash (the id is stored encrypted)."""
    return Officer.objects.filter(telegram_chat_id_hash=chat_id_hash(chat_id), revoked_at__isnull=True).first()


def revoke(pseudonym: str) -> bool:
    """Stop `pseudonym` from using the bot; True when an active officer was revoked."""
    officer = Officer.objects.filter(pseudonym=pseudonym, revoked_at__isnull=True).first()
    if officer is None:
        return False
    officer.revoke()  # a save, so the revocation is audited (intake/audit/changes.py)
    return True


def set_language(pseudonym: str, language: str) -> bool:
    if language not in LANGUAGES:
        return False
    return bool(Officer.objects.filter(pseudonym=pseudonym).update(language=language))


def _language(language: Optional[str]) -> str:
    return language if language in LANGUAGES else "nl"


