"""Who may talk to the Telegram bot: enrolled officers and the codes that enrol them.

Officers are known only by their pseudonym (a keyed hash of the Telegram user
id); the chat id is kept because the bot must be able to send them the outcome
of their signals, encrypted at rest with a keyed hash beside it for lookups
(intake/officers/chat_ids.py).
"""
from django.db import models

from intake.accounts.revocable import Revocable
from intake.officers.chat_ids import chat_id_hash, decrypt_chat_id, encrypt_chat_id


class Officer(Revocable):
    LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

    pseudonym = models.CharField(max_length=64, unique=True)
    telegram_chat_id_encrypted = models.TextField(editable=False)
    telegram_chat_id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    language = models.CharField(max_length=2, choices=LANGUAGES, default="nl")
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "agent / officer"
        verbose_name_plural = "agenten / officers"
        ordering = ["-enrolled_at"]

    def __str__(self) -> str:
        return self.pseudonym

    # Read and set as a number; stored only encrypted and hashed.
    @property
    def telegram_chat_id(self) -> int:
        return decrypt_chat_id(self.telegram_chat_id_encrypted)

    @telegram_chat_id.setter
    def telegram_chat_id(self, chat_id: int) -> None:
        self.telegram_chat_id_encrypted = encrypt_chat_id(chat_id)
        self.telegram_chat_id_hash = chat_id_hash(chat_id)

    CHAT_ID_FIELDS = ["telegram_chat_id_encrypted", "telegram_chat_id_hash"]


class EnrolmentCode(models.Model):
    """A one-time code; only its SHA-256 is stored so a database leak enrols nobody."""

    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.CharField(max_length=64, null=True, blank=True)  # pseudonym

    class Meta:
        verbose_name = "aanmeldcode / enrolment code"
        verbose_name_plural = "aanmeldcodes / enrolment codes"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"code {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class QueuedMessage(models.Model):
    """An officer's message that Rasa could not take yet (the bot told them "Bewaard").

    Kept in the database, not in the bot's memory, so a bot restart loses
    nothing; delivered in order (by id) once Rasa is back, then deleted.
    Holds the pseudonym, never the Telegram user id.
    """

    pseudonym = models.CharField(max_length=64, db_index=True)
    text = models.TextField()
    silent = models.BooleanField(default=False)  # Rasa's answer is not shown (live-location updates)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
