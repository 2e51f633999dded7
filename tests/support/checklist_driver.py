"""Drives a check through the real Rasa server, answering each open question."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from tests.support.real_stack import SignaalStack, buttons

CONTEXT_ANSWERS = {
    "setting": '/inform{"setting": "workplace"}',
    "persons": '/inform{"persons": "3"}',
    "exploitation_type": '/inform{"exploitation_type": "labour"}',
    "minor_involved": "/deny",
}
PAYLOAD = {"yes": "/affirm", "no": "/deny", "unknown": "/dont_know"}


def run_checklist(stack: SignaalStack, sender: str, answers: Dict[str, str],
                  context: Optional[Dict[str, str]] = None, max_turns: int = 60) -> Tuple[List[str], list]:
    """Answer until the summary; returns the slots asked (in order) and the last replies.

    `answers` maps indicator ids to yes/no/unknown; unlisted ones are answered "no".
    """
    context = {**CONTEXT_ANSWERS, **(context or {})}
    asked: List[str] = []
    replies: list = []
    for _ in range(max_turns):
        slot = stack.slots(sender).get("requested_slot")
        if slot is None:
            return asked, replies
        asked.append(slot)
        message = context.get(slot) or PAYLOAD[answers.get(slot, "no")]
        replies = stack.say(sender, message)
        if any(b["payload"] == "/forward_signal" for b in buttons(replies)):
            return asked, replies
    raise AssertionError(f"check did not finish within {max_turns} turns: asked {asked}")
