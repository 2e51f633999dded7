"""Retention: `manage.py prune --days N` (default SIGNAAL_RETENTION_DAYS, 180); audited.

What is kept where and for how long: docs/retention.md.
"""
from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.audit.record import record_event
from intake.signals.retention import (
    prune_audit,
    prune_counters,
    prune_sessions,
    prune_signals,
    prune_tracker,
    tracker_store_url,
)


class Command(BaseCommand):
    help = "Verwijdert gesloten signalen en oude gesprekken / deletes closed signals and old conversations."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--audit-days", type=int, default=None)

    def handle(self, *args, days=None, audit_days=None, **options):
        days = settings.SIGNAAL_RETENTION_DAYS if days is None else days
        audit_days = settings.SIGNAAL_AUDIT_RETENTION_DAYS if audit_days is None else audit_days
        if days < 1 or audit_days < 1:
            raise CommandError("--days en --audit-days moeten minstens 1 zijn / must be at least 1")
        counts = prune_signals(days)
        tracker_events = prune_tracker(days, tracker_store_url())
        counts["tracker_events"] = tracker_events if tracker_events is not None else 0
        counts["sessions"] = prune_sessions()
        counts["audit_events"] = prune_audit(audit_days)
        counts["counters"] = prune_counters(settings.SIGNAAL_SIGNATURE_WINDOW_SECONDS, settings.AXES_COOLOFF_TIME)
        details = {"days": days, "audit_days": audit_days, **counts, "tracker_store": tracker_events is not None}
        record_event(None, "retention.prune", details=details, actor="prune", role="service")
        self.stdout.write(
            f"Bewaartermijn {days} dagen / retention {days} days: "
            f"{counts['closed_signals']} gesloten signalen / closed signals, "
            f"{counts['exercise_results']} oefenresultaten / exercise results, "
            f"{counts['tracker_events']} gespreksgebeurtenissen / conversation events, "
            f"{counts['sessions']} verlopen sessies / expired sessions, "
            f"{counts['audit_events']} auditgebeurtenissen ouder dan {audit_days} dagen / audit events "
            "verwijderd / deleted."
        )
