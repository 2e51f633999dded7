"""What the bot itself says (everything else comes from Rasa): Dutch first, English second."""
from __future__ import annotations

from typing import Dict

from signaal.labels import LANGUAGES, pick

TEXTS: Dict[str, Dict[str, str]] = {
    "not_enrolled": {
        "nl": "Signaal is alleen voor aangemelde agenten. Vraag je leidinggevende om een aanmeldcode "
        "en stuur dan: /start <code>",
        "en": "Signaal is only for enrolled officers. Ask your supervisor for an enrolment code, "
        "then send: /start <code>",
    },
    "enrolled": {
        "nl": "Je bent aangemeld bij Signaal.",
        "en": "You are enrolled with Signaal.",
    },
    "code_refused": {
        "nl": "Deze aanmeldcode is ongeldig, al gebruikt of verlopen. Vraag je leidinggevende om een nieuwe.",
        "en": "This enrolment code is invalid, already used or expired. Ask your supervisor for a new one.",
    },
    "too_many_attempts": {
        "nl": "Te veel pogingen. Probeer het later opnieuw.",
        "en": "Too many attempts. Please try again later.",
    },
    "unavailable": {
        "nl": "Signaal is even niet bereikbaar; je bericht is bewaard en wordt verstuurd zodra het weer kan.",
        "en": "Signaal is unavailable for a moment; your message is kept and will be sent as soon as it can.",
    },
    "queued": {
        "nl": "Bewaard; wordt verstuurd zodra Signaal weer bereikbaar is.",
        "en": "Kept; it will be sent as soon as Signaal is reachable again.",
    },
    "queue_full": {
        "nl": "Signaal is nog steeds niet bereikbaar en er wachten al veel berichten. Dit bericht is niet "
        "bewaard; probeer het straks opnieuw. Bij acuut gevaar: bel 112.",
        "en": "Signaal is still unavailable and many messages are waiting. This message was not kept; "
        "please try again later. In acute danger: call 112.",
    },
    "media_refused": {
        "nl": "Foto's, bestanden en spraakberichten neemt Signaal niet aan; ze worden niet bewaard of "
        "doorgestuurd. Beschrijf wat je ziet in een tekstbericht.",
        "en": "Signaal does not accept photos, files or voice messages; they are not stored or forwarded. "
        "Please describe what you see in a text message.",
    },
    "button_expired": {
        "nl": "Deze knop is niet meer geldig.",
        "en": "This button is no longer valid.",
    },
    "language_usage": {
        "nl": "Kies je taal: /taal nl of /taal en",
        "en": "Choose your language: /taal nl or /taal en",
    },
    "error": {
        "nl": "Er ging iets mis. Probeer het opnieuw. Bij acuut gevaar: bel 112.",
        "en": "Something went wrong. Please try again. In acute danger: call 112.",
    },
    "notification_header": {
        "nl": "Bericht over je signaal",
        "en": "Update on your signal",
    },
    "urgent_alert": {
        "nl": "⚠️ Urgent signaal ontvangen: {reference}. Bekijk het in de beoordelingslijst.",
        "en": "⚠️ Urgent signal received: {reference}. See the review queue.",
    },
}



def say(key: str, language: str = "nl", **values: str) -> str:
    """The bot's text `key` in `language` (Dutch when unknown)."""
    return pick(TEXTS[key], language).format(**values)


def say_both(key: str, **values: str) -> str:
    """Dutch, then English: for people whose language the bot does not know."""
    return "\n\n".join(say(key, language, **values) for language in LANGUAGES)
