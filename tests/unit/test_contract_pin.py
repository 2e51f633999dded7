"""contract/ is the project's copy of the published contract: these tests pin it.

The published indicator ids and the signal schema's published fields may never
disappear or be renamed: outside tests and other parts rely on them. When this
fails, restore the id or field. What may change, with a citation in the file:
an indicator's dimension or strength (corrected against the ILO brochure), new
ids, and new optional schema fields. Add a new id here only once it is published.
"""
from __future__ import annotations

import json

import yaml

from signaal.paths import CONTRACT_INDICATORS, SIGNAL_SCHEMA

PUBLISHED_IDS = frozenset({
    "bad_living_conditions", "debt_bondage", "deceived_about_conditions", "deceived_about_documents",
    "deceived_about_job", "dependent_on_exploiter", "documents_confiscated", "earnings_handed_over",
    "excessive_hours", "false_relationship_promise", "fearful_behaviour", "forced_criminal_activity",
    "forced_tasks_or_clients", "forced_to_lie", "frequently_moved", "hazardous_work", "inconsistent_story",
    "irregular_status", "lack_of_information", "low_or_no_pay", "many_people_one_address", "movement_restricted",
    "no_contract_or_rights", "no_medical_care", "ownership_tattoo", "personal_vulnerability", "recruited_by_force",
    "recruitment_debt", "signs_of_abuse", "social_isolation", "sudden_wealth", "third_party_control",
    "threat_of_denunciation", "threats_of_violence", "threats_to_family", "travel_controlled",
    "under_strong_influence", "unknown_surroundings", "violence", "vulnerable_background", "wages_withheld",
})
PUBLISHED_GROUPS = frozenset({
    "deceptive_recruitment", "coercive_recruitment", "vulnerability_recruitment", "exploitation",
    "coercion_destination", "vulnerability_destination", "observation",
})
PUBLISHED_REQUIRED = ("id", "created_at", "mode", "language", "reporter", "context", "indicators", "assessment",
                      "acute_danger")
STRENGTH_KEYS = {"strength", "sexual", "child", "child_labour", "child_sexual"}


def contract():
    return yaml.safe_load(CONTRACT_INDICATORS.read_text(encoding="utf-8"))


def test_every_published_indicator_id_is_kept():
    ids = {indicator for group in contract().values() for indicator in group}
    assert PUBLISHED_IDS - ids == set(), "restore these contract ids (they are never renamed or removed)"


def test_groups_are_the_published_ones_and_ids_are_unique():
    data = contract()
    assert set(data) == PUBLISHED_GROUPS
    ids = [indicator for group in data.values() for indicator in group]
    assert len(ids) == len(set(ids))


def test_strength_keys_are_the_published_ones():
    for group, indicators in contract().items():
        for indicator_id, spec in indicators.items():
            assert "meaning" in spec, indicator_id
            strengths = {k: v for k, v in spec.items() if k in STRENGTH_KEYS}
            if group == "observation":
                assert not strengths, f"{indicator_id}: observations carry no ILO strength"
            else:
                assert "strength" in strengths, indicator_id
                assert set(strengths.values()) <= {"strong", "medium", "weak"}, indicator_id


def test_signal_schema_keeps_the_published_fields():
    schema = json.loads(SIGNAL_SCHEMA.read_text(encoding="utf-8"))
    assert set(PUBLISHED_REQUIRED) <= set(schema["required"])
    assert set(schema["required"]) <= set(PUBLISHED_REQUIRED), "a new field must be optional"
    assert {"notes"} | set(PUBLISHED_REQUIRED) <= set(schema["properties"])
