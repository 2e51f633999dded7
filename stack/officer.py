"""One simulated officer's whole check over the REST channel (stdlib only).

Used by the scale tests and by the Locust load (scripts/locustfile.py): a
free-text opening, confirming what was recognised, button answers to every
question until the summary, then forwarding. `say(message) -> replies` and
`slots() -> dict` are given by the caller (httpx, Locust's client, ...).
Answers come from the buttons when one of ours is offered; otherwise (and
after a failed call, when the reply is unknown) from the tracker's
requested_slot, so a check can go on after a server died under it.
"""
from __future__ import annotations

from typing import Callable, Dict, List, Optional

OPENINGS = [
    "ik sta bij een nagelstudio, de meisjes slapen achter in de zaak en de paspoorten zijn afgepakt door de eigenaar",
    "controle op een bouwplaats, de arbeiders slapen in een container en de baas heeft hun paspoorten",
    "bij een autowasstraat werken mannen die hun paspoort hebben moeten inleveren en op de zaak slapen",
]
CONTEXT_ANSWERS = {
    "setting": '/inform{"setting": "workplace"}',
    "persons": '/inform{"persons": "3"}',
    "exploitation_type": '/inform{"exploitation_type": "labour"}',
    "minor_involved": "/deny",
}
FORWARD = "/forward_signal"
Say = Callable[[str], Optional[List[dict]]]  # None: the call failed (the reply is unknown)


def payloads(replies: Optional[List[dict]]) -> List[str]:
    return [b.get("payload", "") for r in replies or [] for b in r.get("buttons") or []]


def next_answer(replies: Optional[List[dict]], slots: Callable[[], Dict]) -> Optional[str]:
    """The officer's next message; None when the summary is reached (forwarding is next)."""
    offered = payloads(replies)
    if FORWARD in offered:
        return None
    if replies is not None:
        for answer in CONTEXT_ANSWERS.values():
            if answer in offered and answer != "/deny":
                return answer
        # Nothing of this applies: "Nee, niets hiervan" where indicators are shown beside the question.
        for wanted in ("/none_of_these", "/deny"):
            for answer in offered:
                if answer.split("{")[0] == wanted:
                    return answer
    slot = slots().get("requested_slot")
    if slot is None:
        return None
    return CONTEXT_ANSWERS.get(slot, "/deny")


def run_check(say: Say, slots: Callable[[], Dict], opening: str = OPENINGS[0], max_turns: int = 60,
              between: Optional[Callable[[int], None]] = None) -> int:
    """Opening to summary; the number of turns. `between(turn)` runs after each turn (a fault, a pause)."""
    replies = say(opening)
    if "/affirm" in payloads(replies):
        replies = say("/affirm")  # confirm what was recognised in the opening
    for turn in range(max_turns):
        if between is not None:
            between(turn)
        answer = next_answer(replies, slots)
        if answer is None:
            return turn
        replies = say(answer)
    raise AssertionError(f"no summary after {max_turns} turns")
