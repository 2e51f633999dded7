"""Context an opening description already gives: where, how many people, which form.

"Controle bij een kas in het Westland: de arbeiders slapen met tien man in een
schuur" names a workplace, ten people and (arbeiders) labour: those questions
need not be asked. Only what the text names is taken; it is confirmed with the
indicators before it counts. Pure.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional, Sequence

from signaal.recognition.quantities import people_count
from signaal.typed_answers import normalise, option_names

# Names too general to say where the officer is when they occur inside a description.
TOO_GENERAL = frozenset({"werk", "work", "auto", "car"})
NOT_MENTIONED = ("other", "unknown")  # options a description cannot name
AGE = re.compile(
    r"\b(?:jongen|jongens|meisje|meisjes|kind|kinderen|zoon|dochter|tiener|knul|puber|boy|boys|girl|girls|kid|teen|son|daughter)"
    r"\s*,?\s*(?:van\s+|of\s+|aged\s+)?(?:rond\s+de\s+|ongeveer\s+|een\s+jaar\s+of\s+|about\s+|around\s+)?(\d{1,2})\b"
    r"|\b(\d{1,2})[-\s]*(?:jarige|jarig|year[- ]old|years old|jaar oud|yo)\b"
    r"|(?:,|\bis|\bwas|\bleeftijd|\bage|\baged)\s*(\d{1,2})\s*(?:jaar|jr)\b"
    r"|\b(?:minderjarig\w*|minor|minors|underage)\b"
    r"|\b(?:ze|zij|hij|she|he)\s+(?:is|was|'s)\s+(?:pas\s+|only\s+|just\s+)?(\d{1,2})\b(?!\s*(?:euro|uur|hours|man|mensen))"
)


def mentioned_option(text: str, options: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """The option whose most specific name occurs in the text (longest name wins)."""
    typed = normalise(text)
    found = [(len(name), option["value"]) for option in options if option["value"] not in NOT_MENTIONED
             for name in option_names(option)
             if name not in TOO_GENERAL and re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", typed)]
    return max(found)[1] if found else None


def context_from_text(text: str, questions: Mapping[str, Mapping[str, Any]]) -> Dict[str, str]:
    """{slot: value} for the context questions the text answers."""
    found: Dict[str, str] = {}
    for slot in ("setting", "exploitation_type"):
        options = (questions.get(slot) or {}).get("options") or []
        value = mentioned_option(text, options)
        if value:
            found[slot] = value
    count = people_count(text)
    if count:
        found["persons"] = str(count)
    if minor_mentioned(text):
        found["minor_involved"] = "yes"
    return found


def minor_mentioned(text: str) -> bool:
    """An age under 18 ("meisje van 15", "16-jarige", "jongen, 17 jaar") or the word minor."""
    for match in AGE.finditer(text.lower()):
        age = next((g for g in match.groups() if g), None)
        if age is None or int(age) < 18:
            return True
    return False
