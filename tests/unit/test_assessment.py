"""The assessment pinned on hand-worked cases (catalogue/ilo_rule.yml, ILO/EC 2009).

Strengths quoted in the comments are those of contract/indicators.yml:
S = strong, M = medium, W = weak, in the list the case selects.
"""
from __future__ import annotations

import json

import jsonschema
import pytest

from signaal.assessment import ILO_RULE, RuleError, assess, dimension_label, load_rule
from signaal.catalogue import ILO_DIMENSIONS, OBSERVATION, Catalogue, Indicator, load_catalogue
from signaal.paths import SIGNAL_SCHEMA


def yes(*ids: str) -> dict:
    return {i: "yes" for i in ids}


def present(assessment) -> set:
    return {d for d, on in assessment.dimensions.items() if on}


# --- the rule file and the catalogue agree ----------------------------------

def test_rule_dimensions_are_exactly_the_catalogue_ilo_dimensions():
    rule = load_rule()
    assert rule.dimensions == ILO_DIMENSIONS
    catalogue_dimensions = {i.dimension for i in load_catalogue().indicators.values()} - {OBSERVATION}
    assert catalogue_dimensions == set(rule.dimensions)


def test_every_dimension_of_the_likely_victim_rules_is_an_ilo_dimension():
    rule = load_rule()
    for victim_rule in rule.likely_victim.values():
        for group in victim_rule.all_of:
            assert set(group.any_of) <= set(ILO_DIMENSIONS)


# --- adult labour -------------------------------------------------------------

# Default (adult labour) list:
#   deceptive recruitment: deceived_about_job S + deceived_about_conditions M -> 1 S + 1 M: present
#   exploitation:          excessive_hours S + low_or_no_pay M               -> 1 S + 1 M: present
#   coercion destination:  documents_confiscated S + wages_withheld M       -> 1 S + 1 M: present
#   adult rule: recruitment AND exploitation AND coercion at destination    -> likely victim
ADULT_LABOUR_VICTIM = yes(
    "deceived_about_job", "deceived_about_conditions",
    "excessive_hours", "low_or_no_pay",
    "documents_confiscated", "wages_withheld",
)


def test_adult_labour_likely_victim():
    a = assess(ADULT_LABOUR_VICTIM, "labour", "no")
    assert present(a) == {"deceptive_recruitment", "exploitation", "coercion_destination"}
    assert a.ilo_likely_victim is True
    assert a.rule_applied == "adult"
    assert a.strength_list == "default"
    assert a.priority == "high"


def test_adult_without_coercion_at_destination_is_not_a_likely_victim():
    # Recruitment and exploitation only: the adult rule also needs coercion or
    # vulnerability at destination.
    answers = yes("deceived_about_job", "deceived_about_conditions", "excessive_hours", "low_or_no_pay")
    a = assess(answers, "labour", "no")
    assert present(a) == {"deceptive_recruitment", "exploitation"}
    assert a.ilo_likely_victim is False
    assert a.priority == "high"  # still: excessive_hours is a strong `yes`
    assert any("niet vastgesteld" in r and "ter plaatse" in r for r in a.reasons)


def test_adult_likely_victim_on_medium_and_weak_only_is_high_through_the_ilo_rule():
    # deceptive recruitment: deceived_about_conditions, deceived_about_documents,
    #   false_relationship_promise = 3 M -> present
    # exploitation: low_or_no_pay, earnings_handed_over, bad_living_conditions = 3 M -> present
    # vulnerability destination: dependent_on_exploiter M, irregular_status M,
    #   personal_vulnerability W = 2 M + 1 W -> present
    # No strong indicator at all: priority is high only because of the ILO rule.
    answers = yes(
        "deceived_about_conditions", "deceived_about_documents", "false_relationship_promise",
        "low_or_no_pay", "earnings_handed_over", "bad_living_conditions",
        "dependent_on_exploiter", "irregular_status", "personal_vulnerability",
    )
    a = assess(answers, "labour", "no")
    assert present(a) == {"deceptive_recruitment", "exploitation", "vulnerability_destination"}
    assert a.ilo_likely_victim is True
    assert a.priority == "high"
    assert any("waarschijnlijk slachtoffer" in r for r in a.reasons)


# --- adult sexual: the sexual list's grades -----------------------------------

def test_sexual_list_grades_excessive_hours_medium_and_forced_clients_strong():
    # sexual list: excessive_hours M, low_or_no_pay M -> 2 M: absent
    # default list: excessive_hours S, low_or_no_pay M -> 1 S + 1 M: present
    answers = yes("excessive_hours", "low_or_no_pay")
    assert assess(answers, "sexual", "no").dimensions["exploitation"] is False
    assert assess(answers, "labour", "no").dimensions["exploitation"] is True
    # forced_tasks_or_clients is coercion at destination (ILO), strong in the sexual list:
    # sexual list: forced_tasks_or_clients S + threats_to_family M -> present
    # default list: forced_tasks_or_clients M + threats_to_family M -> 2 M: absent
    answers = yes("forced_tasks_or_clients", "threats_to_family")
    assert assess(answers, "sexual", "no").dimensions["coercion_destination"] is True
    assert assess(answers, "labour", "no").dimensions["coercion_destination"] is False


def test_adult_sexual_likely_victim():
    # deceptive recruitment: false_relationship_promise, deceived_about_conditions,
    #   deceived_about_documents = 3 M -> present
    # exploitation (sexual list): excessive_hours M + low_or_no_pay M + earnings_handed_over M -> present
    # coercion destination: forced_tasks_or_clients S (sexual) + violence S -> 2 S: present
    answers = yes(
        "false_relationship_promise", "deceived_about_conditions", "deceived_about_documents",
        "excessive_hours", "low_or_no_pay", "earnings_handed_over",
        "forced_tasks_or_clients", "violence",
    )
    a = assess(answers, "sexual", "no")
    assert a.strength_list == "sexual"
    assert present(a) == {"deceptive_recruitment", "exploitation", "coercion_destination"}
    assert a.ilo_likely_victim is True
    assert a.priority == "high"
    exploitation_reason = next(r for r in a.reasons if r.startswith(f"{dimension_label('exploitation')} aanwezig"))
    assert "3 middelsterke aanwijzingen" in exploitation_reason


def test_one_strong_indicator_alone_is_no_element_but_high_priority():
    a = assess(yes("forced_tasks_or_clients"), "sexual", "no")  # S in the sexual list
    assert not any(a.dimensions.values())
    assert a.priority == "high"


# --- child ---------------------------------------------------------------------

# Child-labour list (override where the contract gives one, default grade otherwise):
#   coercive recruitment: recruitment_debt S + recruited_by_force S (child)          -> present
#   exploitation: no_access_to_education M (child) + low_or_no_pay M + bad_living M -> present
#   child rule: recruitment AND exploitation                                          -> likely victim
CHILD_VICTIM = yes("recruitment_debt", "recruited_by_force", "no_access_to_education", "low_or_no_pay",
                   "bad_living_conditions")


def test_child_recruitment_and_exploitation_suffice():
    a = assess(CHILD_VICTIM, "labour", "yes")
    assert a.rule_applied == "child"
    assert a.strength_list == "child_labour"
    assert present(a) == {"coercive_recruitment", "exploitation"}
    assert a.ilo_likely_victim is True
    assert a.priority == "urgent"


def test_same_answers_for_an_adult_give_no_recruitment_element():
    # default list: recruitment_debt M + recruited_by_force M = 2 M -> absent;
    # exploitation: low_or_no_pay M + bad_living M + no_access_to_education W -> present
    a = assess(CHILD_VICTIM, "labour", "no")
    assert a.rule_applied == "adult"
    assert present(a) == {"exploitation"}
    assert a.ilo_likely_victim is False
    assert a.priority == "normal"


def test_child_list_grades_threats_of_violence_strong():
    # child: threats_of_violence S + threats_to_family M -> present; adult: 2 M -> absent
    answers = yes("threats_of_violence", "threats_to_family")
    assert assess(answers, None, "yes").dimensions["coercion_destination"] is True
    assert assess(answers, None, "no").dimensions["coercion_destination"] is False


def test_child_list_wins_over_the_sexual_list():
    a = assess(yes("excessive_hours"), "sexual", "yes")
    assert a.strength_list == "child_sexual"


def test_unknown_minor_uses_the_adult_rule():
    a = assess(CHILD_VICTIM, "labour", "unknown")
    assert a.rule_applied == "adult"
    assert a.ilo_likely_victim is False


# --- the four element thresholds, on the real catalogue -----------------------

@pytest.mark.parametrize(
    "ids, dimension, expected",
    [
        # at least two strong
        (("documents_confiscated",), "coercion_destination", False),
        (("documents_confiscated", "debt_bondage"), "coercion_destination", True),
        # one strong and at least one medium or weak
        (("documents_confiscated", "threats_to_family"), "coercion_destination", True),
        # three medium
        (("low_or_no_pay", "earnings_handed_over"), "exploitation", False),
        (("low_or_no_pay", "earnings_handed_over", "bad_living_conditions"), "exploitation", True),
        # two medium and at least one weak
        (("dependent_on_exploiter", "personal_vulnerability"), "vulnerability_destination", False),
        (("dependent_on_exploiter", "irregular_status"), "vulnerability_destination", False),
        (("dependent_on_exploiter", "irregular_status", "personal_vulnerability"), "vulnerability_destination", True),
    ],
)
def test_element_thresholds_on_the_catalogue(ids, dimension, expected):
    assert assess(yes(*ids), "labour", "no").dimensions[dimension] is expected


# --- the four element thresholds, exhaustively on a made-up dimension ---------
# The real catalogue has no dimension with both a strong and a weak indicator,
# so "one strong and one weak" is pinned on a small catalogue of our own.

def _made_up_catalogue() -> Catalogue:
    grades = {"s1": "strong", "s2": "strong", "m1": "medium", "m2": "medium", "m3": "medium",
              "w1": "weak", "w2": "weak", "w3": "weak"}
    indicators = {
        i: Indicator(id=i, dimension="exploitation", meaning=i, strengths={"default": g})
        for i, g in grades.items()
    }
    return Catalogue(indicators=indicators, context={}, exploitation_types={}, sources={})


@pytest.mark.parametrize(
    "ids, expected",
    [
        ((), False),
        (("s1",), False),
        (("s1", "s2"), True),          # 2 strong
        (("s1", "m1"), True),          # 1 strong + 1 medium
        (("s1", "w1"), True),          # 1 strong + 1 weak
        (("m1", "m2"), False),
        (("m1", "m2", "m3"), True),    # 3 medium
        (("m1", "w1"), False),
        (("m1", "w1", "w2"), False),   # 1 medium + 2 weak is not 2 medium + 1 weak
        (("w1", "w2", "w3"), False),   # weak alone never makes an element
        (("m1", "m2", "w1"), True),    # 2 medium + 1 weak
    ],
)
def test_element_thresholds_exhaustively(ids, expected):
    a = assess(yes(*ids), "labour", "no", catalogue=_made_up_catalogue())
    assert a.dimensions["exploitation"] is expected


# --- what counts --------------------------------------------------------------

def test_no_and_unknown_do_not_count():
    for value in ("no", "unknown", "Yes", "ja", ""):
        answers = {i: value for i in ADULT_LABOUR_VICTIM}
        a = assess(answers, "labour", "no")
        assert not any(a.dimensions.values()), value
        assert a.priority == "low", value


def test_keys_that_are_not_indicators_are_ignored():
    a = assess({"minor_involved": "yes", "exploitation_type": "yes", "setting": "yes"}, None, "no")
    assert a.priority == "low"
    assert a.yes_by_dimension == {}


def test_observations_never_make_an_element_but_raise_priority_to_normal():
    observations = [i.id for i in load_catalogue().by_dimension(OBSERVATION)]
    assert len(observations) >= 3
    a = assess(yes(*observations), "labour", "no")
    assert not any(a.dimensions.values())
    assert a.ilo_likely_victim is False
    assert a.priority == "normal"
    assert a.yes_by_dimension[OBSERVATION] == observations
    assert any(r.startswith("Waarnemingen:") for r in a.reasons)


# --- priority -----------------------------------------------------------------

@pytest.mark.parametrize(
    "answers, exploitation_type, minor, acute, priority",
    [
        ({}, None, None, False, "low"),
        ({"documents_confiscated": "no", "violence": "unknown"}, "labour", "no", False, "low"),
        (yes("low_or_no_pay"), "labour", "no", False, "normal"),             # one medium
        (yes("personal_vulnerability"), "labour", "no", False, "normal"),    # one weak
        (yes("fearful_behaviour"), "labour", "no", False, "normal"),         # one observation
        (yes("violence"), "labour", "no", False, "high"),                    # one strong
        (ADULT_LABOUR_VICTIM, "labour", "no", False, "high"),                # likely victim
        ({}, None, None, True, "urgent"),                                    # acute danger, nothing else
        (yes("low_or_no_pay"), "labour", "no", True, "urgent"),
        (yes("personal_vulnerability"), None, "yes", False, "urgent"),       # minor + one weak yes
        (yes("fearful_behaviour"), None, "yes", False, "urgent"),            # minor + one observation
        ({}, None, "yes", False, "low"),                                     # minor, nothing answered yes
        ({"violence": "no"}, None, "yes", False, "low"),
    ],
)
def test_priority(answers, exploitation_type, minor, acute, priority):
    assert assess(answers, exploitation_type, minor, acute_danger=acute).priority == priority


def test_acute_danger_says_112_and_minor_says_child():
    a = assess({}, None, None, acute_danger=True)
    assert "112" in a.reasons[0]
    a = assess(yes("low_or_no_pay"), None, "yes")
    assert a.reasons[0] == "Kind betrokken: met één aanwijzing is dit urgent."


# --- reasons and the signal ----------------------------------------------------

@pytest.mark.parametrize(
    "answers, minor",
    [({}, "no"), (yes("low_or_no_pay"), "no"), (ADULT_LABOUR_VICTIM, "no"), (CHILD_VICTIM, "yes")],
)
def test_reasons_are_given_in_dutch_and_english(answers, minor):
    a = assess(answers, "labour", minor)
    assert a.reasons and len(a.reasons) == len(a.reasons_en)
    assert a.reasons != a.reasons_en
    dutch = " ".join(a.reasons).lower()
    assert any(word in dutch for word in ("aanwijzing", "prioriteit", "kind"))
    assert "indicator" not in dutch and "priority" not in dutch


def test_every_ilo_dimension_has_a_dutch_and_english_label():
    # Reasons name dimensions by their labels (catalogue/labels.yml), never by id.
    for dimension in ILO_DIMENSIONS:
        assert dimension_label(dimension, "nl") != dimension
        assert dimension_label(dimension, "en") != dimension


def test_reasons_name_the_indicators_found():
    catalogue = load_catalogue()
    a = assess(ADULT_LABOUR_VICTIM, "labour", "no")
    text = " ".join(a.reasons)
    for indicator_id in ADULT_LABOUR_VICTIM:
        assert catalogue.indicators[indicator_id].text("label") in text


def test_to_signal_dict_is_the_contract_assessment_object():
    schema = json.loads(SIGNAL_SCHEMA.read_text(encoding="utf-8"))["properties"]["assessment"]
    for answers, minor in ((ADULT_LABOUR_VICTIM, "no"), ({}, None), (CHILD_VICTIM, "yes")):
        a = assess(answers, "labour", minor)
        signal_part = a.to_signal_dict()
        jsonschema.validate(signal_part, schema)
        assert set(signal_part) == {"priority", "dimensions", "ilo_likely_victim", "reasons"}
        assert list(signal_part["dimensions"]) == list(ILO_DIMENSIONS)
        assert signal_part["reasons"] == a.reasons
        json.dumps(signal_part)  # plain JSON types only


# --- the rule is data -----------------------------------------------------------

def _write_rule(tmp_path, text: str):
    path = tmp_path / "ilo_rule.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_changing_the_data_changes_the_outcome(tmp_path):
    text = ILO_RULE.read_text(encoding="utf-8")
    original = "  - {strong: 2}\n"
    assert original in text
    path = _write_rule(tmp_path, text.replace(original, "  - {strong: 1}\n"))
    answers = yes("violence")
    assert assess(answers, "labour", "no").dimensions["coercion_destination"] is False
    assert assess(answers, "labour", "no", rule=load_rule(path)).dimensions["coercion_destination"] is True


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("  - exploitation\n", "  - exploitatie\n", "dimensions"),
        ('{when: {minor_involved: "yes"}, list: child_labour}', "{when: {minor_involved: yes}, list: child_labour}", "quoted string"),
        ("  - {medium: 2, weak: 1}\n", "  - {medium: 2, feeble: 1}\n", "feeble"),
        ("  - {medium: 3}\n", "  - {medium: 0}\n", "minimum of 1"),
        ("  - level: high\n", "  - level: hoog\n", "hoog"),
        ("      - all_of: [otherwise]\n", "      - all_of: [any_yes]\n", "otherwise"),
        ("      - all_of: [strong_yes]\n", "      - all_of: [very_strong_yes]\n", "very_strong_yes"),
    ],
)
def test_a_broken_rule_file_is_refused_with_file_and_problem(tmp_path, old, new, problem):
    text = ILO_RULE.read_text(encoding="utf-8")
    assert old in text
    path = _write_rule(tmp_path, text.replace(old, new, 1))
    with pytest.raises(RuleError) as error:
        load_rule(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_a_missing_rule_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "absent.yml"
    with pytest.raises(RuleError, match="absent.yml"):
        load_rule(path)
