"""Is a matched phrase negated or attributed away in its clause?

"geen blauwe plekken gezien", "hij heeft zijn paspoort zelf", "ze zegt dat ze
vrij is om te gaan": a cue before the phrase in the same clause, or a
self-possession cue after it, turns the match off. Used for the ruler's phrase
matches; the trained model learns the same from the voices' negative examples.
"""
from __future__ import annotations

import re

# The words that negate what follows, shared with the model's negation marking.
NEGATION_CUES = frozenset({"geen", "niet", "nooit", "zonder", "niks", "niets", "nergens", "nee", "not", "no", "never",
                           "without", "none", "nothing", "n't"})
CONTRACTIONS = ("isn't", "aren't", "wasn't", "doesn't", "don't", "didn't", "hasn't", "haven't")
BEFORE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, (NEGATION_CUES - {"n't"}) | set(CONTRACTIONS)))) + r")\b")
SELF_AFTER = re.compile(r"\b(zelf|zelfstandig|eigen|own|himself|herself|themselves|vrij|free|gewoon bij zich)\b")
WINDOW = 40  # characters of the clause before the phrase that may hold the cue


def negated(clause: str, start: int, end: int) -> bool:
    """True when the phrase at clause[start:end] is negated or its opposite is stated."""
    before = clause[max(0, start - WINDOW):start].lower()
    after = clause[end:end + 25].lower()
    return bool(BEFORE.search(before)) or bool(SELF_AFTER.search(after) and not BEFORE.search(after))


# Words that take an indicator back or explain it away ("blijkt vier broers", "heeft zijn eigen sleutel",
# "niemand heeft hem iets voorgezegd", "turned out to be"). A model finding in a text with one of these
# needs more confidence (catalogue/recognition.yml: `disconfirmed`); the model sees the words too, but
# the voices have few such examples per indicator.
DISCONFIRM = re.compile(
    r"\b(?:blijkt|bleek|bleken|blijken|turned out|turns out|actually|juist|gewoon|eigen|zelf|zelfstandig|vrij|freely|"
    r"normale?|netjes|keurig|fatsoenlijk\w*|confirmed|bevestig\w*|geldig\w*|valid|niemand|nobody|no one|niets|niks|"
    r"nothing|geen|niet|nooit|not|no|never|without|zonder|n't)\b|n't\b")


def disconfirmed(text: str) -> bool:
    """True when the text has a word that may take an indicator back (see DISCONFIRM)."""
    return bool(DISCONFIRM.search(text.lower()))


# "De buurman dacht dat de meisjes opgesloten zaten, maar de deur is op slot vanwege inbraak":
# a belief that the next clause corrects is no statement of the indicator.
BELIEF = re.compile(r"\b(?:dacht|dachten|denkt|meende|vermoedde|leek|leken|thought|believed|suspected|seemed|assumed)\b")
CORRECTION = re.compile(r"^\s*(?:maar|but|however|echter)\b|\b(?:blijkt|bleek|bleken|turned out|turns out|in fact|actually)\b")


def corrected_belief(clause: str, next_clause: str) -> bool:
    """True when `clause` states a belief ("dacht dat…") that `next_clause` corrects ("maar…", "bleek…")."""
    return bool(BELIEF.search(clause.lower()) and CORRECTION.search(next_clause.lower()))
