"""What a typed answer to a question with options means (pure).

At "Om welke vorm van uitbuiting gaat het?" an officer may type the button's
own word ("arbeidsuitbuiting"), a synonym ("bij een kas", "seksueel") or a
close misspelling ("arbiedsuitbuiting"): each is that option. A question
("wat is arbeidsuitbuiting?") is not an answer: it goes to the FAQ.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Iterable, List, Mapping, Optional, Sequence

from signaal.recognition.quantities import number, people_count

QUESTION_WORDS = ("wat", "wie", "waarom", "hoe", "wanneer", "welke", "welk", "waar", "kun", "kan", "mag", "moet",
                  "is het", "wordt", "what", "who", "why", "how", "when", "which", "where", "can", "could", "should",
                  "is it", "does", "do i")
FUZZY_CUTOFF = 0.82  # difflib ratio: one or two letters off in a word of eight


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9']+", text))


def is_question(text: str) -> bool:
    """Phrased as a question: a question mark, or a question word first."""
    stripped = text.strip().lower()
    return stripped.endswith("?") or any(re.match(rf"{re.escape(w)}\b", stripped) for w in QUESTION_WORDS)


def option_names(option: Mapping[str, Any]) -> List[str]:
    """Everything that names an option: its code, its button titles, its synonyms."""
    names = [str(option.get("value", "")).replace("_", " "), str(option.get("nl", "")), str(option.get("en", ""))]
    for words in (option.get("synonyms") or {}).values():
        names += list(words)
    return [n for n in (normalise(name) for name in names) if n]


def _fuzzy_word(word: str, candidates: Iterable[str]) -> bool:
    return len(word) >= 5 and bool(difflib.get_close_matches(word, list(candidates), n=1, cutoff=FUZZY_CUTOFF))


def match_option(text: Optional[str], options: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """The option `text` names, or None. Exact name first, then a name inside the text
    (longest wins), then a close misspelling of a one-word name."""
    if not text or is_question(text):
        return None
    typed = normalise(text)
    if not typed:
        return None
    names = {option["value"]: option_names(option) for option in options}
    for value, candidates in names.items():
        if typed in candidates:
            return value
    inside = [(len(name), value) for value, candidates in names.items() for name in candidates
              if re.search(rf"(?<![a-z]){re.escape(name)}(?![a-z])", typed)]
    if inside:
        return max(inside)[1]
    words = typed.split()
    for value, candidates in names.items():
        single = [c for c in candidates if " " not in c]
        if any(_fuzzy_word(word, single) for word in words):
            return value
    return None


def parse_persons(text: Optional[str]) -> str:
    """A count of people as a string of digits, or "unknown"."""
    if not text:
        return "unknown"
    count = people_count(text)
    if count is None:
        digits = re.search(r"\d{1,4}", text)
        count = int(digits.group()) if digits else None
    if count is None:
        values = [number(word) for word in normalise(text).split()]
        count = next((int(v) for v in values if v), None)
    return str(count) if count else "unknown"
