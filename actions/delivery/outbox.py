"""The durable outbox: a signal is written here before the officer is answered.

SQLite in the state folder by default (`SIGNAAL_OUTBOX_URL` takes any
SQLAlchemy URL, e.g. PostgreSQL when action servers scale out). Redelivery
carries the same signal id, so the intake stores it once.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

from signaal.paths import state_dir

PENDING, SENT, REJECTED = "pending", "sent", "rejected"
MAX_BACKOFF_SECONDS = 300

_metadata = sa.MetaData()
outbox_table = sa.Table(
    "outbox",
    _metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, default=PENDING),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False, default=0.0),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("sent_at", sa.Float),
    sa.Column("reference", sa.String(64)),
    sa.Column("last_error", sa.String(500)),
)


@dataclass
class OutboxItem:
    id: str
    body: str
    status: str
    attempts: int
    reference: Optional[str]


def local_reference(signal_id: str) -> str:
    """A reference the officer can read aloud while the intake has not answered yet."""
    return "LOK-" + signal_id.replace("-", "")[:8].upper()


class Outbox:
    def __init__(self, url: Optional[str] = None) -> None:
        url = url or os.environ.get("SIGNAAL_OUTBOX_URL") or f"sqlite:///{state_dir() / 'outbox.sqlite3'}"
        self.engine = sa.create_engine(url, future=True)
        _metadata.create_all(self.engine)
        self._lock = threading.Lock()

    def put(self, signal: Dict[str, Any]) -> OutboxItem:
        """Store a signal once (a second put of the same id keeps the first)."""
        body = json.dumps(signal, ensure_ascii=False, separators=(",", ":"))
        with self._lock, self.engine.begin() as conn:
            row = conn.execute(sa.select(outbox_table).where(outbox_table.c.id == signal["id"])).first()
            if row is None:
                conn.execute(outbox_table.insert().values(
                    id=signal["id"], body=body, status=PENDING, attempts=0, next_attempt_at=0.0, created_at=time.time()))
                return OutboxItem(signal["id"], body, PENDING, 0, None)
            return OutboxItem(row.id, row.body, row.status, row.attempts, row.reference)

    def get(self, signal_id: str) -> Optional[OutboxItem]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(outbox_table).where(outbox_table.c.id == signal_id)).first()
        return OutboxItem(row.id, row.body, row.status, row.attempts, row.reference) if row else None

    def due(self, now: Optional[float] = None, limit: int = 20) -> List[OutboxItem]:
        now = time.time() if now is None else now
        query = (sa.select(outbox_table)
                 .where(outbox_table.c.status == PENDING, outbox_table.c.next_attempt_at <= now)
                 .order_by(outbox_table.c.created_at).limit(limit))
        with self.engine.connect() as conn:
            return [OutboxItem(r.id, r.body, r.status, r.attempts, r.reference) for r in conn.execute(query)]

    def mark_sent(self, signal_id: str, reference: Optional[str]) -> None:
        self._update(signal_id, status=SENT, sent_at=time.time(), reference=reference, last_error=None)

    def mark_rejected(self, signal_id: str, error: str) -> None:
        self._update(signal_id, status=REJECTED, last_error=error[:500])

    def mark_failed_attempt(self, signal_id: str, attempts: int, error: str) -> None:
        delay = min(MAX_BACKOFF_SECONDS, 2 ** min(attempts, 9))
        self._update(signal_id, attempts=attempts, next_attempt_at=time.time() + delay, last_error=error[:500])

    def _update(self, signal_id: str, **values: Any) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(outbox_table.update().where(outbox_table.c.id == signal_id).values(**values))


_outbox: Optional[Outbox] = None


def outbox() -> Outbox:
    global _outbox
    if _outbox is None:
        _outbox = Outbox()
    return _outbox
