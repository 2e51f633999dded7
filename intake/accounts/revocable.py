"""What an administrator can revoke (API tokens, enrolled officers): never deleted, only marked,
so the audit trail keeps who had access and until when."""
from __future__ import annotations

from django.db import models
from django.utils import timezone


class Revocable(models.Model):
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
