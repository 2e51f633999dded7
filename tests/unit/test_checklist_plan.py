"""The plan of questions: screening per ILO dimension, drill-down on yes while the
element can still change, type filter, observations last (pure)."""
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


def test_no_scenario_loses_an_element_its_answer_key_establishes():
    """Answered by each exercise scenario's key, the check establishes every ILO
    element the key does (the figures: scripts/question_count.py)."""
    from signaal.assessment import assess
    from signaal.scenarios import load_scenarios

    for scenario in load_scenarios():
        exploitation_type = scenario.exploitation_type if scenario.exploitation_type != "none" else "unknown"
        context = {"setting": scenario.setting, "persons": str(scenario.persons),
                   "exploitation_type": exploitation_type, "minor_involved": scenario.minor_involved}
        answers = {}
        while (slot := next_question(answers, answers.get("exploitation_type"),
                                     minor_involved=answers.get("minor_involved"))) is not None:
            answers[slot] = context[slot] if slot in CONTEXT_SLOTS else ("yes" if slot in scenario.present else "no")

        def elements(given):
            result = assess(given, exploitation_type, scenario.minor_involved)
            return {d for d, present in result.dimensions.items() if present}

        assert elements({i: "yes" for i in scenario.present}) <= elements(answers), scenario.id
