"""A checklist question as the officer sees it: the question, its answer buttons and the
other open indicators of its dimension shown beside it (pure; both runtimes).

Shown beside it (`signaal.checklist_plan.Question.alternatives`), each indicator is a
button whose tap answers it `yes` (`/inform{"indicator": id}`); "Nee, niets hiervan"
(`/none_of_these`, below them; also typed: "geen van deze") answers the question and all
shown `no`. "Ja", "Nee" and "Weet ik niet", typed or pressed, answer the question itself
only, as every checklist question's answers do (the contract's slot). One question so
covers what took five before, and a check by buttons stays short (scripts/question_count.py).
"""
from __future__ import annotations

import json
from typing import Dict, List, Sequence, Tuple

from signaal.catalogue import load_catalogue
from signaal.labels import label
from signaal.person_mode import PERSON_MODE

# The answer buttons of every checklist question (also the generated domain's, scripts/generate_rasa.py).
ANSWER_PAYLOADS = (("answer_yes", "/affirm"), ("answer_no", "/deny"), ("answer_dont_know", "/dont_know"))
# "Nee, niets hiervan": an intent of its own, so a bare "nee" answers only the question itself.
NONE_OF_THESE = "none_of_these"
EXTRA_PAYLOADS = (("answer_why", "/explain_question"), (PERSON_MODE, "/" + PERSON_MODE))


def _buttons(keys_and_payloads, language: str) -> List[Dict[str, str]]:  # noqa: ANN001
    return [{"title": label("buttons", key, language), "payload": payload} for key, payload in keys_and_payloads]


def none_of_these_payload(slot: str) -> str:
    """Names its question: pressed under an earlier one (its keyboard still on screen), it answers nothing."""
    return "/" + NONE_OF_THESE + json.dumps({"indicator": slot}, separators=(",", ":"))


def tap_payload(indicator_id: str) -> str:
    return "/inform" + json.dumps({"indicator": indicator_id}, separators=(",", ":"))


def question_message(slot: str, alternatives: Sequence[str], language: str) -> Tuple[str, List[Dict[str, str]]]:
    """(text, buttons) of the question for indicator `slot` with `alternatives` shown beside it."""
    catalogue = load_catalogue()
    text = catalogue.indicators[slot].text("question", language)
    buttons = _buttons(ANSWER_PAYLOADS, language)  # Ja / Nee / Weet ik niet: the question itself
    if alternatives:
        text += "\n\n" + label("buttons", "also_shown", language)
        buttons += [{"title": catalogue.indicators[a].text("label", language), "payload": tap_payload(a)}
                    for a in alternatives]
        buttons.append({"title": label("buttons", "answer_none_of_these", language), "payload": none_of_these_payload(slot)})
    return text, buttons + _buttons(EXTRA_PAYLOADS, language)  # Waarom?, the person answers
