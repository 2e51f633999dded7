"""manage.py prune: closed signals, old exercise results and old tracker events go; audited."""
import io
import sqlite3
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.audit.models import AuditEvent
from intake.signals.models import Signal
from tests.support.signals import make_exercise, make_signal, signed_post

pytestmark = pytest.mark.django_db


def store(client, payload):
    signed_post(client, payload)
    return Signal.objects.get(signal_id=payload["id"])


def make_tracker(path, ages_in_days):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp FLOAT, data TEXT)")
        for age in ages_in_days:
            db.execute("INSERT INTO events (sender_id, timestamp, data) VALUES ('s', ?, '{}')", (time.time() - age * 86400,))


def test_prune_deletes_old_closed_signals_and_old_events(client, tmp_path, monkeypatch):
    long_ago = timezone.now() - timedelta(days=200)
    old_closed = store(client, make_signal())
    old_open = store(client, make_signal())
    recent_closed = store(client, make_signal())
    old_exercise = store(client, make_exercise())
    Signal.objects.filter(pk=old_closed.pk).update(status="no_further_action", closed_at=long_ago)
    Signal.objects.filter(pk=old_open.pk).update(status="in_review")
    Signal.objects.filter(pk__in=[old_open.pk, old_exercise.pk]).update(received_at=long_ago)
    Signal.objects.filter(pk=recent_closed.pk).update(status="forwarded_to_investigation", closed_at=timezone.now())

    tracker = tmp_path / "tracker.db"
    make_tracker(tracker, [300, 190, 10, 0])
    monkeypatch.setenv("SIGNAAL_TRACKER_STORE_URL", f"sqlite:///{tracker}")

    out = io.StringIO()
    call_command("prune", days=180, stdout=out)

    remaining = set(Signal.objects.values_list("pk", flat=True))
    assert remaining == {old_open.pk, recent_closed.pk}
    with sqlite3.connect(tracker) as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    event = AuditEvent.objects.get(action="retention.prune")
    assert event.details["closed_signals"] == 1 and event.details["exercise_results"] == 1
    assert event.details["tracker_events"] == 2 and event.details["days"] == 180


def test_prune_finds_the_default_tracker_in_the_state_folder(client, monkeypatch):
    from signaal.paths import state_dir

    monkeypatch.delenv("SIGNAAL_TRACKER_STORE_URL", raising=False)
    tracker = state_dir() / "tracker.db"
    make_tracker(tracker, [400, 1])
    try:
        call_command("prune", "--days", "30", stdout=io.StringIO())
        with sqlite3.connect(tracker) as db:
            assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    finally:
        tracker.unlink()


def test_prune_without_tracker_store_still_prunes_signals(client, monkeypatch, settings):
    monkeypatch.delenv("SIGNAAL_TRACKER_STORE_URL", raising=False)
    settings.SIGNAAL_RETENTION_DAYS = 1
    signal = store(client, make_signal())
    Signal.objects.filter(pk=signal.pk).update(status="no_further_action", closed_at=timezone.now() - timedelta(days=2))
    call_command("prune", stdout=io.StringIO())
    assert not Signal.objects.exists()
    assert AuditEvent.objects.get(action="retention.prune").details["tracker_store"] is False


def test_prune_clears_expired_sessions_and_old_audit_events_on_their_own_horizon(client, settings):
    """Issue 11: chat histories in expired sessions go; the audit log keeps its own horizon."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    old_chat = SessionStore()
    old_chat["chat_messages"] = [{"who": "user", "text": "geheim", "buttons": []}]
    old_chat.create()
    live_chat = SessionStore()
    live_chat["chat_messages"] = []
    live_chat.create()
    Session.objects.filter(session_key=old_chat.session_key).update(expire_date=timezone.now() - timedelta(hours=1))
    old_event = AuditEvent.objects.create(actor="x", action="login", details={})
    middle_event = AuditEvent.objects.create(actor="x", action="login", details={})
    AuditEvent.objects.filter(pk=old_event.pk).update(at=timezone.now() - timedelta(days=400))
    AuditEvent.objects.filter(pk=middle_event.pk).update(at=timezone.now() - timedelta(days=200))
    settings.SIGNAAL_AUDIT_RETENTION_DAYS = 365
    settings.SIGNAAL_RETENTION_DAYS = 30
    call_command("prune", stdout=io.StringIO())
    assert set(Session.objects.values_list("session_key", flat=True)) == {live_chat.session_key}
    assert not AuditEvent.objects.filter(pk=old_event.pk).exists()
    assert AuditEvent.objects.filter(pk=middle_event.pk).exists()  # older than the signals' 30 days, kept
    event = AuditEvent.objects.get(action="retention.prune")
    assert event.details["days"] == 30 and event.details["audit_days"] == 365
    assert event.details["sessions"] == 1 and event.details["audit_events"] == 1
