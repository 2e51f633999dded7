"""The speed-ups choose and accept what Rasa as it comes would (rasa_runtime.speedups): TED is
computed only when no policy of higher priority is certain; action results get Rasa's verdict;
event types resolve as before; only log arguments lose their copies."""
from __future__ import annotations

from typing import List

import pytest

pytest.importorskip("rasa")

from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble  # noqa: E402
from rasa.core.policies.policy import PolicyPrediction  # noqa: E402
from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402

from rasa_runtime import speedups  # noqa: E402

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet, faq]
responses:
  utter_a: [{text: a}]
  utter_b: [{text: b}]
""")
RULE, MEMO, TED = 6, 3, 1


def prediction(action: str, confidence: float, name: str, priority: int, **kwargs) -> PolicyPrediction:
    probabilities = [0.0] * len(DOMAIN.action_names_or_texts)
    if action:
        probabilities[DOMAIN.index_for_action(action)] = confidence
    return PolicyPrediction(probabilities, name, priority, **kwargs)


def tracker(*extra) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("s", [ActionExecuted("action_listen"), UserUttered("hoi", {"name": "greet"}),
                                                  *extra])


@pytest.fixture(scope="module", autouse=True)
def patched():
    original = DefaultPolicyPredictionEnsemble.combine_predictions
    speedups.defer_ted()
    yield
    assert DefaultPolicyPredictionEnsemble.combine_predictions is not original


def ted(action: str, confidence: float, calls: List[int]):
    def compute():
        calls.append(1)
        return prediction(action, confidence, "TEDPolicy", TED)

    return speedups.deferred_prediction(compute, TED)


def combine(predictions, tr=None) -> PolicyPrediction:
    return DefaultPolicyPredictionEnsemble().combine_predictions(predictions, tr or tracker(), DOMAIN)


def test_a_certain_rule_wins_without_computing_ted():
    calls: List[int] = []
    best = combine([prediction(None, 0, "MemoizationPolicy", MEMO), prediction("utter_a", 1.0, "RulePolicy", RULE),
                    ted("utter_b", 0.99, calls)])
    assert best.policy_name == "RulePolicy" and best.max_confidence_index == DOMAIN.index_for_action("utter_a")
    assert calls == []


def test_ted_is_computed_and_wins_when_no_policy_is_certain():
    calls: List[int] = []
    best = combine([prediction(None, 0, "MemoizationPolicy", MEMO), prediction("utter_a", 0.3, "RulePolicy", RULE),
                    ted("utter_b", 0.8, calls)])
    assert calls == [1]
    assert best.policy_name == "TEDPolicy" and best.max_confidence_index == DOMAIN.index_for_action("utter_b")


def test_a_rejected_certain_action_no_longer_makes_the_rule_certain():
    calls: List[int] = []
    rejected = tracker(ActionExecutionRejected("utter_a"))
    best = combine([prediction("utter_a", 1.0, "RulePolicy", RULE), ted("utter_b", 0.7, calls)], rejected)
    assert calls == [1] and best.policy_name == "TEDPolicy"


def test_a_no_user_prediction_overrules_ted_without_computing_it():
    calls: List[int] = []
    best = combine([prediction("utter_a", 0.2, "RulePolicy", RULE, is_no_user_prediction=True),
                    ted("utter_b", 1.0, calls)])
    assert calls == [] and best.policy_name == "RulePolicy"


def test_a_certain_policy_of_lower_priority_than_ted_does_not_skip_it():
    calls: List[int] = []
    best = combine([prediction("utter_a", 1.0, "LowPolicy", 0), ted("utter_b", 1.0, calls)])
    assert calls == [1] and best.policy_name == "TEDPolicy"


def test_the_same_choice_as_with_ted_computed_every_time():
    """For every mix of certain / uncertain predictions, deferred or not: the same winner."""
    cases = [(a, ca, b, cb) for a in ("utter_a", "utter_b", None) for ca in (1.0, 0.6, 0.0)
             for b in ("utter_a", "utter_b") for cb in (1.0, 0.9, 0.4)]
    for rule_action, rule_conf, ted_action, ted_conf in cases:
        eager = combine([prediction(rule_action, rule_conf, "RulePolicy", RULE),
                         prediction(ted_action, ted_conf, "TEDPolicy", TED)])
        lazy = combine([prediction(rule_action, rule_conf, "RulePolicy", RULE), ted(ted_action, ted_conf, [])])
        assert (lazy.policy_name, lazy.probabilities) == (eager.policy_name, eager.probabilities)


def test_ted_hands_the_ensemble_a_prediction_it_has_not_computed_yet():
    """The patched TED itself defers: without this the ensemble patch would never skip anything."""
    from rasa.core.policies.ted_policy import TEDPolicy

    class Trained:  # what the patch reads of a trained TED policy
        model, fake_features, priority = object(), {"intent": []}, TED

    # Computing it would fail on this stand-in: a pending prediction proves TED has not run.
    prediction = TEDPolicy.predict_action_probabilities(Trained(), tracker(), DOMAIN)
    assert speedups.is_pending(prediction)
    assert prediction.__dict__["_signaal_priority"] == TED


def _rasa_verdict(result) -> bool:
    from jsonschema import ValidationError, validate
    from rasa.core.actions.action import RemoteAction

    try:
        validate(result, RemoteAction.action_response_format_spec())
        return True
    except ValidationError:
        return False


def _patched_verdict(result) -> bool:
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    speedups.validate_action_results_once()
    try:
        return RemoteAction("action_x", None)._validate_action_result(result)
    except ValidationError:
        return False


ACTION_RESULTS = [
    {"events": [{"event": "slot", "name": "persons", "value": "2"}, {"event": "action", "name": "utter_a"}],
     "responses": [{"text": "hoi"}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "x"}], "responses": []},
    {"events": [{"event": "user", "text": "ja", "parse_data": {"intent": {"name": "affirm", "confidence": 1.0},
                                                              "entities": []}}]},
    {"events": [{"event": "bot", "text": "hoi", "timestamp": None}]},
    {},
    # refused by Rasa's schema: each must be refused here too
    {"events": [{"event": "nonsense"}]},
    {"events": [{"name": "no event key"}]},
    {"events": [{"event": "slot", "name": 3, "value": 1}]},
    {"events": [{"event": "slot", "name": "a", "value": 1, "timestamp": "yesterday"}]},
    {"events": "not a list"},
    {"events": [{"event": "user", "parse_data": {"intent": {"name": 1}}}]},
    {"responses": ["not an object"]},
    {"events": [{"event": "entities", "entities": [{"no": "fields"}]}]},
]


def test_action_results_get_the_same_verdict_as_rasas_schema_check():
    verdicts = [(_rasa_verdict(r), _patched_verdict(r)) for r in ACTION_RESULTS]
    assert [a for a, _ in verdicts] == [b for _, b in verdicts]
    assert sum(a for a, _ in verdicts) == 5  # the cases above are what they say they are


def test_every_deepcopy_in_the_patched_modules_is_a_log_argument():
    """no_log_copies is only right while every copy.deepcopy there feeds a structlog call."""
    import ast
    import importlib
    import inspect

    for name in speedups.LOG_COPY_MODULES:
        tree = ast.parse(inspect.getsource(importlib.import_module(name)))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        copies = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                  and n.func.attr == "deepcopy"]
        assert copies, name
        for call in copies:
            node = call
            while node in parents and not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                                           and getattr(node.func.value, "id", "") in ("structlogger", "logger")):
                node = parents[node]
            assert node in parents, f"{name}:{call.lineno} copies outside a log call"


def test_event_types_resolve_as_before():
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    names = {cls.type_name for cls in all_subclasses(Event)}
    before = {n: Event.resolve_by_type(n) for n in names}
    speedups.cached_event_types()
    assert {n: Event.resolve_by_type(n) for n in names} == before
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
