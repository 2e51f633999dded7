"""Forward one signal: kept in the outbox first, then one immediate delivery attempt."""
from __future__ import annotations

from typing import Any, Dict, Optional

from actions.delivery.outbox import SENT, outbox
from actions.delivery.sender import try_deliver


def forward(signal: Dict[str, Any]) -> Optional[str]:
    """Keep the signal, try to deliver it now; the intake's reference, or None if kept for later."""
    item = outbox().put(signal)
    if item.status == SENT:
        return item.reference
    result = try_deliver(item)
    return result.reference if result.ok else None
