"""The web chat's conversation, kept in the browser session (Rasa keeps the dialogue state).

Messages are dicts {"who": "user" | "bot" | "notice", "text", "buttons"} so
they serialise into the session and into the JSON endpoint alike.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from django.utils import timezone

from signaal.person_mode import OFFICER_BACK, PERSON_START
from intake.chat.rasa_client import BotReply, send_to_rasa
from intake.signals.models import OfficerNotification

MAX_MESSAGES = 200
MAX_TEXT = 2000
UNAVAILABLE = (
    "De assistent is nu niet bereikbaar. Uw bericht is niet verloren: het staat nog in het invoerveld. "
    "Probeer het over een ogenblik opnieuw. Bij acuut gevaar: bel 112. "
    "/ The assistant cannot be reached right now; your message is kept in the input. In acute danger call 112."
)


def sender_of(session) -> str:
    """The pseudonym this session chats as, set by intake.chat.access for each request."""
    return session["chat_sender"]


def messages_of(session) -> List[Dict]:
    return list(session.get("chat_messages", []))


def _store(session, messages: List[Dict]) -> None:
    session["chat_messages"] = messages[-MAX_MESSAGES:]


def button_title(session, payload: str) -> Optional[str]:
    """The title of a button the assistant offered, so the log shows 'Ja' rather than '/affirm'."""
    for message in reversed(messages_of(session)):
        for button in message.get("buttons") or []:
            if button.get("payload") == payload:
                return button.get("title") or payload
    return None


def deliver_notifications(session) -> List[Dict]:
    """Outcomes of this officer's signals that wait for delivery, added to the conversation."""
    if "chat_sender" not in session:
        return []
    pending = list(OfficerNotification.objects.filter(pseudonym=session["chat_sender"], delivered_at__isnull=True))
    if not pending:
        return []
    new = [{"who": "notice", "text": note.text_nl, "buttons": []} for note in pending]
    OfficerNotification.objects.filter(pk__in=[note.pk for note in pending]).update(delivered_at=timezone.now())
    _store(session, messages_of(session) + new)
    return new


def person_view_start(messages: List[Dict]) -> Optional[int]:
    """While the person holds the phone: the index of the first message they may see.

    From the officer's "hand over" tap until "Terug naar agent" the page shows only the
    person's own screens, never the officer's earlier conversation (which names the
    assessment and what the officer suspects)."""
    handed = max((i for i, m in enumerate(messages) if m.get("payload") == "/" + PERSON_START), default=None)
    if handed is None or any(m.get("payload") == "/" + OFFICER_BACK for m in messages[handed:]):
        return None
    return handed + 1


def exchange(session, shown_text: str, sent_text: str, payload: str = "") -> List[Dict]:
    """Send `sent_text` to Rasa; on success log `shown_text` and the replies. Raises RasaUnavailable."""
    replies: List[BotReply] = send_to_rasa(sender_of(session), sent_text[:MAX_TEXT])
    new = [{"who": "user", "text": shown_text[:MAX_TEXT], "buttons": []}]
    if payload:
        new[0]["payload"] = payload[:MAX_TEXT]
    new += [{"who": "bot", "text": reply.text, "buttons": reply.buttons} for reply in replies]
    _store(session, messages_of(session) + new)
    return new + deliver_notifications(session)
