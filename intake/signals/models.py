"""Forwarded signals as stored by the intake point, and what happens to them.

The payload is kept exactly as sent; the columns beside it are copies of the
fields the queue filters and sorts on.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models

from signaal.labels import bilingual_choices

NEW = "new"
IN_REVIEW = "in_review"
FORWARDED = "forwarded_to_investigation"
NO_FURTHER_ACTION = "no_further_action"
# Labels: catalogue/labels.yml, "Dutch / English" (the admin, the queue's filters).
STATUS_CHOICES = bilingual_choices("statuses", (NEW, IN_REVIEW, FORWARDED, NO_FURTHER_ACTION))
CLOSED_STATUSES = (FORWARDED, NO_FURTHER_ACTION)

# Queue order: urgent first.
PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
PRIORITY_CHOICES = bilingual_choices("priorities", PRIORITY_RANK)
MODE_CHOICES = bilingual_choices("modes", ("live", "exercise"))


class Signal(models.Model):
    signal_id = models.UUIDField(unique=True, help_text="id uit het bericht / id from the payload")
    reference = models.CharField(max_length=20, unique=True)
    payload = models.JSONField()
    mode = models.CharField(max_length=8, choices=MODE_CHOICES, db_index=True)
    priority = models.CharField(max_length=8, choices=PRIORITY_CHOICES)
    priority_rank = models.PositiveSmallIntegerField(db_index=True)
    status = models.CharField(max_length=32, choices=STATUS_CHOICES, default=NEW, db_index=True)
    exploitation_type = models.CharField(max_length=16, db_index=True)
    minor_involved = models.CharField(max_length=8, db_index=True)
    acute_danger = models.BooleanField(default=False)
    reporter_pseudonym = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(help_text="door de agent / by the officer")
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_signals"
    )
    first_viewed_at = models.DateTimeField(null=True, blank=True, help_text="eerste keer geopend door een beoordelaar")
    # Set by the Telegram bot once it has told the supervisors' chat about an urgent signal.
    telegram_alerted_at = models.DateTimeField(null=True, blank=True)
    # Copies from the payload for linking and search (intake/signals/linking.py).
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    place_text = models.CharField(max_length=200, blank=True, default="")
    place_key = models.CharField(max_length=200, blank=True, default="", db_index=True)
    search_text = models.TextField(blank=True, default="", help_text="plaats, notitie, toelichting (kleine letters) / for search")
    link_count = models.PositiveIntegerField(default=0, help_text="eerdere signalen gekoppeld / earlier signals linked")

    class Meta:
        ordering = ["priority_rank", "-received_at"]
        indexes = [
            models.Index(fields=["mode", "status", "priority_rank", "received_at"]),
            models.Index(fields=["mode", "lat", "lon"]),
            models.Index(fields=["mode", "received_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ReferenceCounter(models.Model):
    """Last reference number handed out per year (SIG-<year>-<number>)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class Comment(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class StatusChange(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=32, choices=STATUS_CHOICES)
    to_status = models.CharField(max_length=32, choices=STATUS_CHOICES)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class OfficerNotification(models.Model):
    """The outcome of a signal, waiting for the officer's chat (Telegram bot or web chat) to deliver it."""

    pseudonym = models.CharField(max_length=64, db_index=True)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="notifications")
    text_nl = models.TextField()
    text_en = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Telegram refused it for good (blocked bot, chat gone): not retried, so it never holds up later ones.
    failed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failure = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["created_at", "id"]


class Addendum(models.Model):
    """A note or location the officer added after forwarding, kept in order with its signal."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="addenda")
    addendum_id = models.UUIDField(unique=True, help_text="id uit het bericht / id from the payload")
    payload = models.JSONField()
    created_at = models.DateTimeField(help_text="door de agent / by the officer")
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]


class SeenSignature(models.Model):
    """A timestamped signature the intake accepted; a second request with it is a replay.

    Kept a little longer than the signature window (older ones are refused as
    stale anyway), so the table stays small.
    """

    digest = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(auto_now_add=True, db_index=True)


class PrunedSignal(models.Model):
    """The id of a signal that retention deleted: a replay of its body must not store it again.

    Only the UUID and when it went, nothing about the signal itself.
    """

    signal_id = models.UUIDField(unique=True)
    pruned_at = models.DateTimeField(auto_now_add=True)


class LinkKey(models.Model):
    """A normalised key a signal can be linked by: an address or business name, a plate, a person description."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="link_keys")
    mode = models.CharField(max_length=8, choices=MODE_CHOICES)
    kind = models.CharField(max_length=16)
    key = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["mode", "kind", "key"])]


class SignalLink(models.Model):
    """A signal linked at intake to an earlier signal of the same mode (same place, plate or person)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="links")
    earlier = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="later_links")
    reason = models.CharField(max_length=16)
    distance_m = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "earlier"], name="signal_link_once")]
