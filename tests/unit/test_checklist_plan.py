"""The plan of questions: screening per ILO dimension, drill-down on yes while the
element can still change, type filter, observations last (pure)."""
import pytest

from signaal.catalogue import load_catalogue
from signaal.checklist_plan import CONTEXT_SLOTS, SCREENING_ORDER, next_question, not_asked, plan, screening_count


def indicators(slots):
    return [s for s in slots if s not in CONTEXT_SLOTS]


def test_context_comes_first_then_one_screening_block_per_dimension():
    catalogue = load_catalogue()
    slots = plan({})
    assert slots[:4] == list(CONTEXT_SLOTS)
    first = indicators(slots)
    # Before any answer, the plan shows the first screening question of each dimension.
    assert [catalogue.indicators[s].dimension for s in first] == list(SCREENING_ORDER)


def test_screening_asks_the_strongest_indicator_first():
    catalogue = load_catalogue()
    for slot in indicators(plan({})):
        indicator = catalogue.indicators[slot]
        rivals = [i for i in catalogue.by_dimension(indicator.dimension) if i.applies(None)]
        assert indicator.strength() == "strong" or all(r.strength() != "strong" for r in rivals)


def test_a_no_closes_a_dimension_after_its_screening():
    catalogue = load_catalogue()
    answers = {}
    for _ in range(20):
        slot = next_question(answers)
        if slot is None or slot in CONTEXT_SLOTS and answers.setdefault(slot, "x"):
            continue
        answers[slot] = "no"
    per_dimension = {}
    for slot in answers:
        if slot in catalogue.indicators:
            dimension = catalogue.indicators[slot].dimension
            per_dimension[dimension] = per_dimension.get(dimension, 0) + 1
    for dimension, count in per_dimension.items():
        size = sum(1 for i in catalogue.by_dimension(dimension) if i.applies(None) and i.strength() is not None)
        assert count <= screening_count(catalogue, dimension, size) or dimension == "observation"


def test_a_yes_drills_down_in_its_dimension_until_established():
    catalogue = load_catalogue()
    first = indicators(plan({}))[0]
    dimension = catalogue.indicators[first].dimension
    answers = {s: "x" for s in CONTEXT_SLOTS}
    answers[first] = "yes"
    following = next_question(answers)
    assert catalogue.indicators[following].dimension == dimension
    answers[following] = "yes"  # two strong: the element is established
    after = next_question(answers)
    assert after is None or catalogue.indicators[after].dimension != dimension


def test_after_a_yes_the_question_that_would_establish_the_element_comes_first():
    """After one strong yes any strength completes the element: the voices' most frequent
    indicator for the type is asked, not merely the next strongest."""
    from signaal.checklist_plan import typical

    catalogue = load_catalogue()
    context = {"setting": "workplace", "persons": "2_5", "exploitation_type": "labour", "minor_involved": "no"}
    answers = {**context, "documents_confiscated": "yes"}
    following = next_question(answers, "labour")
    frequency = typical("labour")
    rivals = [i for i in catalogue.by_dimension("coercion_destination")
              if i.applies("labour") and i.strength() is not None and i.id != "documents_confiscated"
              and i.ilo_item != catalogue.indicators["documents_confiscated"].ilo_item]
    assert catalogue.indicators[following].dimension == "coercion_destination"
    assert frequency.get(following, 0) == max(frequency.get(r.id, 0) for r in rivals)


def test_a_drilldown_stops_after_its_limit_when_every_answer_is_no():
    catalogue = load_catalogue()
    limit = int(catalogue.checklist["drilldown_per_dimension"])
    answers = {"setting": "workplace", "persons": "2_5", "exploitation_type": "labour", "minor_involved": "no",
               "documents_confiscated": "yes"}
    asked = []
    while (slot := next_question(answers, "labour")) is not None:
        asked.append(slot)
        answers[slot] = "no"
    coercion = [s for s in asked if catalogue.indicators[s].dimension == "coercion_destination"]
    assert len(coercion) == limit


def test_questions_that_do_not_apply_to_the_type_are_skipped():
    catalogue = load_catalogue()
    for exploitation_type in ("sexual", "labour", "criminal", "organ_removal"):
        for slot in indicators(plan({}, exploitation_type)):
            assert catalogue.indicators[slot].applies(exploitation_type)


def test_answers_from_free_text_are_not_asked_again():
    first = indicators(plan({}))[0]
    answers = {s: "x" for s in CONTEXT_SLOTS}
    answers[first] = "yes"
    assert next_question(answers) != first


def test_a_complete_check_has_no_next_question_and_says_what_was_not_asked():
    answers = {s: "x" for s in CONTEXT_SLOTS}
    for _ in range(60):
        slot = next_question(answers)
        if slot is None:
            break
        answers[slot] = "no"
    assert next_question(answers) is None
    missing = not_asked(answers)
    assert missing and not set(missing) & set(answers)


def test_an_observation_is_asked_only_when_nothing_else_was_yes():
    catalogue = load_catalogue()
    answers = {s: "x" for s in CONTEXT_SLOTS}
    while (slot := next_question(answers)) is not None:
        answers[slot] = "no"
    assert any(catalogue.indicators[s].dimension == "observation" for s in answers if s in catalogue.indicators)


def test_no_observation_is_asked_once_something_was_yes():
    catalogue = load_catalogue()
    answers = {s: "x" for s in CONTEXT_SLOTS}
    answers[indicators(plan({}))[0]] = "yes"
    while (slot := next_question(answers)) is not None:
        answers[slot] = "no"
    assert not any(catalogue.indicators[s].dimension == "observation" for s in answers if s in catalogue.indicators)


def test_ids_of_one_brochure_item_count_once_and_the_second_is_not_asked():
    """movement_restricted and social_isolation answer the same ILO item: two yes
    on them are one strong indicator to the assessment, so the plan goes on."""
    catalogue = load_catalogue()
    shared = [i for i in catalogue.by_dimension("coercion_destination")
              if i.ilo_item == catalogue.indicators["movement_restricted"].ilo_item]
    assert len(shared) == 2
    answers = {s: "x" for s in CONTEXT_SLOTS}
    answers["movement_restricted"] = "yes"
    following = [s for s in plan(answers) if s not in answers]
    assert "social_isolation" not in following
    assert catalogue.indicators[following[0]].dimension == "coercion_destination"
    answers["social_isolation"] = "yes"
    assert catalogue.indicators[next_question(answers)].dimension == "coercion_destination"


def test_a_big_dimension_is_screened_with_more_questions_than_a_small_one():
    catalogue = load_catalogue()
    sizes = {d: sum(1 for i in catalogue.by_dimension(d) if i.applies(None) and i.strength() is not None)
             for d in SCREENING_ORDER}
    counts = {d: screening_count(catalogue, d, n) for d, n in sizes.items()}
    assert counts["coercion_destination"] > counts["deceptive_recruitment"] >= 1
    answers = {s: "x" for s in CONTEXT_SLOTS}
    asked = []
    while (slot := next_question(answers)) is not None and len(asked) < 60:
        answers[slot] = "no"
        asked.append(slot)
    in_coercion = [s for s in asked if catalogue.indicators[s].dimension == "coercion_destination"]
    assert len(in_coercion) == counts["coercion_destination"]


@pytest.mark.parametrize("taps", [False, True], ids=["one at a time", "with taps on what is shown"])
def test_no_scenario_loses_what_its_answer_key_establishes(taps):
    """Answered by each exercise scenario's key, the check comes to the key's outcome (likely
    victim and priority), and an element of the key it leaves out is one whose group of the rule
    is already established (so it could not change the outcome; the summary lists it as not asked).
    Figures: scripts/question_count.py."""
    from signaal.key_answers import against_key, answer_by_key
    from signaal.scenarios import load_scenarios

    for scenario in load_scenarios():
        compared = against_key(scenario, answer_by_key(scenario, taps=taps)[0])
        assert compared.same_outcome and not compared.unexplained, (scenario.id, compared)


def test_against_key_tells_an_element_left_out_with_its_group_from_one_left_out_alone():
    from signaal.key_answers import against_key
    from signaal.scenarios import load_scenarios

    scenario = next(s for s in load_scenarios() if s.id == "car_wash_eindhoven")
    full = {i: "yes" for i in scenario.present}
    assert against_key(scenario, full).same_outcome and not against_key(scenario, full).not_established
    catalogue = load_catalogue()
    without = {i: v for i, v in full.items() if catalogue.indicators[i].dimension != "vulnerability_destination"}
    compared = against_key(scenario, without)  # coercion at destination still stands in for it
    assert compared.not_established == {"vulnerability_destination"} and not compared.unexplained
    without = {i: v for i, v in full.items() if catalogue.indicators[i].dimension != "exploitation"}
    compared = against_key(scenario, without)  # nothing stands in for exploitation
    assert compared.unexplained == {"exploitation"} and not compared.same_outcome


def test_what_is_shown_with_a_question_keeps_checks_short():
    """With the other open indicators of a dimension shown beside each question, the exercise
    scenarios take a median of at most 13 questions by buttons (the issue's goal)."""
    import statistics

    from signaal.scenarios import load_scenarios

    from signaal.key_answers import answer_by_key

    counts = [answer_by_key(scenario)[1] for scenario in load_scenarios()]
    assert statistics.median(counts) <= 13, counts


def test_a_dimension_whose_group_is_established_is_not_asked():
    """Coercion at destination established: abuse of vulnerability at destination (its sibling in
    the adult rule) can no longer change the outcome once a strong yes made the priority high."""
    catalogue = load_catalogue()
    from signaal.checklist_plan import question

    answers = {"setting": "workplace", "persons": "3", "exploitation_type": "labour", "minor_involved": "no"}
    strong = [i.id for i in catalogue.by_dimension("coercion_destination") if i.strength() == "strong"][:2]
    answers.update({i: "yes" for i in strong})
    while (next_one := question(answers, "labour")) is not None:
        assert catalogue.indicators[next_one.slot].dimension != "vulnerability_destination"
        answers[next_one.slot] = "no"
    assert any(answers.get(i.id) is None for i in catalogue.by_dimension("vulnerability_destination"))
    assert set(not_asked(answers, "labour")) >= {i.id for i in catalogue.by_dimension("vulnerability_destination")
                                                 if i.applies("labour") and answers.get(i.id) is None}


def test_a_question_shows_other_open_indicators_of_its_dimension():
    from signaal.checklist_plan import question

    catalogue = load_catalogue()
    answers = {"setting": "workplace", "persons": "3", "exploitation_type": "labour", "minor_involved": "no"}
    first = question(answers, "labour")
    shown = catalogue.checklist["alternatives_per_question"]
    assert len(first.alternatives) == shown and first.slot not in first.alternatives
    dimension = catalogue.indicators[first.slot].dimension
    assert all(catalogue.indicators[a].dimension == dimension and answers.get(a) is None for a in first.alternatives)
    # No to all that was shown closes the dimension's screening; the next question is elsewhere.
    answers.update({s: "no" for s in (first.slot, *first.alternatives)})
    size = sum(1 for i in catalogue.by_dimension(dimension) if i.applies("labour") and i.strength() is not None)
    assert len(first.alternatives) + 1 >= screening_count(catalogue, dimension, size)
    assert catalogue.indicators[question(answers, "labour").slot].dimension != dimension
