"""The durable outbox: a signal is written here before the officer is answered.

SQLite in the state folder by default (`SIGNAAL_OUTBOX_URL` takes any
SQLAlchemy URL, e.g. PostgreSQL when action servers scale out). Redelivery
carries the same signal id, so the intake stores it once.

States: `pending` (waiting, retried with backoff), `sent`, `rejected` (the
intake refused it: never reported as kept; an administrator fixes the cause
and retries it, keeping its id). An addendum (a note or location added after
forwarding) is an entry of its own, linked to its signal by `parent_id` and
sent only after the signal itself.

Claims: a sender (the background thread or the immediate attempt, in any
action server) first claims a row for a short lease, atomically — `FOR UPDATE
SKIP LOCKED` on PostgreSQL, a conditional UPDATE elsewhere — so no entry is
POSTed twice at once, and a sender that dies leaves it to the next after the
lease.

Order per officer: entries carry the officer's pseudonym (`officer`); the
oldest unsent (pending) entry of an officer blocks that officer's later ones,
so after an outage the intake receives each officer's signals in the order
they were confirmed. A rejected entry no longer blocks (an administrator
handles it). Lease and backoff: SIGNAAL_OUTBOX_LEASE_SECONDS (60),
SIGNAAL_OUTBOX_MAX_BACKOFF_SECONDS (300).
"""
from __future__ import annotations

import json
import os
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

from signaal.paths import state_dir

PENDING, SENT, REJECTED = "pending", "sent", "rejected"
SIGNAL, ADDENDUM = "signal", "addendum"
MAX_BACKOFF_SECONDS = float(os.environ.get("SIGNAAL_OUTBOX_MAX_BACKOFF_SECONDS", "300"))
# Longer than one delivery attempt (5 s timeout).
LEASE_SECONDS = float(os.environ.get("SIGNAAL_OUTBOX_LEASE_SECONDS", "60"))

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
    sa.Column("kind", sa.String(16), nullable=False, default=SIGNAL),
    sa.Column("parent_id", sa.String(36)),
    sa.Column("claimed_by", sa.String(64)),
    sa.Column("claimed_until", sa.Float),
    sa.Column("officer", sa.String(128)),
)
# Columns added after the first release: an existing outbox gets them on start.
_ADDED_COLUMNS = {"kind": f"VARCHAR(16) NOT NULL DEFAULT '{SIGNAL}'", "parent_id": "VARCHAR(36)",
                  "claimed_by": "VARCHAR(64)", "claimed_until": "FLOAT", "officer": "VARCHAR(128)"}


@dataclass
class OutboxItem:
    id: str
    body: str
    status: str
    attempts: int
    reference: Optional[str]
    kind: str = SIGNAL
    parent_id: Optional[str] = None
    created_at: float = 0.0
    last_error: Optional[str] = None
    claimed_by: Optional[str] = None


def _item(row: Any) -> OutboxItem:
    return OutboxItem(row.id, row.body, row.status, row.attempts, row.reference, row.kind or SIGNAL, row.parent_id,
                      row.created_at, row.last_error, row.claimed_by)


def local_reference(signal_id: str) -> str:
    """A reference the officer can read aloud while the intake has not answered yet."""
    return "LOK-" + signal_id.replace("-", "")[:8].upper()


def officer_of(body: Dict[str, Any]) -> Optional[str]:
    """The officer's pseudonym in a signal (an addendum may carry it too); None if absent."""
    reporter = body.get("reporter")
    pseudonym = reporter.get("pseudonym") if isinstance(reporter, dict) else None
    return str(pseudonym)[:128] if pseudonym else None


def sender_name() -> str:
    """Who holds a claim: host, process and a random part (several action servers share the outbox)."""
    return f"{os.uname().nodename[:24]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Outbox:
    def __init__(self, url: Optional[str] = None) -> None:
        url = url or os.environ.get("SIGNAAL_OUTBOX_URL") or f"sqlite:///{state_dir() / 'outbox.sqlite3'}"
        self.engine = sa.create_engine(url, future=True)
        self._postgres = self.engine.dialect.name == "postgresql"
        _metadata.create_all(self.engine)
        self._add_missing_columns()
        self._lock = threading.Lock()

    def _add_missing_columns(self) -> None:
        present = {column["name"] for column in sa.inspect(self.engine).get_columns("outbox")}
        with self.engine.begin() as conn:
            for name, ddl in _ADDED_COLUMNS.items():
                if name not in present:
                    conn.execute(sa.text(f"ALTER TABLE outbox ADD COLUMN {name} {ddl}"))

    # -- writing ----------------------------------------------------------------------------------
    def put(self, signal: Dict[str, Any], kind: str = SIGNAL, parent_id: Optional[str] = None,
            refresh: bool = False, officer: Optional[str] = None) -> OutboxItem:
        """Store an entry once (a second put of the same id keeps the first).

        With `refresh`, an entry not yet sent and not being sent right now takes
        the new body (the officer added to it meanwhile); a sent one never changes.
        """
        body = json.dumps(signal, ensure_ascii=False, separators=(",", ":"))
        with self._lock, self.engine.begin() as conn:
            row = conn.execute(sa.select(outbox_table).where(outbox_table.c.id == signal["id"])).first()
            if row is not None and refresh and row.status != SENT and row.body != body:
                conn.execute(outbox_table.update()
                             .where(outbox_table.c.id == row.id, outbox_table.c.status != SENT,
                                    sa.or_(outbox_table.c.claimed_until.is_(None),
                                           outbox_table.c.claimed_until < time.time()))
                             .values(body=body))
                row = conn.execute(sa.select(outbox_table).where(outbox_table.c.id == signal["id"])).first()
            if row is None:
                now = time.time()
                conn.execute(outbox_table.insert().values(
                    id=signal["id"], body=body, status=PENDING, attempts=0, next_attempt_at=0.0, created_at=now,
                    kind=kind, parent_id=parent_id, officer=officer or officer_of(signal)))
                return OutboxItem(signal["id"], body, PENDING, 0, None, kind, parent_id, now)
            return _item(row)

    def get(self, entry_id: str) -> Optional[OutboxItem]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(outbox_table).where(outbox_table.c.id == entry_id)).first()
        return _item(row) if row else None

    def sent_bodies(self, signal_id: str) -> List[Dict[str, Any]]:
        """The signal and its addenda as stored, in order (what the officer has forwarded so far)."""
        c = outbox_table.c
        query = (sa.select(outbox_table).where(sa.or_(c.id == signal_id, c.parent_id == signal_id))
                 .order_by(c.created_at))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        signal_first = sorted(rows, key=lambda r: (r.id != signal_id, r.created_at))
        return [json.loads(r.body) for r in signal_first]

    # -- claims -----------------------------------------------------------------------------------
    def _claimable(self, now: float) -> Any:
        c = outbox_table.c
        earlier = outbox_table.alias("earlier")
        # The officer's oldest pending entry goes first; later ones wait for it (order per officer).
        blocked = sa.exists().where(earlier.c.officer == c.officer, earlier.c.status == PENDING,
                                    sa.or_(earlier.c.created_at < c.created_at,
                                           sa.and_(earlier.c.created_at == c.created_at, earlier.c.id < c.id)))
        return sa.and_(c.status == PENDING, sa.or_(c.claimed_until.is_(None), c.claimed_until < now),
                       sa.or_(c.officer.is_(None), ~blocked))

    def claim(self, entry_id: str, owner: str, now: Optional[float] = None) -> bool:
        """Claim one pending entry now (the immediate attempt); False if another sender holds it."""
        now = time.time() if now is None else now
        with self.engine.begin() as conn:
            result = conn.execute(outbox_table.update()
                                  .where(outbox_table.c.id == entry_id, self._claimable(now))
                                  .values(claimed_by=owner, claimed_until=now + LEASE_SECONDS))
            return result.rowcount == 1

    def claim_due(self, owner: str, now: Optional[float] = None, limit: int = 20) -> List[OutboxItem]:
        """Claim up to `limit` entries due for an attempt, oldest first; each claimed by one sender only."""
        now = time.time() if now is None else now
        c = outbox_table.c
        query = (sa.select(outbox_table).where(self._claimable(now), c.next_attempt_at <= now)
                 .order_by(c.created_at).limit(limit))
        claimed: List[OutboxItem] = []
        with self.engine.begin() as conn:
            if self._postgres:
                rows = conn.execute(query.with_for_update(skip_locked=True)).all()
                if rows:
                    conn.execute(outbox_table.update().where(c.id.in_([r.id for r in rows]))
                                 .values(claimed_by=owner, claimed_until=now + LEASE_SECONDS))
                claimed = [_item(r) for r in rows]
            else:
                for row in conn.execute(query).all():
                    result = conn.execute(outbox_table.update().where(c.id == row.id, self._claimable(now))
                                          .values(claimed_by=owner, claimed_until=now + LEASE_SECONDS))
                    if result.rowcount == 1:
                        claimed.append(_item(row))
        return claimed

    # -- outcomes (each releases the claim) -------------------------------------------------------
    def mark_sent(self, entry_id: str, reference: Optional[str]) -> None:
        self._update(entry_id, status=SENT, sent_at=time.time(), reference=reference, last_error=None)

    def mark_rejected(self, entry_id: str, error: str) -> None:
        self._update(entry_id, status=REJECTED, last_error=error[:500])

    def mark_failed_attempt(self, entry_id: str, attempts: int, error: str) -> None:
        delay = min(MAX_BACKOFF_SECONDS, 2 ** min(attempts, 9))
        self._update(entry_id, attempts=attempts, next_attempt_at=time.time() + delay, last_error=error[:500])

    def release(self, entry_id: str, wait_seconds: float = 0.0) -> None:
        """Give a claim back without an attempt (e.g. an addendum whose signal is not sent yet)."""
        self._update(entry_id, next_attempt_at=time.time() + wait_seconds)

    def _update(self, entry_id: str, **values: Any) -> None:
        with self._lock, self.engine.begin() as conn:
            conn.execute(outbox_table.update().where(outbox_table.c.id == entry_id)
                         .values(claimed_by=None, claimed_until=None, **values))

    # -- administration ---------------------------------------------------------------------------
    def unsent(self) -> List[OutboxItem]:
        """Pending and rejected entries, oldest first: what an administrator must see."""
        query = (sa.select(outbox_table).where(outbox_table.c.status.in_([PENDING, REJECTED]))
                 .order_by(outbox_table.c.created_at))
        with self.engine.connect() as conn:
            return [_item(r) for r in conn.execute(query)]

    def retry(self, entry_id: str) -> bool:
        """Put a rejected (or waiting) entry back in line at once, keeping its id."""
        with self._lock, self.engine.begin() as conn:
            result = conn.execute(outbox_table.update()
                                  .where(outbox_table.c.id == entry_id,
                                         outbox_table.c.status.in_([PENDING, REJECTED]))
                                  .values(status=PENDING, attempts=0, next_attempt_at=0.0,
                                          claimed_by=None, claimed_until=None))
            return result.rowcount == 1

    def prune_sent(self, older_than_seconds: float, now: Optional[float] = None) -> int:
        """Delete delivered entries (their full body: notes, location) once the intake has them long enough."""
        now = time.time() if now is None else now
        with self._lock, self.engine.begin() as conn:
            result = conn.execute(outbox_table.delete().where(outbox_table.c.status == SENT,
                                                              outbox_table.c.sent_at < now - older_than_seconds))
            return result.rowcount


_outbox: Optional[Outbox] = None


def outbox() -> Outbox:
    global _outbox
    if _outbox is None:
        _outbox = Outbox()
    return _outbox
