"""Retention: closed signals, old exercise results and old Rasa conversation events go.

Closed live signals are deleted N days after they were closed (comments,
status history and notifications with them); exercise results N days after
they arrived. Rasa's tracker store keeps each conversation as rows of the
`events` table with a unix `timestamp`: rows older than N days are deleted.
"""
from __future__ import annotations

import os
import sqlite3
import time
from datetime import timedelta
from pathlib import Path
from typing import Dict, Optional
from urllib.parse import unquote, urlsplit

from django.utils import timezone

from signaal.paths import state_dir
from django.db import transaction

from intake.signals.models import CLOSED_STATUSES, PrunedSignal, Signal, SignalLink


def _delete_with_tombstones(queryset) -> Dict[str, int]:
    """Delete the signals, leaving their ids behind so a replayed body cannot store them again."""
    with transaction.atomic():
        ids = list(queryset.values_list("signal_id", flat=True))
        PrunedSignal.objects.bulk_create([PrunedSignal(signal_id=i) for i in ids], ignore_conflicts=True)
        # Later signals linked to these lose the links with them; their counts for the queue follow.
        linked = set(SignalLink.objects.filter(earlier__signal_id__in=ids).values_list("signal_id", flat=True))
        _, counts = Signal.objects.filter(signal_id__in=ids).delete()
        for signal_pk in linked:
            Signal.objects.filter(pk=signal_pk).update(link_count=SignalLink.objects.filter(signal_id=signal_pk).count())
    return counts


def prune_signals(days: int) -> Dict[str, int]:
    cutoff = timezone.now() - timedelta(days=days)
    closed = _delete_with_tombstones(Signal.objects.filter(mode="live", status__in=CLOSED_STATUSES, closed_at__lt=cutoff))
    exercises = _delete_with_tombstones(Signal.objects.filter(mode="exercise", received_at__lt=cutoff))
    # .delete() also counts comments, history and notifications; report signals only.
    return {
        "closed_signals": closed.get("signals.Signal", 0),
        "exercise_results": exercises.get("signals.Signal", 0),
    }


def prune_sessions() -> int:
    """Expired Django sessions: the web chat's history (up to 200 messages) and sign-ins.

    Sessions end after eight hours or when the browser closes, but Django
    deletes the rows only when asked; this is that ask.
    """
    from django.contrib.sessions.models import Session

    _, counts = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return counts.get("sessions.Session", 0)


def prune_audit(days: int) -> int:
    """Audit events older than their own horizon (SIGNAAL_AUDIT_RETENTION_DAYS)."""
    from intake.audit.models import AuditEvent

    _, counts = AuditEvent.objects.filter(at__lt=timezone.now() - timedelta(days=days)).delete()
    return counts.get("audit.AuditEvent", 0)


def prune_counters(window_seconds: int, cooloff: timedelta) -> int:
    """Replay guards past their window and login counters past their cool-off (no use left)."""
    from axes.models import AccessAttempt

    from intake.signals.models import SeenSignature

    now = timezone.now()
    _, seen = SeenSignature.objects.filter(seen_at__lt=now - timedelta(seconds=2 * window_seconds + 60)).delete()
    _, attempts = AccessAttempt.objects.filter(attempt_time__lt=now - cooloff).delete()
    return sum(seen.values()) + sum(attempts.values())


def tracker_store_url() -> Optional[str]:
    """The tracker store to prune: SIGNAAL_TRACKER_STORE_URL, else the default SQLite file if present."""
    url = os.environ.get("SIGNAAL_TRACKER_STORE_URL")
    if url:
        return url
    default = state_dir() / "tracker.db"
    return f"sqlite:///{default}" if default.exists() else None


def prune_tracker(days: int, url: Optional[str]) -> Optional[int]:
    """Deleted event rows, or None when there is no SQL tracker store to prune."""
    if not url:
        return None
    cutoff = time.time() - days * 86400
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        path = Path(unquote(parts.path[1:]))
        if not path.exists():
            return None
        with sqlite3.connect(str(path), timeout=30) as connection:
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone():
                return 0
            return connection.execute("DELETE FROM events WHERE timestamp < ?", (cutoff,)).rowcount
    if scheme in ("postgres", "postgresql"):
        import psycopg

        dsn = url.replace(parts.scheme + "://", "postgresql://", 1)
        with psycopg.connect(dsn) as connection:
            exists = connection.execute("SELECT to_regclass('events')").fetchone()[0]
            if exists is None:
                return 0
            return connection.execute("DELETE FROM events WHERE timestamp < %s", (cutoff,)).rowcount
    return None
