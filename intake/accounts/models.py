"""Staff accounts (a role on top of Django's user) and API tokens; login failures are django-axes' own."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from intake.accounts.revocable import Revocable
from intake.accounts.roles import ROLE_CHOICES


class Account(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account")
    role = models.CharField(max_length=16, choices=ROLE_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "account"
        verbose_name_plural = "accounts"

    def __str__(self) -> str:
        return f"{self.user.username} ({self.role})"


class ApiToken(Revocable):
    """A bearer token; only its SHA-256 is stored, so a database leak grants nothing."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="Eerste tekens, om het token te herkennen / first characters")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        state = "actief / active" if self.is_active else "ingetrokken / revoked"
        return f"{self.prefix}… {self.account.user.username} ({state})"
