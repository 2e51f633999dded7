"""Exercise scenarios: the shipped files are valid and cover what trainers need;
a broken file is reported by name; questions are answered from the facts."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from signaal.assessment import assess
from signaal.catalogue import contract_ids
from signaal.scenarios import (
    SCENARIOS_DIR,
    Fact,
    Scenario,
    answer_fact,
    load_scenarios,
)

# Single words a trainer should not use as keywords: they occur in most questions
# and would steer every question to the first fact that lists them.
QUESTION_WORDS = {
    "nl": {"wie", "wat", "waar", "hoe", "waarom", "wanneer", "is", "de", "het", "een", "hij", "zij", "ze",
           "haar", "zijn", "er", "over", "zegt", "heeft"},
    "en": {"who", "what", "where", "how", "why", "when", "is", "the", "a", "an", "he", "she", "they",
           "her", "his", "does", "say", "says", "about", "has"},
}


@pytest.fixture(scope="module")
def shipped():
    return load_scenarios()


def _context_type(scenario: Scenario) -> str:
    return "unknown" if scenario.exploitation_type == "none" else scenario.exploitation_type


def test_all_shipped_scenarios_load_without_errors(shipped):
    assert shipped.errors == []
    files = sorted(p.stem for p in SCENARIOS_DIR.glob("*.yml"))
    assert shipped.ids() == files
    assert len(shipped) >= 10


def test_keyed_ids_exist_in_the_contract_and_have_explanations(shipped):
    known = set(contract_ids())
    for scenario in shipped:
        assert set(scenario.keyed_ids) <= known, scenario.id
        assert not set(scenario.present) & set(scenario.absent), scenario.id
        for indicator_id in scenario.keyed_ids:
            for language in ("nl", "en"):
                assert scenario.explanation(indicator_id, language).strip(), (scenario.id, indicator_id, language)
        assert 5 <= len(scenario.facts) <= 10, scenario.id


def test_coverage_of_types_settings_minor_and_controls(shipped):
    cases = [s for s in shipped if s.trafficking]
    controls = [s for s in shipped if not s.trafficking]
    assert {"sexual", "labour", "criminal"} <= {s.exploitation_type for s in cases}
    assert any(s.exploitation_type == "sexual" and s.minor_involved == "yes"
               and "false_relationship_promise" in s.present for s in cases), "a loverboy case with a minor"
    assert any(s.setting == "border" for s in cases), "a trafficking case at the border"
    assert any(s.setting == "traffic_stop" for s in cases), "a case met during a traffic stop"
    assert len(controls) >= 2
    assert all(s.exploitation_type == "none" for s in controls)
    # the two kinds of control the brief asks for: a legal workplace and a smuggling case
    assert any(s.setting == "workplace" for s in controls)
    assert any(s.setting in ("border", "traffic_stop") and "irregular_status" in s.present for s in controls)
    labour_settings = " ".join(s.id for s in cases if s.exploitation_type == "labour")
    for kind in ("nail_salon", "greenhouse", "car_wash"):
        assert kind in labour_settings


def test_answer_keys_agree_with_the_ilo_rule(shipped):
    for scenario in shipped:
        outcome = assess({i: "yes" for i in scenario.present}, _context_type(scenario), scenario.minor_involved)
        if scenario.trafficking and scenario.exploitation_started:
            assert outcome.ilo_likely_victim, f"{scenario.id}: key should give a likely victim"
        else:
            assert not outcome.ilo_likely_victim, f"{scenario.id}: key should not give a likely victim"


def test_fact_keywords_avoid_bare_question_words(shipped):
    for scenario in shipped:
        for fact in scenario.facts:
            for language, words in fact.keywords.items():
                generic = {w for w in words if w.lower() in QUESTION_WORDS[language]}
                assert not generic, (scenario.id, language, generic)


# --- broken files ------------------------------------------------------------

def _copy_two_valid(tmp_path: Path) -> None:
    for name in ("nail_salon_rotterdam.yml", "control_busy_restaurant.yml"):
        shutil.copy(SCENARIOS_DIR / name, tmp_path / name)


def _variant(name: str, change) -> dict:
    data = yaml.safe_load((SCENARIOS_DIR / "greenhouse_westland.yml").read_text(encoding="utf-8"))
    change(data)
    return data


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_broken_files_are_reported_by_name_and_the_others_load(tmp_path):
    _copy_two_valid(tmp_path)
    (tmp_path / "bad_yaml.yml").write_text("id: bad_yaml\ntitle: {nl: [unclosed\n", encoding="utf-8")

    def unknown_id(d):
        d["id"] = "unknown_indicator"
        d["answer_key"]["present"].append("passport_eaten_by_dog")
        d["answer_key"]["explanations"]["passport_eaten_by_dog"] = {"nl": "x", "en": "x"}
    _write(tmp_path / "unknown_indicator.yml", _variant("unknown_indicator", unknown_id))

    def wrong_id(d):
        d["id"] = "something_else"
    _write(tmp_path / "wrong_id.yml", _variant("wrong_id", wrong_id))

    def no_explanation(d):
        d["id"] = "no_explanation"
        del d["answer_key"]["explanations"]["violence"]
    _write(tmp_path / "no_explanation.yml", _variant("no_explanation", no_explanation))

    def bad_setting(d):
        d["id"] = "bad_setting"
        d["setting"] = "beach"
    _write(tmp_path / "bad_setting.yml", _variant("bad_setting", bad_setting))

    def short_story(d):
        d["id"] = "short_story"
        d["narrative"]["en"] = "A man in a greenhouse."
    _write(tmp_path / "short_story.yml", _variant("short_story", short_story))

    result = load_scenarios(tmp_path)

    assert result.ids() == ["control_busy_restaurant", "nail_salon_rotterdam"]
    def errors_for(name):
        return [e for e in result.errors if e.startswith(name + ":")]
    assert errors_for("bad_yaml.yml") and "YAML" in errors_for("bad_yaml.yml")[0]
    assert any("passport_eaten_by_dog" in e for e in errors_for("unknown_indicator.yml"))
    assert any("something_else" in e and "file name" in e for e in errors_for("wrong_id.yml"))
    assert any("no explanation for violence" in e for e in errors_for("no_explanation.yml"))
    assert any(e.startswith("bad_setting.yml: setting:") and "beach" in e for e in errors_for("bad_setting.yml"))
    assert any("narrative/en" in e and "words" in e for e in errors_for("short_story.yml"))
    # every error names one of the broken files, none names a valid one
    named = {e.split(":", 1)[0] for e in result.errors}
    assert named == {"bad_yaml.yml", "unknown_indicator.yml", "wrong_id.yml", "no_explanation.yml",
                     "bad_setting.yml", "short_story.yml"}


def test_missing_directory_is_an_error_not_a_crash(tmp_path):
    result = load_scenarios(tmp_path / "nope")
    assert len(result) == 0
    assert result.errors and "not found" in result.errors[0]


def test_get_ids_and_random(shipped):
    assert shipped.get("nail_salon_rotterdam").setting == "workplace"
    assert shipped.get("no_such_scenario") is None
    first = shipped.random(random.Random(7)).id
    assert first == shipped.random(random.Random(7)).id
    seen = {shipped.random(random.Random(seed)).id for seed in range(60)}
    assert len(seen) > 1 and seen <= set(shipped.ids())


# --- answering questions from the facts --------------------------------------

def _scenario_with(facts) -> Scenario:
    return Scenario(
        id="t", title={"nl": "t", "en": "t"}, setting="other", narrative={"nl": "", "en": ""},
        exploitation_type="labour", minor_involved="no", persons=1, trafficking=True,
        present=(), absent=(), explanations={}, facts=tuple(facts), teaches={"nl": "", "en": ""},
    )


PAY = Fact({"nl": ("loon", "betaal*"), "en": ("wage", "paid")}, {"nl": "Vijf euro per uur.", "en": "Five euros an hour."})
SLEEP = Fact({"nl": ("slaap*", "slapen", "woont"), "en": ("sleep*",)}, {"nl": "In de schuur.", "en": "In the barn."})
PASSPORT = Fact({"nl": ("paspoort", "geïnd geld"), "en": ("passport",)}, {"nl": "De baas heeft het.", "en": "The boss has it."})
EXTRA = Fact({"nl": ("loon", "ingehouden loon"), "en": ("withheld",)}, {"nl": "Er wordt ingehouden.", "en": "It is withheld."})


def test_answer_fact_matches_keywords_in_the_question():
    scenario = _scenario_with([PAY, SLEEP, PASSPORT])
    assert answer_fact(scenario, "Wat zegt de man over zijn loon?", "nl") == "Vijf euro per uur."
    assert answer_fact(scenario, "Waar SLAAPT hij?", "nl") == "In de schuur."  # case and stem*
    assert answer_fact(scenario, "Wordt hij betaald?", "nl") == "Vijf euro per uur."
    assert answer_fact(scenario, "Where does he sleep?", "en") == "In the barn."


def test_answer_fact_whole_words_only_and_none_without_overlap():
    scenario = _scenario_with([PAY, SLEEP, PASSPORT])
    assert answer_fact(scenario, "Heeft hij een loonstrook?", "nl") is None  # 'loon' is not 'loonstrook'
    assert answer_fact(scenario, "Hoe is het weer?", "nl") is None
    assert answer_fact(scenario, "", "nl") is None


def test_answer_fact_is_accent_insensitive_and_prefers_best_overlap():
    scenario = _scenario_with([PAY, EXTRA, PASSPORT])
    assert answer_fact(scenario, "Is er geind geld?", "nl") == "De baas heeft het."
    # 'loon' ties PAY and EXTRA; the phrase 'ingehouden loon' gives EXTRA the better overlap
    assert answer_fact(scenario, "Is er ingehouden loon?", "nl") == "Er wordt ingehouden."
    assert answer_fact(scenario, "En het loon?", "nl") == "Vijf euro per uur."  # tie: first listed


def test_answer_fact_falls_back_to_the_other_language_but_answers_in_the_asked_one():
    scenario = _scenario_with([PAY, SLEEP])
    assert answer_fact(scenario, "wage?", "nl") == "Vijf euro per uur."
    assert answer_fact(scenario, "loon?", "en") == "Five euros an hour."


def test_shipped_scenario_answers_an_officers_question(shipped):
    salon = shipped.get("nail_salon_rotterdam")
    assert "€ 300" in answer_fact(salon, "Wat zegt de vrouw over haar loon?", "nl")
    assert "mattresses" in answer_fact(salon, "Where do they sleep?", "en")
    schiphol = shipped.get("schiphol_border_check")
    assert "Italië" in answer_fact(schiphol, "Welk werk moest ze in Italie doen?", "nl")


def test_docs_list_every_scenario(shipped):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "exercises.md").read_text(encoding="utf-8")
    for scenario in shipped:
        assert f"`{scenario.id}`" in docs, f"docs/exercises.md does not list {scenario.id}"
