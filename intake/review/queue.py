"""The review queue: live signals, urgent first, narrowed by the supervisor's filters."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Dict, Optional

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from intake.signals.models import CLOSED_STATUSES, PRIORITY_CHOICES, STATUS_CHOICES, Signal
from signaal.labels import bilingual_choices

EXPLOITATION_CHOICES = bilingual_choices("exploitation_types")
MINOR_CHOICES = bilingual_choices("answers")


def _with_any(choices):
    return [("", "— alle / all —")] + list(choices)


AGE_CHOICES = [
    ("1", "open, ouder dan 1 dag / open, older than 1 day"),
    ("7", "open, ouder dan 7 dagen / open, older than 7 days"),
    ("30", "open, ouder dan 30 dagen / open, older than 30 days"),
]
UNASSIGNED = "-"
# Sort keys: label and the order_by they mean (the id last, so pages never overlap).
SORTS = {
    "priority": ("Prioriteit, nieuwste eerst / priority, newest first", ("priority_rank", "-received_at", "-id")),
    "newest": ("Nieuwste eerst / newest first", ("-received_at", "-id")),
    "oldest": ("Oudste eerst / oldest first", ("received_at", "id")),
    "status": ("Status", ("status", "priority_rank", "-received_at", "-id")),
    "reference": ("Referentie / reference", ("reference", "id")),
    "links": ("Meeste koppelingen / most linked", ("-link_count", "priority_rank", "-received_at", "-id")),
}
PAGE_SIZES = (50, 25, 100)  # the first is the default, shown first
DEFAULT_PAGE_SIZE = 50


def _assignee_choices():
    from intake.accounts.roles import SUPERVISOR
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(account__role=SUPERVISOR, is_active=True).order_by("username")
    return [("", "— alle / all —"), (UNASSIGNED, "niet toegewezen / unassigned")] + [
        (person.username, person.username) for person in people
    ]


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label="Zoeken / search", required=False, max_length=200,
        help_text="referentie, plaats of tekst / reference, place or text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "SIG-2026-…, Westland, kenteken…"}),
    )
    status = forms.ChoiceField(label="Status", choices=_with_any(STATUS_CHOICES), required=False)
    priority = forms.ChoiceField(label="Prioriteit / priority", choices=_with_any(PRIORITY_CHOICES), required=False)
    exploitation_type = forms.ChoiceField(
        label="Vorm van uitbuiting / exploitation", choices=_with_any(EXPLOITATION_CHOICES), required=False
    )
    minor = forms.ChoiceField(label="Minderjarige / minor", choices=_with_any(MINOR_CHOICES), required=False)
    date_from = forms.DateField(label="Ontvangen vanaf / from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Ontvangen t/m / to", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    assignee = forms.ChoiceField(label="Toegewezen aan / assigned to", choices=(), required=False)
    age = forms.ChoiceField(label="Leeftijd / age", choices=_with_any(AGE_CHOICES), required=False)
    sort = forms.ChoiceField(
        label="Sorteren / sort", choices=[(key, value[0]) for key, value in SORTS.items()], required=False
    )
    per_page = forms.TypedChoiceField(
        label="Per pagina / per page", choices=[(str(n), str(n)) for n in PAGE_SIZES], coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = _assignee_choices()


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search_filter(text: str) -> Q:
    """Every word must occur in the reference, the place or the officer's text (case-insensitive)."""
    condition = Q()
    for word in text.lower().split()[:8]:
        condition &= Q(reference__icontains=word) | Q(place_text__icontains=word) | Q(search_text__contains=word)
    return condition


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
            if data["assignee"] == UNASSIGNED:
                signals = signals.filter(assigned_to__isnull=True)
            elif data["assignee"]:
                signals = signals.filter(assigned_to__username=data["assignee"])
            if data["age"]:
                cutoff = timezone.now() - timedelta(days=int(data["age"]))
                signals = signals.exclude(status__in=CLOSED_STATUSES).filter(received_at__lt=cutoff)
            if data["q"]:
                signals = signals.filter(search_filter(data["q"]))
            if data["sort"]:
                signals = signals.order_by(*SORTS[data["sort"]][1])
        return cls(form=form, signals=signals)

    def page(self, number) -> Page:
        """One page of the filtered signals (Django's Paginator: a COUNT and a LIMIT/OFFSET query)."""
        size = DEFAULT_PAGE_SIZE
        if self.form.is_bound and self.form.is_valid() and self.form.cleaned_data.get("per_page"):
            size = self.form.cleaned_data["per_page"]
        return Paginator(self.signals, size).get_page(number)

    def query_without_page(self) -> str:
        if not self.form.is_bound:
            return ""
        query = self.form.data.copy()
        query.pop("page", None)
        return query.urlencode()

    def applied_filters(self) -> Dict[str, Optional[str]]:
        if not self.form.is_bound or not self.form.is_valid():
            return {}
        return {
            key: str(value)
            for key, value in self.form.cleaned_data.items()
            if value and key not in ("sort", "per_page")
        }
