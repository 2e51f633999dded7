"""The review queue: live signals, urgent first, narrowed by the supervisor's filters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Dict, Optional

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from intake.signals.models import PRIORITY_CHOICES, STATUS_CHOICES, Signal
from signaal.labels import bilingual_choices

EXPLOITATION_CHOICES = bilingual_choices("exploitation_types")
MINOR_CHOICES = bilingual_choices("answers")


def _with_any(choices):
    return [("", "— alle / all —")] + list(choices)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=_with_any(STATUS_CHOICES), required=False)
    priority = forms.ChoiceField(label="Prioriteit / priority", choices=_with_any(PRIORITY_CHOICES), required=False)
    exploitation_type = forms.ChoiceField(
        label="Vorm van uitbuiting / exploitation", choices=_with_any(EXPLOITATION_CHOICES), required=False
    )
    minor = forms.ChoiceField(label="Minderjarige / minor", choices=_with_any(MINOR_CHOICES), required=False)
    date_from = forms.DateField(label="Ontvangen vanaf / from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Ontvangen t/m / to", required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def live_signals() -> QuerySet:
    return Signal.objects.filter(mode="live").select_related("assigned_to").order_by("priority_rank", "-received_at", "-id")


@dataclass
class ReviewQueue:
    form: QueueFilterForm
    signals: QuerySet

    @classmethod
    def from_query(cls, query) -> "ReviewQueue":
        form = QueueFilterForm(query or None)
        signals = live_signals()
        if form.is_valid():
            data = form.cleaned_data
            if data["status"]:
                signals = signals.filter(status=data["status"])
            if data["priority"]:
                signals = signals.filter(priority=data["priority"])
            if data["exploitation_type"]:
                signals = signals.filter(exploitation_type=data["exploitation_type"])
            if data["minor"]:
                signals = signals.filter(minor_involved=data["minor"])
            if data["date_from"]:
                signals = signals.filter(received_at__gte=_start_of(data["date_from"]))
            if data["date_to"]:
                signals = signals.filter(received_at__lt=_start_of(data["date_to"] + timedelta(days=1)))
        return cls(form=form, signals=signals)

    def applied_filters(self) -> Dict[str, Optional[str]]:
        if not self.form.is_bound or not self.form.is_valid():
            return {}
        return {key: str(value) for key, value in self.form.cleaned_data.items() if value}
