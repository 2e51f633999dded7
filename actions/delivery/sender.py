"""Background sender: delivers what the outbox holds until the intake accepts.

Backoff doubles per failed attempt (max 5 minutes); a 4xx other than
408/429 is not retried but flagged (status `rejected`, logged for an
administrator). Runs as a daemon thread in each action server.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Optional

from actions.delivery.intake_client import Delivery, deliver
from actions.delivery.outbox import OutboxItem, outbox

logger = logging.getLogger(__name__)
POLL_SECONDS = float(os.environ.get("SIGNAAL_OUTBOX_POLL_SECONDS", "5"))
_started = threading.Event()


def try_deliver(item: OutboxItem) -> Delivery:
    result = deliver(item.body)
    if result.ok:
        outbox().mark_sent(item.id, result.reference)
        logger.info("signal %s delivered (reference %s)", item.id, result.reference)
    elif result.retry:
        outbox().mark_failed_attempt(item.id, item.attempts + 1, result.error or "")
        logger.warning("signal %s not delivered yet (attempt %d): %s", item.id, item.attempts + 1, result.error)
    else:
        outbox().mark_rejected(item.id, result.error or "")
        logger.error("signal %s REJECTED by the intake, needs an administrator: %s", item.id, result.error)
    return result


def deliver_due(now: Optional[float] = None) -> int:
    delivered = 0
    for item in outbox().due(now):
        if try_deliver(item).ok:
            delivered += 1
    return delivered


def _loop() -> None:
    while True:
        try:
            deliver_due()
        except Exception:  # keep the sender alive; the next round retries
            logger.exception("outbox round failed")
        time.sleep(POLL_SECONDS)


def start_background_sender() -> None:
    if os.environ.get("SIGNAAL_OUTBOX_SENDER", "1") == "0" or _started.is_set():
        return
    _started.set()
    threading.Thread(target=_loop, name="signaal-outbox", daemon=True).start()
