"""Forward one signal (or an addendum): kept in the outbox first, then one immediate attempt."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Dict, Optional

from actions.delivery.intake_client import TIMEOUT_SECONDS
from actions.delivery.outbox import ADDENDUM, PENDING, REJECTED, SENT, SIGNAL, outbox
from actions.delivery.sender import OWNER, try_deliver

SENT_STATE, KEPT_STATE, REJECTED_STATE = "sent", "kept", "rejected"


@dataclass(frozen=True)
class Forwarded:
    """What to tell the officer: `sent` (with the intake's reference), `kept` (will be sent), `rejected`."""
    state: str
    reference: Optional[str] = None


def _outcome(entry_id: str) -> Forwarded:
    item = outbox().get(entry_id)
    if item is None or item.status == PENDING:
        return Forwarded(KEPT_STATE)
    if item.status == REJECTED:
        return Forwarded(REJECTED_STATE)
    return Forwarded(SENT_STATE, item.reference)


def _attempt_now(entry_id: str) -> Forwarded:
    """Claim and try now; if another sender holds the claim, wait for its outcome (one attempt's time)."""
    if outbox().claim(entry_id, OWNER):
        item = outbox().get(entry_id)
        if item is not None:
            try_deliver(item)
        return _outcome(entry_id)
    deadline = time.monotonic() + TIMEOUT_SECONDS + 1
    while time.monotonic() < deadline:
        outcome = _outcome(entry_id)
        item = outbox().get(entry_id)
        if outcome.state != KEPT_STATE or item is None or item.claimed_by is None:
            return outcome
        time.sleep(0.1)
    return _outcome(entry_id)


def forward(signal: Dict[str, Any]) -> Forwarded:
    """Keep (or, while unsent, update) the signal and try to deliver it now."""
    item = outbox().put(signal, kind=SIGNAL, refresh=True)
    if item.status != PENDING:  # forwarded before: say what became of it
        return _outcome(item.id)
    return _attempt_now(item.id)


def forward_addendum(signal_id: str, addendum: Dict[str, Any]) -> Forwarded:
    """An addition to a signal already forwarded; sent after the signal itself."""
    item = outbox().put(addendum, kind=ADDENDUM, parent_id=signal_id)
    if item.status != PENDING:
        return _outcome(item.id)
    parent = outbox().get(signal_id)
    if parent is not None and parent.status != SENT:
        return Forwarded(KEPT_STATE)
    return _attempt_now(item.id)
