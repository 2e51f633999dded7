"""How long the action side keeps delivered outbox bodies: its own horizon, else the general one."""
from actions.delivery.sender import retention_seconds


def test_the_outbox_horizon_wins(monkeypatch):
    monkeypatch.setenv("SIGNAAL_OUTBOX_RETENTION_DAYS", "2")
    monkeypatch.setenv("SIGNAAL_RETENTION_DAYS", "180")
    assert retention_seconds() == 2 * 86400


def test_the_general_horizon_applies_when_the_outbox_has_none(monkeypatch):
    monkeypatch.delenv("SIGNAAL_OUTBOX_RETENTION_DAYS", raising=False)
    monkeypatch.setenv("SIGNAAL_RETENTION_DAYS", "90")
    assert retention_seconds() == 90 * 86400


def test_thirty_days_by_default(monkeypatch):
    monkeypatch.delenv("SIGNAAL_OUTBOX_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("SIGNAAL_RETENTION_DAYS", raising=False)
    assert retention_seconds() == 30 * 86400
