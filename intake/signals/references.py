"""Reference numbers people can read aloud: SIG-2026-000123, sequential per year."""
from __future__ import annotations

from django.db import transaction
from django.db.models import F

from intake.signals.models import ReferenceCounter


def next_reference(year: int) -> str:
    """The next number for `year`; call inside the transaction that stores the signal.

    The UPDATE takes the row's write lock first, so two concurrent requests
    never get the same number (on SQLite and PostgreSQL alike).
    """
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(year=year)
        ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
        number = ReferenceCounter.objects.get(year=year).last_number
    return f"SIG-{year}-{number:06d}"
