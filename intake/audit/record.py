"""One call to write an audit event, from views, API, commands and receivers."""
from __future__ import annotations

from typing import Any, Mapping, Optional

from intake.accounts.roles import role_of
from intake.audit.models import AuditEvent


def record_event(
    user,
    action: str,
    signal_id: Optional[str] = None,
    details: Optional[Mapping[str, Any]] = None,
    actor: Optional[str] = None,
    role: Optional[str] = None,
) -> AuditEvent:
    """Write who (`user`, or a named `actor` such as a service) did `action`."""
    if actor is None:
        actor = user.get_username() if user is not None and user.is_authenticated else "anoniem"
    if role is None:
        role = role_of(user) or ""
    return AuditEvent.objects.create(
        actor=actor[:150],
        role=role[:16],
        action=action,
        signal_id=str(signal_id or ""),
        details=dict(details or {}),
    )
