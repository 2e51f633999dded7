"""The review workflow: status changes, assignment and comments, each audited.

new → in_review → forwarded_to_investigation | no_further_action. A signal may
be closed straight from `new`, and a closed one reopened to `in_review` when
it was closed by mistake. Closing tells the officer the outcome.
"""
from __future__ import annotations

from typing import Optional

from django.db import transaction
from django.utils import timezone

from intake.audit.record import record_event
from intake.signals.models import (
    CLOSED_STATUSES,
    FORWARDED,
    IN_REVIEW,
    NEW,
    NO_FURTHER_ACTION,
    Comment,
    OfficerNotification,
    Signal,
    StatusChange,
)

TRANSITIONS = {
    NEW: (IN_REVIEW, FORWARDED, NO_FURTHER_ACTION),
    IN_REVIEW: (FORWARDED, NO_FURTHER_ACTION),
    FORWARDED: (IN_REVIEW,),
    NO_FURTHER_ACTION: (IN_REVIEW,),
}

OUTCOME_TEXTS = {
    FORWARDED: (
        "Uw signaal {reference} is beoordeeld en doorgezet naar de opsporing. Dank voor het melden.",
        "Your signal {reference} has been reviewed and forwarded to investigation. Thank you for reporting.",
    ),
    NO_FURTHER_ACTION: (
        "Uw signaal {reference} is beoordeeld: er volgt nu geen verdere actie. Het signaal blijft "
        "meetellen in het beeld; meld gerust opnieuw als u meer ziet. Dank voor het melden.",
        "Your signal {reference} has been reviewed: no further action for now. It still counts in the "
        "overall picture; please report again if you see more. Thank you for reporting.",
    ),
}


class TransitionNotAllowed(ValueError):
    pass


def allowed_next(signal: Signal):
    return TRANSITIONS.get(signal.status, ())


def change_status(signal: Signal, new_status: str, user) -> StatusChange:
    if new_status not in allowed_next(signal):
        raise TransitionNotAllowed(f"{signal.status} → {new_status}")
    with transaction.atomic():
        old_status = signal.status
        signal.status = new_status
        signal.closed_at = timezone.now() if new_status in CLOSED_STATUSES else None
        signal.save(update_fields=["status", "closed_at"])
        change = StatusChange.objects.create(signal=signal, actor=user, from_status=old_status, to_status=new_status)
        if new_status in CLOSED_STATUSES and signal.mode == "live":
            text_nl, text_en = OUTCOME_TEXTS[new_status]
            OfficerNotification.objects.create(
                pseudonym=signal.reporter_pseudonym,
                signal=signal,
                text_nl=text_nl.format(reference=signal.reference),
                text_en=text_en.format(reference=signal.reference),
            )
        record_event(user, "signal.status", signal_id=str(signal.signal_id), details={"from": old_status, "to": new_status})
    return change


def assign(signal: Signal, assignee: Optional[object], user) -> None:
    with transaction.atomic():
        signal.assigned_to = assignee
        signal.save(update_fields=["assigned_to"])
        record_event(
            user,
            "signal.assign",
            signal_id=str(signal.signal_id),
            details={"assigned_to": assignee.get_username() if assignee else None},
        )


def add_comment(signal: Signal, text: str, user) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.create(signal=signal, author=user, text=text)
        record_event(user, "signal.comment", signal_id=str(signal.signal_id), details={"comment_id": comment.pk})
    return comment


def mark_viewed(signal: Signal, user) -> None:
    """Every opening is audited; the first one also ends the 'unseen urgent' banner."""
    if signal.first_viewed_at is None:
        Signal.objects.filter(pk=signal.pk, first_viewed_at__isnull=True).update(first_viewed_at=timezone.now())
    record_event(user, "signal.view", signal_id=str(signal.signal_id), details={"reference": signal.reference})
