"""The officer's summary of a check, in plain Dutch (or English). Pure."""
from __future__ import annotations

from typing import Any, List, Mapping, Optional, Sequence

from signaal.catalogue import DIMENSIONS, load_catalogue
from signaal.labels import label

YES_NONE = {"nl": "Nog geen signalen met 'ja' beantwoord.", "en": "No signals answered 'yes' yet."}
# Not "they would not have changed the outcome": a dimension closed by its screening
# questions might still hold; the officer is told where to look.
NOT_ASKED = {
    "nl": "Niet gevraagd ({count}): {dimensions}. Zie je daar iets van, beschrijf het gewoon: het telt dan alsnog mee.",
    "en": "Not asked ({count}): {dimensions}. If you see any of it, just describe it: it will still count.",
}
HEADINGS = {
    "nl": {"signals": "Signalen (ja):", "assessment": "Beoordeling:", "priority": "Prioriteit", "acute": "⚠️ Acuut gevaar gemeld.",
           "minor": "Minderjarige betrokken: kinderregel toegepast.", "present": "Aanwezig"},
    "en": {"signals": "Signals (yes):", "assessment": "Assessment:", "priority": "Priority", "acute": "⚠️ Acute danger reported.",
           "minor": "Minor involved: child rule applied.", "present": "Present"},
}


def _source_note(indicator_id: str, sources: Optional[Mapping[str, str]], language: str) -> str:
    return f" ({label('sources', 'person', language)})" if (sources or {}).get(indicator_id) == "person" else ""


def format_summary(answers: Mapping[str, str], assessment: Any, language: str = "nl",
                   acute_danger: bool = False, minor_involved: str = "unknown", not_asked: Sequence[str] = (),
                   sources: Optional[Mapping[str, str]] = None) -> str:
    """The summary; an answer the person gave themselves (source `person`) says so.
    `not_asked`: indicator ids that apply but were not asked, named by dimension."""
    language = language if language in HEADINGS else "nl"
    words = HEADINGS[language]
    catalogue = load_catalogue()
    lines: List[str] = [words["signals"]]
    any_yes = False
    for dimension in DIMENSIONS:
        yes = [i for i in catalogue.by_dimension(dimension) if answers.get(i.id) == "yes"]
        if not yes:
            continue
        any_yes = True
        lines.append(f"▸ {label('dimensions', dimension, language)}")
        lines += [f"   • {i.text('label', language)}{_source_note(i.id, sources, language)}" for i in yes]
    if not any_yes:
        lines.append(YES_NONE[language])
    lines.append("")
    lines.append(f"{words['assessment']} {words['priority']}: {label('priorities', assessment.priority, language)}")
    if acute_danger:
        lines.append(words["acute"])
    if minor_involved == "yes":
        lines.append(words["minor"])
    present = [label("dimensions", d, language) for d, on in assessment.dimensions.items() if on]
    if present:
        lines.append(f"{words['present']}: " + ", ".join(present))
    reasons = assessment.reasons if language == "nl" else getattr(assessment, "reasons_en", assessment.reasons)
    lines += [f"– {reason}" for reason in reasons]
    if not_asked:
        per_dimension = {d: sum(1 for i in not_asked if i in catalogue.indicators and catalogue.indicators[i].dimension == d)
                         for d in DIMENSIONS}
        named = ", ".join(f"{label('dimensions', d, language)} ({n})" for d, n in per_dimension.items() if n)
        lines += ["", NOT_ASKED[language].format(count=len(not_asked), dimensions=named)]
    return "\n".join(lines)
