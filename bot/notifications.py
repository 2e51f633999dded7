"""Job: tell officers the outcome of their signals, and supervisors of urgent ones.

The intake writes `OfficerNotification` rows when a supervisor closes a
signal; this job sends each to the officer's chat in their language and marks
it delivered. With `SIGNAAL_SUPERVISOR_CHAT_ID` set, urgent live signals are
announced there once (reference only, no content), marked by
`Signal.telegram_alerted_at`. One bot instance is assumed to run this job.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import List, Optional

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.database import database_call
from bot.formatting import split_text
from bot.texts import say
from signaal.labels import pick

log = logging.getLogger(__name__)

BATCH = 20
ALERT_WINDOW = timedelta(hours=24)  # never announce old signals after a restart


@dataclass(frozen=True)
class PendingNotification:
    id: int
    pseudonym: str
    chat_id: int
    text: str


@dataclass(frozen=True)
class UrgentSignal:
    id: int
    reference: str


@database_call
def pending_notifications() -> List[PendingNotification]:
    """Undelivered notifications of active Telegram officers, oldest first."""
    from intake.officers.models import Officer
    from intake.signals.models import OfficerNotification

    active = {
        officer.pseudonym: officer
        for officer in Officer.objects.filter(
            revoked_at__isnull=True,
            pseudonym__in=OfficerNotification.objects.filter(
                delivered_at__isnull=True, failed_at__isnull=True
            ).values("pseudonym"),
        )
    }
    rows = OfficerNotification.objects.filter(
        delivered_at__isnull=True, failed_at__isnull=True, pseudonym__in=list(active)
    ).order_by("created_at", "id")[:BATCH]
    result = []
    for row in rows:
        officer = active[row.pseudonym]
        text = pick({"nl": row.text_nl, "en": row.text_en}, officer.language)
        result.append(PendingNotification(row.id, row.pseudonym, officer.telegram_chat_id, text))
    return result


@database_call
def mark_delivered(notification_id: int) -> None:
    from django.utils import timezone
    from intake.signals.models import OfficerNotification

    OfficerNotification.objects.filter(id=notification_id, delivered_at__isnull=True).update(
        delivered_at=timezone.now()
    )


@database_call
def mark_failed(notification_id: int, reason: str) -> None:
    """Telegram refused it for good: kept with the reason, never fetched again, so later ones go out."""
    from django.utils import timezone
    from intake.signals.models import OfficerNotification

    OfficerNotification.objects.filter(id=notification_id, delivered_at__isnull=True).update(
        failed_at=timezone.now(), failure=reason[:200]
    )


@database_call
def unannounced_urgent_signals() -> List[UrgentSignal]:
    from django.utils import timezone
    from intake.signals.models import Signal

    rows = Signal.objects.filter(
        mode="live",
        priority="urgent",
        telegram_alerted_at__isnull=True,
        received_at__gte=timezone.now() - ALERT_WINDOW,
    ).order_by("received_at")[:BATCH]
    return [UrgentSignal(row.id, row.reference) for row in rows]


@database_call
def mark_announced(signal_id: int) -> None:
    from django.utils import timezone
    from intake.signals.models import Signal

    Signal.objects.filter(id=signal_id, telegram_alerted_at__isnull=True).update(telegram_alerted_at=timezone.now())


async def deliver_notifications(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: officers' outcomes first, then urgent alerts."""
    for notification in await pending_notifications():
        try:
            for part in split_text(notification.text):
                await context.bot.send_message(notification.chat_id, part)
        except (Forbidden, BadRequest) as problem:  # blocked bot, chat gone: retrying will not help
            log.info("notification %s to %s failed for good: %s", notification.id, notification.pseudonym,
                     type(problem).__name__)
            await mark_failed(notification.id, f"{type(problem).__name__}: {problem.message}")
            continue
        except TelegramError as problem:  # network trouble, rate limit: tried again on the next run
            log.warning("notification %s not delivered: %s", notification.id, type(problem).__name__)
            continue
        await mark_delivered(notification.id)
        log.info("notification %s delivered to %s", notification.id, notification.pseudonym)
    supervisor_chat: Optional[int] = context.bot_data["config"].supervisor_chat_id
    if supervisor_chat is None:
        return
    for urgent in await unannounced_urgent_signals():
        text = say("urgent_alert", "nl", reference=urgent.reference) + "\n" + say(
            "urgent_alert", "en", reference=urgent.reference
        )
        review_url = context.bot_data["config"].review_url
        if review_url:
            text += "\n" + review_url
        try:
            await context.bot.send_message(supervisor_chat, text)
        except TelegramError as problem:
            log.warning("urgent alert for signal %s not sent: %s", urgent.id, type(problem).__name__)
            return
        await mark_announced(urgent.id)
        log.info("urgent signal %s announced", urgent.id)
