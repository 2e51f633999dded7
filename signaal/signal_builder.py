"""Build the forwarded signal (contract: signal.schema.json) from a check.

Pure: the Rasa action collects the conversation's facts into `CheckState`
and this module turns them into the contract's JSON object.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional

from signaal.assessment import assess
from signaal.catalogue import load_catalogue
from signaal.next_steps import select_next_steps
from signaal.person_mode import signal_part

SOURCES = ("checklist", "free_text", "person")  # person: answered on the officer's phone (signaal/person_mode.py)

NOTES_MAX = 4000
EVIDENCE_MAX = 1000


@dataclass
class CheckState:
    answers: Mapping[str, Optional[str]]  # indicator id -> yes/no/unknown (None: not asked)
    exploitation_type: Optional[str] = None
    minor_involved: Optional[str] = None
    setting: Optional[str] = None
    persons: Optional[str] = None
    acute_danger: bool = False
    evidence: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)  # id -> checklist/free_text/person
    notes: Optional[str] = None
    location: Optional[Mapping[str, Any]] = None
    language: str = "nl"
    person_answers: Mapping[str, str] = field(default_factory=dict)  # person question key -> yes/no/unknown
    person_language: Optional[str] = None


def _persons(value: Optional[str]) -> Optional[int]:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _location(value: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    if not value:
        return None
    location: Dict[str, Any] = {"text": None, "lat": None, "lon": None}
    if value.get("text"):
        location["text"] = str(value["text"])[:500]
    for key, bound in (("lat", 90), ("lon", 180)):
        try:
            number = float(value.get(key))
        except (TypeError, ValueError):
            continue
        if -bound <= number <= bound:
            location[key] = number
    return location


def answered(state: CheckState) -> Dict[str, str]:
    """Indicator answers that were given (yes/no/unknown), catalogue ids only."""
    catalogue = load_catalogue()
    return {k: v for k, v in state.answers.items() if k in catalogue.indicators and v in ("yes", "no", "unknown")}


def build_signal(
    state: CheckState,
    reporter_pseudonym: str,
    mode: str = "live",
    signal_id: Optional[str] = None,
    created_at: Optional[datetime] = None,
    unit: Optional[str] = None,
) -> Dict[str, Any]:
    answers = answered(state)
    exploitation_type = state.exploitation_type if state.exploitation_type in (
        "sexual", "labour", "criminal", "organ_removal") else "unknown"
    minor = state.minor_involved if state.minor_involved in ("yes", "no", "unknown") else "unknown"
    assessment = assess(answers, exploitation_type, minor, acute_danger=state.acute_danger)
    indicators: List[Dict[str, Any]] = []
    for indicator_id, answer in answers.items():
        source = state.sources.get(indicator_id, "checklist")
        item: Dict[str, Any] = {
            "id": indicator_id,
            "answer": answer,
            "source": source if source in SOURCES else "checklist",
        }
        evidence = state.evidence.get(indicator_id)
        if evidence:
            item["evidence"] = str(evidence)[:EVIDENCE_MAX]
        indicators.append(item)
    notes = state.notes[:NOTES_MAX] if state.notes else None
    setting = state.setting if state.setting and state.setting != "unknown" else None
    signal: Dict[str, Any] = {
        "id": signal_id or str(uuid.uuid4()),
        "created_at": (created_at or datetime.now(timezone.utc)).isoformat(),
        "mode": mode,
        "language": state.language if state.language in ("nl", "en") else "nl",
        "reporter": {"pseudonym": reporter_pseudonym, "unit": unit},
        "context": {
            "exploitation_type": exploitation_type,
            "setting": setting,
            "minor_involved": minor,
            "persons": _persons(state.persons),
            "location": _location(state.location),
        },
        "indicators": indicators,
        "assessment": assessment.to_signal_dict(),
        "acute_danger": bool(state.acute_danger),
        "notes": notes,
        "next_steps": [step.id for step in select_next_steps(
            exploitation_type, minor, setting, bool(state.acute_danger), answers)],
    }
    person = signal_part(state.person_answers, state.person_language)
    if person:
        signal["person"] = person
    return signal
