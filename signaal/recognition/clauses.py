"""Split an officer's description into clauses, so that each indicator is judged
on the words that carry it ("ze heeft haar pp zelf, maar de woning is overvol")."""
from __future__ import annotations

import re
from typing import List, Tuple

# Sentence ends and contrastive or listing joints. "en"/"and" split only after a
# comma, where they usually start a new statement rather than join two nouns.
SPLIT = re.compile(
    r"[.;!?\n]+\s*|:\s+|,\s*(?=(?:maar|en|want|terwijl|toch|wel|ook|omdat|but|and|while|although|yet)\b)"
    r"|\s+(?=(?:maar|but|terwijl|while|although)\b)"
)
MIN_CHARS = 4


def clauses(text: str) -> List[Tuple[int, int, str]]:
    """(start, end, clause) for each clause of `text`; the whole text when it has one."""
    result: List[Tuple[int, int, str]] = []
    start = 0
    for match in SPLIT.finditer(text):
        if match.start() > start:
            result.append((start, match.start(), text[start:match.start()]))
        start = match.end()
    if start < len(text):
        result.append((start, len(text), text[start:]))
    result = [(s, e, c) for s, e, c in result if len(c.strip()) >= MIN_CHARS]
    return result or [(0, len(text), text)]
