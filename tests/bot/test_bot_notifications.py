"""Outcomes reach the officer's chat; urgent signals are announced to the supervisors once."""
from __future__ import annotations

import time
import uuid

from tests.support.bot_process import SUPERVISOR_CHAT_ID, django_shell, pseudonym_of

_MAKE_SIGNAL = (
    "import uuid; from django.utils import timezone; from intake.signals.models import Signal, OfficerNotification; "
    "s = Signal.objects.create(signal_id=uuid.UUID('{signal_id}'), reference='{reference}', payload={{}}, "
    "mode='live', priority='{priority}', priority_rank={rank}, exploitation_type='labour', minor_involved='no', "
    "reporter_pseudonym='{pseudonym}', created_at=timezone.now()); "
)


def _signal(env, pseudonym, reference, priority="normal", notify=False):
    django_shell(env, _signal_code(pseudonym, reference, priority, notify))


def _signal_code(pseudonym, reference, priority="normal", notify=False):
    code = _MAKE_SIGNAL.format(signal_id=uuid.uuid4(), reference=reference, priority=priority,
                               rank={"urgent": 0, "normal": 2}[priority], pseudonym=pseudonym)
    if notify:
        code += (
            "OfficerNotification.objects.create(pseudonym=s.reporter_pseudonym, signal=s, "
            f"text_nl='Je signaal {reference} is doorgezet naar de opsporing.', "
            f"text_en='Your signal {reference} was forwarded to investigation.'); "
        )
    return code


def _delivered(env, reference):
    out = django_shell(env, "from intake.signals.models import OfficerNotification as N; "
                            f"print(N.objects.get(signal__reference='{reference}').delivered_at is not None)")
    return out.strip().splitlines()[-1] == "True"


def test_outcome_is_delivered_to_the_officer_once(officer, telegram, env):
    _signal(env, pseudonym_of(officer), "SIG-2026-9001", notify=True)
    text = "Je signaal SIG-2026-9001 is doorgezet naar de opsporing."
    telegram.wait_until(lambda: any(m["text"] == text for m in telegram.bot_messages(officer)), what="notification")
    assert _delivered(env, "SIG-2026-9001")
    count = len(telegram.bot_messages(officer))
    time.sleep(1.5)  # the job runs every 0.5 s in tests
    assert [m["text"] for m in telegram.bot_messages(officer)].count(text) == 1
    assert len(telegram.bot_messages(officer)) == count


def test_outcome_comes_in_the_officers_language(officer, telegram, rasa, env):
    telegram.send_command(officer, "taal", "en")
    telegram.wait_for_bot_messages(officer, 3)
    _signal(env, pseudonym_of(officer), "SIG-2026-9002", notify=True)
    text = "Your signal SIG-2026-9002 was forwarded to investigation."
    telegram.wait_until(lambda: any(m["text"] == text for m in telegram.bot_messages(officer)), what="notification")


def test_notification_for_someone_not_enrolled_waits(signaal_bot, telegram, env):
    _signal(env, "web-0123456789abcdef01234567", "SIG-2026-9003", notify=True)
    time.sleep(2)
    assert not _delivered(env, "SIG-2026-9003")


def test_urgent_signal_is_announced_to_supervisors_once(signaal_bot, telegram, env):
    _signal(env, "tg-someone", "SIG-2026-9004", priority="urgent")
    _signal(env, "tg-someone", "SIG-2026-9005", priority="normal")
    alert = telegram.wait_until(
        lambda: [m for m in telegram.bot_messages(SUPERVISOR_CHAT_ID) if "SIG-2026-9004" in m["text"]],
        what="urgent alert",
    )
    assert "Urgent signaal ontvangen" in alert[0]["text"]
    time.sleep(1.5)
    texts = [m["text"] for m in telegram.bot_messages(SUPERVISOR_CHAT_ID)]
    assert sum("SIG-2026-9004" in t for t in texts) == 1
    assert not any("SIG-2026-9005" in t for t in texts)


def _failure(env, reference):
    out = django_shell(env, "from intake.signals.models import OfficerNotification as N; "
                            f"n = N.objects.get(signal__reference='{reference}'); print(n.failed_at is not None, n.failure)")
    return out.strip().splitlines()[-1]


def test_a_blocked_chat_does_not_starve_the_notifications_of_others(officer, telegram, rasa, env):
    """Refused for good (403): marked failed with the reason, never tried again; later ones still go out."""
    from tests.support.bot_process import new_enrolment_code

    blocked = officer
    other = blocked + 500
    telegram.send_command(other, "start", new_enrolment_code(env))
    rasa.wait_for_messages(pseudonym_of(other), 1)
    telegram.blocked_chats.add(blocked)
    code = "".join(_signal_code(pseudonym_of(blocked), f"SIG-2026-95{n:02d}", notify=True)
                   for n in range(25))  # more than one batch of the job (20)
    django_shell(env, code + _signal_code(pseudonym_of(other), "SIG-2026-9600", notify=True))
    text = "Je signaal SIG-2026-9600 is doorgezet naar de opsporing."
    telegram.wait_until(lambda: any(m["text"] == text for m in telegram.bot_messages(other)), what="later notification",
                        timeout=20)
    assert _failure(env, "SIG-2026-9500").startswith("True Forbidden")
    refused = len([c for c in telegram.calls_of("sendMessage") if c.get("chat_id") == blocked])
    time.sleep(1.5)
    assert len([c for c in telegram.calls_of("sendMessage") if c.get("chat_id") == blocked]) == refused
    telegram.blocked_chats.discard(blocked)
