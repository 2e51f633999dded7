"""The four ILO lists (adults/children x labour/sexual) as the contract grades them:
one worked case per list, the child lists without a weak tier, vulnerability at
recruitment that can be established, and one brochure item counted once."""
from __future__ import annotations

from signaal.assessment import assess, strength_list_for
from signaal.catalogue import ILO_DIMENSIONS, ILO_LISTS, load_catalogue
from signaal.ilo_rule import load_rule


def yes(*ids):
    return {i: "yes" for i in ids}


def present(a):
    return {d for d, p in a.dimensions.items() if p}


def test_each_context_picks_its_own_list():
    assert strength_list_for("labour", "no") == "default"
    assert strength_list_for("sexual", "no") == "sexual"
    assert strength_list_for("labour", "yes") == "child_labour"
    assert strength_list_for("sexual", "yes") == "child_sexual"
    assert strength_list_for("criminal", "yes") == "child_labour"


def test_child_lists_have_no_weak_tier_and_every_ilo_indicator_is_graded_in_every_list():
    for indicator in load_catalogue().indicators.values():
        if indicator.is_observation:
            continue
        for ilo_list in ILO_LISTS:
            assert indicator.strength(ilo_list) in {"strong", "medium", "weak"}, (indicator.id, ilo_list)
        for ilo_list in ("child_labour", "child_sexual"):
            assert indicator.strength(ilo_list) != "weak", (indicator.id, ilo_list)


def test_vulnerability_at_recruitment_can_be_established():
    # enough medium indicators in the dimension for the "3 medium" threshold
    mediums = [i for i in load_catalogue().by_dimension("vulnerability_recruitment") if i.strength() == "medium"]
    assert len(mediums) >= 3
    a = assess(yes("emotional_dependency", "vulnerable_background", "travel_controlled"), "labour", "no")
    assert a.dimensions["vulnerability_recruitment"] is True


def test_worked_case_adult_labour_with_vulnerability_at_recruitment():
    # vulnerability at recruitment: lack_of_information M + travel_controlled M + vulnerable_background M -> present
    # exploitation: excessive_hours S + low_or_no_pay M -> present
    # coercion at destination: threat_worse_conditions M + wages_withheld M + threat_of_denunciation M -> present
    a = assess(yes("lack_of_information", "travel_controlled", "vulnerable_background",
                   "excessive_hours", "low_or_no_pay",
                   "threat_worse_conditions", "wages_withheld", "threat_of_denunciation"), "labour", "no")
    assert a.strength_list == "default"
    assert present(a) == {"vulnerability_recruitment", "exploitation", "coercion_destination"}
    assert a.ilo_likely_victim is True


def test_worked_case_adult_sexual():
    # emotional_dependency M + vulnerable_background M + beliefs_abused W -> 2 M + 1 W: present
    # exploitation: excessive_hours M (sexual) + earnings_handed_over M + bad_living M -> present
    # coercion: forced_tasks_or_clients S (sexual) + forced_against_peers M -> present
    answers = yes("emotional_dependency", "vulnerable_background", "beliefs_abused",
                  "excessive_hours", "earnings_handed_over", "bad_living_conditions",
                  "forced_tasks_or_clients", "forced_against_peers")
    a = assess(answers, "sexual", "no")
    assert a.strength_list == "sexual"
    assert present(a) == {"vulnerability_recruitment", "exploitation", "coercion_destination"}
    assert a.ilo_likely_victim is True
    # the same answers on the labour list: forced_tasks_or_clients is only medium, so
    # coercion at destination (2 M) is not established and excessive_hours is strong
    labour = assess(answers, "labour", "no")
    assert labour.dimensions["coercion_destination"] is False


def test_worked_case_child_labour():
    # deceptive: deceived_about_family_or_education S (child) + deceived_about_conditions M -> present
    # exploitation: no_access_to_education M (child) + low_or_no_pay M + hazardous_work M -> present
    answers = yes("deceived_about_family_or_education", "deceived_about_conditions",
                  "no_access_to_education", "low_or_no_pay", "hazardous_work")
    a = assess(answers, "labour", "yes")
    assert a.strength_list == "child_labour" and a.rule_applied == "child"
    assert present(a) == {"deceptive_recruitment", "exploitation"}
    assert a.ilo_likely_victim is True
    # an adult with the same answers: 2 M deception, 2 M + 1 W exploitation, no destination element
    assert assess(answers, "labour", "no").ilo_likely_victim is False


def test_worked_case_child_sexual_and_the_child_rule_still_needs_recruitment():
    # exploitation: hazardous_work S (child sexual) + earnings_handed_over M -> present
    exploitation_only = yes("hazardous_work", "earnings_handed_over")
    a = assess(exploitation_only, "sexual", "yes")
    assert a.strength_list == "child_sexual"
    assert present(a) == {"exploitation"}
    assert a.ilo_likely_victim is False, "the ILO child rule needs a recruitment element"
    assert any("werving" in r and "niet vastgesteld" in r for r in a.reasons)
    # + vulnerability at recruitment: emotional_dependency M + beliefs_abused M (child) + vulnerable_background M
    a = assess({**exploitation_only, **yes("emotional_dependency", "beliefs_abused", "vulnerable_background")},
               "sexual", "yes")
    assert a.ilo_likely_victim is True
    met = next(r for r in a.reasons if "ILO-regel voor kinderen" in r)
    assert "wervingselement" in met and "p. 3" in met


def test_one_brochure_item_counts_once():
    # movement_restricted and social_isolation answer the same strong item
    # ("isolation, confinement or surveillance"): two yeses are one indicator
    a = assess(yes("movement_restricted", "social_isolation"), "labour", "no")
    assert a.dimensions["coercion_destination"] is False
    a = assess(yes("movement_restricted", "social_isolation", "violence"), "labour", "no")
    assert a.dimensions["coercion_destination"] is True


def test_child_rule_text_agrees_with_the_rule():
    rule = load_rule()
    child = rule.likely_victim["child"]
    groups = [set(g.any_of) for g in child.all_of]
    assert {"deceptive_recruitment", "coercive_recruitment", "vulnerability_recruitment"} in groups
    assert "geen dwang nodig" not in child.reason_met["nl"]
    assert "wervingselement" in child.reason_met["nl"] and "recruitment element" in child.reason_met["en"]


def test_every_ilo_indicator_cites_its_source_with_a_date():
    import yaml
    from signaal.paths import CONTRACT_INDICATORS
    data = yaml.safe_load(CONTRACT_INDICATORS.read_text(encoding="utf-8"))
    for dimension in ILO_DIMENSIONS:
        for indicator_id, spec in data[dimension].items():
            assert "checked 2026-" in spec.get("source", ""), indicator_id
            assert spec.get("ilo_item"), indicator_id


def test_a_contract_child_key_grades_both_child_lists():
    from signaal.catalogue import Indicator
    indicator = Indicator(id="x", dimension="exploitation", meaning="m",
                          strengths={"default": "weak", "child": "medium", "sexual": "medium"})
    assert indicator.strength("child_labour") == "medium" and indicator.strength("child_sexual") == "medium"
    assert indicator.strength("default") == "weak" and indicator.strength("sexual") == "medium"
