"""The plan of questions: core first, drill-down on yes, type filter (pure)."""
from signaal.catalogue import load_catalogue
from signaal.checklist_plan import CONTEXT_SLOTS, next_question, plan


def test_context_comes_first_then_the_core():
    slots = plan({})
    catalogue = load_catalogue()
    core = [i.id for i in catalogue.indicators.values() if i.core]
    assert slots[:4] == list(CONTEXT_SLOTS)
    assert slots[4:] == core
    assert 5 <= len(core) <= 11


def test_a_yes_opens_its_dimension_up_to_the_limit():
    catalogue = load_catalogue()
    core_yes = next(i for i in catalogue.indicators.values() if i.core and i.dimension == "coercion_destination")
    before = plan({})
    after = plan({core_yes.id: "yes"}, drilldown=2)
    extra = [s for s in after if s not in before]
    assert len(extra) == 2
    assert all(catalogue.indicators[s].dimension == "coercion_destination" for s in extra)


def test_no_and_unknown_do_not_open_a_dimension():
    core = [i for i in load_catalogue().indicators.values() if i.core]
    assert plan({i.id: "no" for i in core}) == plan({})
    assert plan({i.id: "unknown" for i in core}) == plan({})


def test_questions_that_do_not_apply_to_the_type_are_skipped():
    catalogue = load_catalogue()
    for exploitation_type in ("sexual", "labour", "criminal", "organ_removal"):
        for slot in plan({}, exploitation_type):
            if slot in catalogue.indicators:
                assert catalogue.indicators[slot].applies(exploitation_type)


def test_answers_from_free_text_are_not_asked_again():
    first_core = plan({})[4]
    answers = {s: "x" for s in CONTEXT_SLOTS}
    answers[first_core] = "yes"
    assert next_question(answers) != first_core


def test_a_complete_check_has_no_next_question():
    answers = {s: "no" for s in plan({})}
    answers.update({s: "x" for s in CONTEXT_SLOTS})
    assert next_question(answers) is None
