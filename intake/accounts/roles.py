"""The roles of the intake point and what each may read.

Supervisors review live signals; trainers see exercise results; admins manage
accounts and tokens (and may see exercise results, as trainers' colleagues).
Officers read nothing here: their account only lets them file live signals
through the web chat (signaal/web_chat_model.py).
"""
from __future__ import annotations

from typing import Optional

SUPERVISOR = "supervisor"
TRAINER = "trainer"
ADMIN = "admin"
OFFICER = "officer"
ROLES = (SUPERVISOR, TRAINER, ADMIN, OFFICER)
ROLE_CHOICES = [
    (SUPERVISOR, "Beoordelaar / supervisor"),
    (TRAINER, "Trainer / trainer"),
    (ADMIN, "Beheerder / admin"),
    (OFFICER, "Agent / officer"),
]

# Which signal mode each role may read (web pages and API alike).
MODES_BY_ROLE = {
    SUPERVISOR: frozenset({"live"}),
    TRAINER: frozenset({"exercise"}),
    ADMIN: frozenset({"exercise"}),
    OFFICER: frozenset(),
}


def role_of(user) -> Optional[str]:
    """The role of a Django user, or None (anonymous, or no account record)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    account = getattr(user, "account", None)
    return account.role if account is not None else None


def may_read_mode(role: Optional[str], mode: str) -> bool:
    return role is not None and mode in MODES_BY_ROLE.get(role, frozenset())
