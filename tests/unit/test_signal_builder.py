"""The forwarded signal matches the contract's schema (pure)."""
import uuid

from signaal.signal_builder import CheckState, build_signal
from signaal.signal_schema import schema_errors


def state(**overrides):
    values = dict(
        answers={"documents_confiscated": "yes", "violence": "no", "excessive_hours": "unknown", "not_an_id": "yes"},
        exploitation_type="labour", minor_involved="no", setting="workplace", persons="4",
        evidence={"documents_confiscated": "de baas heeft de paspoorten"},
        sources={"documents_confiscated": "free_text"},
    )
    values.update(overrides)
    return CheckState(**values)


def test_signal_is_valid_against_the_contract():
    signal = build_signal(state(), "web-abc")
    assert schema_errors(signal) == []
    assert uuid.UUID(signal["id"])
    assert signal["mode"] == "live" and signal["reporter"] == {"pseudonym": "web-abc", "unit": None}


def test_answers_keep_source_and_evidence_and_drop_unknown_ids():
    indicators = {i["id"]: i for i in build_signal(state(), "web-abc")["indicators"]}
    assert set(indicators) == {"documents_confiscated", "violence", "excessive_hours"}
    assert indicators["documents_confiscated"]["source"] == "free_text"
    assert indicators["documents_confiscated"]["evidence"] == "de baas heeft de paspoorten"
    assert indicators["violence"]["source"] == "checklist"


def test_context_is_normalised():
    signal = build_signal(state(exploitation_type=None, minor_involved=None, persons="unknown", setting="unknown"), "tg-1")
    assert signal["context"]["exploitation_type"] == "unknown"
    assert signal["context"]["minor_involved"] == "unknown"
    assert signal["context"]["persons"] is None and signal["context"]["setting"] is None


def test_a_huge_note_is_cut_to_the_schema_limit_and_stays_valid():
    signal = build_signal(state(notes="x" * 10000), "web-abc")
    assert len(signal["notes"]) == 4000
    assert schema_errors(signal) == []


def test_location_out_of_range_is_dropped():
    signal = build_signal(state(location={"lat": 123, "lon": 5.1, "text": "Utrecht"}), "web-abc")
    assert signal["context"]["location"] == {"text": "Utrecht", "lat": None, "lon": 5.1}


def test_same_id_when_given():
    assert build_signal(state(), "web-abc", signal_id="0b0c3f0e-4f5e-4c4e-9a43-3c1f1b5f2a10")["id"] == \
        "0b0c3f0e-4f5e-4c4e-9a43-3c1f1b5f2a10"


def test_acute_danger_makes_it_urgent():
    signal = build_signal(state(acute_danger=True), "web-abc")
    assert signal["acute_danger"] is True and signal["assessment"]["priority"] == "urgent"


def test_signal_carries_the_next_steps_of_its_situation():
    from signaal.signal_builder import CheckState, build_signal
    from signaal.signal_schema import schema_errors

    state = CheckState(answers={"irregular_status": "yes", "excessive_hours": "yes"}, exploitation_type="labour",
                       minor_involved="no", setting="border")
    signal = build_signal(state, "tg-aaaaaaaaaaaaaaaaaaaaaaaa")
    assert {"forward", "labour_nla", "reflection_kmar", "comensha_adult"} <= set(signal["next_steps"])
    assert "minor_care" not in signal["next_steps"]
    assert schema_errors(signal) == []
