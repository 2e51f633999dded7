"""Joining a trainer's class from the web chat: "klas <code>", then a display name.

Handled here, in the intake (the web chat, and the Telegram bot's text handler, which runs in
the intake's Django project), and never sent to Rasa: the code and the display name
stay out of the Rasa tracker, so no signal (built from the tracker) can carry them.
Only the keyed hash of this chat's pseudonym is stored beside the name
(intake/training/classes.py).
"""
from __future__ import annotations

from typing import Dict, List, Optional

from intake.chat.conversation import _store, messages_of, sender_of
from intake.training.classes import JOIN, clean_display_name, find_class, join

PENDING = "class_join_pending"
ASK_NAME = ("U voegt zich bij de klas “{name}”. Welke naam mag uw trainer zien? (alleen voor oefeningen; "
            "deze naam komt nooit bij echte signalen) / You are joining the class “{name}”. Which name may your "
            "trainer see? (exercises only; this name never goes with live signals; \"stop\" to cancel)")
UNKNOWN = "Onbekende klascode. Controleer de code bij uw trainer. / Unknown class code; check it with your trainer."
BAD_NAME = ("Gebruik letters, cijfers, spaties, punt of streepje (max. 40 tekens). / Use letters, digits, spaces, "
            "dots or dashes (at most 40 characters).")
CANCELLED = "Aanmelden bij de klas gestopt. / Joining the class stopped."
JOINED = ("Welkom in “{klass}”, {name}. Uw oefenresultaten zijn nu onder deze naam zichtbaar voor uw trainer. "
          "/ Welcome to “{klass}”, {name}. Your trainer now sees your exercise results under this name.")


def step(state, pseudonym: str, text: str) -> Optional[str]:
    """The reply when `text` is part of joining a class, else None (the text is for the assistant).

    `state` is a dict kept per chat (the web chat's session, the bot's per-user data).
    """
    pending = state.get(PENDING)
    match = JOIN.match(text or "")
    if match:
        training_class = find_class(match.group(1))
        if training_class is None:
            state.pop(PENDING, None)
            return UNKNOWN
        state[PENDING] = training_class.pk
        return ASK_NAME.format(name=training_class.name)
    if pending is None:
        return None
    if text.strip().lower() in ("stop", "annuleer", "annuleren", "cancel"):
        state.pop(PENDING, None)
        return CANCELLED
    name = clean_display_name(text)
    if name is None:
        return BAD_NAME
    from intake.training.models import TrainingClass

    training_class = TrainingClass.objects.filter(pk=pending).first()
    state.pop(PENDING, None)
    if training_class is None:
        return UNKNOWN
    join(training_class, pseudonym, name)
    return JOINED.format(klass=training_class.name, name=name)


def handle(session, text: str) -> Optional[List[Dict]]:
    """The web chat: the new messages when `text` is part of joining a class; None when it is for the assistant."""
    reply = step(session, sender_of(session), text)
    return None if reply is None else _add(session, text, reply)


def _add(session, text: str, reply: str) -> List[Dict]:
    new = [{"who": "user", "text": text, "buttons": []}, {"who": "notice", "text": reply, "buttons": []}]
    _store(session, messages_of(session) + new)
    return new
