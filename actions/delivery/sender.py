"""Delivery attempts, and the background sender that retries until the intake accepts.

Every attempt first holds a claim on its outbox row (actions.delivery.outbox),
so the background thread and the immediate attempt — in one action server or
several — never POST the same entry at once. Backoff doubles per failed
attempt (max 5 minutes); a 4xx other than 408/429 is not retried but marked
`rejected` for an administrator (`make outbox`, `make outbox-retry ID`).
Sent entries are pruned after SIGNAAL_OUTBOX_RETENTION_DAYS (default 30): the intake holds
the signal by then, so the action side keeps its copy only as long as a support question needs it.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Optional

from actions.delivery.intake_client import Delivery, deliver, deliver_addendum
from actions.delivery.outbox import ADDENDUM, SENT, Outbox, OutboxItem, outbox, sender_name

logger = logging.getLogger(__name__)
POLL_SECONDS = float(os.environ.get("SIGNAAL_OUTBOX_POLL_SECONDS", "5"))
PRUNE_EVERY_SECONDS = 3600.0
OWNER = sender_name()
_started = threading.Event()


def retention_seconds() -> float:
    # The outbox's own horizon; else the deployment's general one; else 30 days.
    days = os.environ.get("SIGNAAL_OUTBOX_RETENTION_DAYS") or os.environ.get("SIGNAAL_RETENTION_DAYS") or "30"
    return float(days) * 86400


def try_deliver(item: OutboxItem, box: Optional[Outbox] = None) -> Optional[Delivery]:
    """One attempt for a claimed entry; None when it must wait (an addendum before its signal)."""
    box = box or outbox()
    if item.kind == ADDENDUM:
        parent = box.get(item.parent_id or "")
        if parent is not None and parent.status != SENT:  # None: sent and pruned long ago
            box.release(item.id, wait_seconds=POLL_SECONDS)
            return None
        result = deliver_addendum(item.parent_id or "", item.body)
    else:
        result = deliver(item.body)
    if result.ok:
        box.mark_sent(item.id, result.reference)
        logger.info("%s %s delivered (reference %s)", item.kind, item.id, result.reference)
    elif result.retry:
        box.mark_failed_attempt(item.id, item.attempts + 1, result.error or "")
        logger.warning("%s %s not delivered yet (attempt %d): %s", item.kind, item.id, item.attempts + 1, result.error)
    else:
        box.mark_rejected(item.id, result.error or "")
        logger.error("%s %s REJECTED by the intake, needs an administrator (make outbox): %s",
                     item.kind, item.id, result.error)
    return result


def deliver_due(now: Optional[float] = None, box: Optional[Outbox] = None, owner: str = OWNER) -> int:
    """One round: claim what is due and try each; the number delivered."""
    box = box or outbox()
    delivered = 0
    for item in box.claim_due(owner, now):
        result = try_deliver(item, box)
        if result is not None and result.ok:
            delivered += 1
    return delivered


def _loop() -> None:
    pruned_at = 0.0
    while True:
        try:
            deliver_due()
            if time.monotonic() - pruned_at > PRUNE_EVERY_SECONDS:
                pruned = outbox().prune_sent(retention_seconds())
                pruned_at = time.monotonic()
                if pruned:
                    logger.info("outbox: %d delivered entries past retention deleted", pruned)
        except Exception:  # keep the sender alive; the next round retries
            logger.exception("outbox round failed")
        time.sleep(POLL_SECONDS)


def start_background_sender() -> None:
    if os.environ.get("SIGNAAL_OUTBOX_SENDER", "1") == "0" or _started.is_set():
        return
    _started.set()
    threading.Thread(target=_loop, name="signaal-outbox", daemon=True).start()
