"""A stored signal made readable for a supervisor: answers by ILO dimension, Dutch labels.

Labels of codes come from catalogue/labels.yml (signaal.labels), indicator
texts from the catalogue (signaal.catalogue); where an indicator's label is
not written yet the contract's meaning is shown instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from signaal.assessment import strength_list_for
from signaal.catalogue import DIMENSIONS, ILO_DIMENSIONS, load_catalogue
from signaal.labels import bilingual, label, pick
from signaal.next_steps import steps_from_signal
from signaal.person_mode import language as person_language
from signaal.person_mode import officer_lines


@dataclass
class AnswerRow:
    indicator_id: str
    label: str
    answer: str
    answer_label: str
    strength: str
    source: str
    evidence: Optional[str]


@dataclass
class DimensionGroup:
    key: str
    label: str
    present: Optional[bool]  # None for observations (no ILO element)
    rows: List[AnswerRow] = field(default_factory=list)


def _ilo_list(payload: Dict[str, Any]) -> str:
    context = payload.get("context") or {}
    return strength_list_for(context.get("exploitation_type"), context.get("minor_involved"))


def answers_by_dimension(payload: Dict[str, Any]) -> List[DimensionGroup]:
    catalogue = load_catalogue()
    present = (payload.get("assessment") or {}).get("dimensions") or {}
    ilo_list = _ilo_list(payload)
    groups = {
        key: DimensionGroup(
            key=key, label=bilingual("dimensions", key), present=present.get(key) if key in ILO_DIMENSIONS else None
        )
        for key in DIMENSIONS
    }
    for answer in payload.get("indicators") or []:
        indicator = catalogue.indicators.get(answer["id"])
        dimension = indicator.dimension if indicator else "observation"
        strength = (indicator.strength(ilo_list) if indicator else None) or ""
        groups.setdefault(dimension, DimensionGroup(key=dimension, label=dimension, present=None)).rows.append(
            AnswerRow(
                indicator_id=answer["id"],
                label=indicator.text("label") if indicator else answer["id"],
                answer=answer["answer"],
                answer_label=label("answers", answer["answer"]),
                strength=label("strengths", strength),
                source=label("sources", answer.get("source")),
                evidence=answer.get("evidence"),
            )
        )
    return [group for group in groups.values() if group.rows or group.present]


def osm_link(lat: Optional[float], lon: Optional[float]) -> Optional[str]:
    if lat is None or lon is None:
        return None
    return f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=17/{lat:.6f}/{lon:.6f}"


def person_part(payload: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """What the person answered themselves, in Dutch, with the language it was asked in."""
    person = payload.get("person") or {}
    answers = {a.get("question"): a.get("answer") for a in person.get("answers") or [] if isinstance(a, dict)}
    if not answers:
        return None
    lang = person_language(person.get("language"))
    return {
        "language": lang.name_nl if lang else str(person.get("language")),
        "reviewed": bool(person.get("reviewed_by_native_speaker")),
        "lines": officer_lines(answers, "nl"),
    }


def signal_summary(payload: Dict[str, Any]) -> Dict[str, Any]:
    """Context, assessment and location as a template needs them."""
    context = payload.get("context") or {}
    assessment = payload.get("assessment") or {}
    location = context.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    return {
        "exploitation_label": label("exploitation_types", context.get("exploitation_type")),
        "minor_label": label("answers", context.get("minor_involved")),
        # A code of the setting question, or the officer's own words (shown as written).
        "setting_label": label("settings", context.get("setting")),
        "persons": context.get("persons"),
        "location_text": location.get("text"),
        "lat": lat,
        "lon": lon,
        "map_url": osm_link(lat, lon),
        "priority_label": label("priorities", assessment.get("priority")),
        "ilo_likely_victim": assessment.get("ilo_likely_victim"),
        "reasons": assessment.get("reasons") or [],
        "notes": payload.get("notes"),
        "acute_danger": payload.get("acute_danger"),
        "language": payload.get("language"),
        "unit": (payload.get("reporter") or {}).get("unit"),
        "person": person_part(payload),
    }


@dataclass
class NextStepRow:
    id: str
    text: str        # Dutch
    text_en: str
    source_title: str
    source_url: Optional[str]
    checked: str


def next_steps_rows(payload: Dict[str, Any]) -> List[NextStepRow]:
    """The next steps the officer was shown (the signal's `next_steps`), with their sources."""
    return [
        NextStepRow(step.id, pick(step.text, "nl"), pick(step.text, "en"), step.source.get("title", ""),
                    step.source.get("url"), step.source.get("checked", ""))
        for step in steps_from_signal(payload)
    ]
