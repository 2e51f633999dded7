"""Who may file live signals through the web chat (docs/web-chat.md); pure, read by the intake and `make run`.

One model: live signals come only from an officer who signed in with an
account of the `officer` role. Everyone else who may use the chat at all
practises: anonymous visitors on this machine (loopback, no proxy in between)
and staff (supervisors, trainers, admins) get a training pseudonym, and the
intake refuses a live signal from a training pseudonym. With
SIGNAAL_CHAT_REQUIRE_LOGIN=1 anonymous practice is refused too.
"""
from __future__ import annotations

from typing import Mapping

TRAINING_CHANNEL = "web-training"
TRAINING_PREFIX = "oef-"  # "oefenen": practice


def may_file_live(pseudonym: str) -> bool:
    return not pseudonym.startswith(TRAINING_PREFIX)


def describe(environ: Mapping[str, str]) -> str:
    """The model in force, as `make run` prints it (Dutch first)."""
    anonymous = (
        "anonieme bezoekers worden geweigerd / anonymous visitors are refused"
        if environ.get("SIGNAAL_CHAT_REQUIRE_LOGIN") == "1"
        else "anoniem op deze machine: alleen oefenen / anonymous on this machine: practice only"
    )
    return (
        "webchat: echte signalen alleen van aangemelde agenten (make officer NAME=…); staf oefent; "
        f"{anonymous} / web chat: live signals only from signed-in officers; staff practise"
    )
