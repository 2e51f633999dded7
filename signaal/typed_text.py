"""Typed text never reaches Rasa as a command.

Rasa reads a message starting with "/" as an intent (`/restart`,
`/affirm{...}`, `/EXTERNAL_...`): it skips NLU and the acute-danger guard,
and `/restart` wipes an open check. Only the channels' own button payloads
and commands may start with "/"; typed text that does is refused with a
clear answer (both channels use this, so they behave the same).
"""
from __future__ import annotations

from typing import Dict, Iterable, Optional

REFUSED = {
    "nl": "Berichten die met '/' beginnen zijn opdrachten; deze ken ik niet. Typ je bericht zonder '/' "
          "aan het begin, of kies een knop. Opdrachten: /help, /nieuw, /status, /stop, /oefening, /taal.",
    "en": "Messages starting with '/' are commands, and I don't know this one. Type your message without "
          "'/' at the start, or choose a button. Commands: /help, /nieuw, /status, /stop, /oefening, /taal.",
}
NOT_OFFERED = {
    "nl": "Deze knop hoort niet (meer) bij het gesprek; kies een van de knoppen onder de laatste vraag.",
    "en": "This button is not (or no longer) part of the conversation; choose one under the last question.",
}


def looks_like_command(text: str) -> bool:
    """True for typed text Rasa would take as an intent or command."""
    return text.lstrip().startswith("/")


def offered_payload(payload: str, offered: Iterable[Dict[str, str]]) -> Optional[str]:
    """`payload` if it is one of the buttons the assistant offered, else None."""
    for button in offered:
        if button.get("payload") == payload:
            return payload
    return None
