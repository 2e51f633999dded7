"""Next steps per situation (catalogue/next_steps.yml through signaal/next_steps.py)."""
from __future__ import annotations

from signaal.next_steps import load_next_steps, next_steps_text, select_next_steps, steps_from_signal


def ids(steps):
    return [step.id for step in steps]


def test_every_step_has_a_dated_source():
    for step in load_next_steps().steps:
        assert step.source["checked"].startswith("20") and step.source["title"], step.id


def test_adult_labour_exploitation_in_a_workplace():
    chosen = ids(select_next_steps("labour", "no", "workplace", False, {"excessive_hours": "yes"}))
    assert "forward" in chosen and "keep_apart" in chosen
    assert "labour_nla" in chosen and "comensha_adult" in chosen
    assert not {"minor_care", "minor_nidos", "call_112", "reflection_kmar", "reflection_police"} & set(chosen)


def test_adult_labour_without_residence_right_gets_the_reflection_period_from_the_police():
    chosen = ids(select_next_steps("labour", "no", "workplace", False, {"irregular_status": "yes"}))
    assert "reflection_police" in chosen and "reflection_kmar" not in chosen


def test_unaccompanied_foreign_minor():
    chosen = ids(select_next_steps("sexual", "yes", "residence", False, {"irregular_status": "yes"}))
    assert "minor_care" in chosen and "minor_nidos" in chosen and "forward" in chosen
    assert "comensha_adult" not in chosen and "labour_nla" not in chosen


def test_a_dutch_minor_gets_youth_care_but_not_nidos():
    chosen = ids(select_next_steps("criminal", "yes", "other", False, {"irregular_status": "no"}))
    assert "minor_care" in chosen and "minor_nidos" not in chosen


def test_border_check_gets_the_kmar_reflection_period():
    chosen = ids(select_next_steps("sexual", "no", "border", False, {}))
    assert "reflection_kmar" in chosen and "reflection_police" not in chosen
    assert "comensha_adult" in chosen


def test_acute_danger_puts_112_first():
    chosen = ids(select_next_steps(None, "unknown", None, True, {}))
    assert chosen[0] == "call_112"


def test_stored_signal_uses_its_ids_and_older_signals_are_selected_from_context():
    assert ids(steps_from_signal({"next_steps": ["forward", "labour_nla", "no_such_step"]})) == ["forward", "labour_nla"]
    older = {"context": {"exploitation_type": "labour", "minor_involved": "no", "setting": "border"},
             "indicators": [], "acute_danger": False}
    assert "reflection_kmar" in ids(steps_from_signal(older))


def test_text_is_dutch_first_with_an_english_variant():
    steps = select_next_steps("labour", "no", "workplace", False, {})
    assert next_steps_text(steps, "nl").startswith("Wat nu?")
    assert "Labour Authority" in next_steps_text(steps, "en")
