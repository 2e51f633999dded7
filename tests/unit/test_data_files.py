"""Every data file fits its JSON Schema (catalogue/schemas/), and every schema is used."""
from __future__ import annotations

import pytest

from signaal.data_files import SCHEMA_DIR, DataFileError, load_checked, schema_problems
from signaal.paths import CATALOGUE_DIR, CONTRACT_INDICATORS, ROOT

DATA_FILES = {
    CONTRACT_INDICATORS: "contract_indicators.schema.json",
    CATALOGUE_DIR / "indicators.yml": "catalogue.schema.json",
    CATALOGUE_DIR / "ilo_rule.yml": "ilo_rule.schema.json",
    CATALOGUE_DIR / "acute_danger.yml": "acute_danger.schema.json",
    CATALOGUE_DIR / "labels.yml": "labels.schema.json",
    CATALOGUE_DIR / "person_questions.yml": "person_questions.schema.json",
    CATALOGUE_DIR / "pocket_card.yml": "pocket_card.schema.json",
    CATALOGUE_DIR / "person_screen_safety.yml": "person_screen_safety.schema.json",
    **{path: "person_language.schema.json" for path in sorted((CATALOGUE_DIR / "person_languages").glob("*.yml"))},
    CATALOGUE_DIR / "faq_sources.yml": "faq_sources.schema.json",
    CATALOGUE_DIR / "next_steps.yml": "next_steps.schema.json",
    CATALOGUE_DIR / "recognition.yml": "recognition.schema.json",
    **{path: "scenario.schema.json" for path in sorted((CATALOGUE_DIR / "scenarios").glob("*.yml"))},
    **{path: "voices.schema.json" for path in sorted((CATALOGUE_DIR / "voices").glob("*.yml"))},
    **{path: "voices.schema.json" for path in sorted((CATALOGUE_DIR / "voices" / "in_review").glob("*.yml"))},
}
SHARED = {"texts.schema.json"}  # definitions other schemas $ref


@pytest.mark.parametrize("path", sorted(DATA_FILES), ids=lambda p: str(p.relative_to(ROOT)))
def test_data_file_fits_its_schema(path):
    load_checked(path, SCHEMA_DIR / DATA_FILES[path])


def test_every_schema_is_used():
    used = set(DATA_FILES.values()) | SHARED
    assert {p.name for p in SCHEMA_DIR.glob("*.schema.json")} <= used


def test_a_problem_names_the_file_the_place_and_the_fault(tmp_path):
    broken = tmp_path / "labels.yml"
    broken.write_text("priorities:\n  urgent: {nl: Spoed}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_checked(broken, SCHEMA_DIR / "labels.schema.json")
    assert str(broken) in str(error.value) and "priorities/urgent" in str(error.value) and "'en'" in str(error.value)


def test_a_bare_yes_gets_a_hint_to_quote_it():
    problems = schema_problems(SCHEMA_DIR / "ilo_rule.schema.json", {"victim_rule": [{"when": {"minor_involved": True}}]})
    assert any("quoted string" in problem for problem in problems)
