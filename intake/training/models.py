"""Trainers' classes: a name and a join code; trainees join in the chat and give a display name.

A member is stored as a keyed hash of the chat pseudonym (signaal.keys.CLASS_MEMBER), never
the pseudonym itself, so nothing in the class tables matches a live signal's reporter column,
and the live signals and the review pages never read these tables.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models


class TrainingClass(models.Model):
    name = models.CharField(max_length=100)
    join_code = models.CharField(max_length=16, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.name


class ClassMember(models.Model):
    training_class = models.ForeignKey(TrainingClass, on_delete=models.CASCADE, related_name="members")
    member_key = models.CharField(max_length=64, db_index=True, help_text="keyed hash of the chat pseudonym")
    display_name = models.CharField(max_length=40)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [models.UniqueConstraint(fields=["training_class", "member_key"], name="class_member_once")]
