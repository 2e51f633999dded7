"""Measured patches for Rasa 3.6's server, applied by `stack.rasa_entry` before Rasa starts.

SIGNAAL_RASA_SPEEDUPS=off leaves Rasa as it is (to compare; docs/performance.md has the figures).

- threads: TensorFlow's intra- and inter-op pools sized to one thread each. On this 2-core
  machine, Rasa, the action server and the web process share the cores; TensorFlow's default
  pools (one thread per core, plus spinning) only add contention under load. The variables
  must be set before TensorFlow is imported; SIGNAAL_TF_THREADS overrides the number.
- past states: every policy (Memoization, Rule, TED) asks the tracker for its past states, and
  Rasa recomputes them each time by replaying the whole conversation. The result is kept on the
  tracker for as long as its events do not change (same count, same last event), so one
  prediction replays once instead of three times. A changed tracker recomputes.
- action calls: Rasa sends the whole domain (thousands of lines: every response) and every event
  of the conversation with each call to the action server, and rasa-sdk parses them again; both
  grow the cost of a turn, the events with the length of a check. Here the domain goes only to
  the form validation actions (`validate_*`: rasa-sdk reads the form's slots from it), built once
  per model, and the events only from the officer's latest message on (rasa-sdk's
  `slots_to_validate` reads the trailing slot events; our actions read slots and the latest
  message, never older events: tests/actions/test_action_payload.py keeps it so).
"""
from __future__ import annotations

import functools
import itertools
import os
import time
from typing import Any, Dict, List, Mapping

from rasa_runtime import admission, ted_loading, timing

APPLIED: List[str] = []


def enabled(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("SIGNAAL_RASA_SPEEDUPS", "on").strip().lower() not in ("off", "0", "false", "no")


def block_jax() -> None:
    """TensorFlow's TFLite helpers import JAX if it is installed (it is, as a TensorFlow dependency)
    for a converter Rasa never uses: about a second and 100+ MiB per Rasa process. Marked as
    absent before TensorFlow is imported; TFLite then leaves that helper unset, as it does without JAX."""
    import sys

    if "tensorflow" in sys.modules or "jax" in sys.modules:
        return
    sys.modules["jax"] = None  # type: ignore[assignment]  # `import jax` raises ImportError
    APPLIED.append("no_jax")


def set_threads(env: Dict[str, str] = os.environ) -> None:  # type: ignore[assignment]
    """Before TensorFlow runs anything (its pools are made once, at the first operation)."""
    threads = env.get("SIGNAAL_TF_THREADS", "1")
    for name in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS"):
        env.setdefault(name, threads)
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(int(threads))
        tf.config.threading.set_inter_op_parallelism_threads(int(threads))
    except RuntimeError:  # already initialised: the variables above still apply
        pass
    APPLIED.append(f"threads={threads}")


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set)):
        return tuple(_freeze(v) for v in value)
    return value


def _copy(states: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """A state is {"user": {...}, "prev_action": {...}, "slots": {...}, ...} of tuples and strings."""
    return [{part: dict(sub) if isinstance(sub, dict) else sub for part, sub in state.items()} for state in states]


def memoise_past_states() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    original = DialogueStateTracker.past_states
    if getattr(original, "_signaal", False):
        return

    def past_states(self, domain, omit_unset_slots=False, ignore_rule_only_turns=False,  # noqa: ANN001, ANN202
                    rule_only_data=None):
        events = self.events
        key = (id(domain), len(events), id(events[-1]) if events else None, omit_unset_slots,
               ignore_rule_only_turns, _freeze(rule_only_data))
        memo = self.__dict__.setdefault("_signaal_past_states", {})
        if key in memo:
            return _copy(memo[key])  # callers change the states (TED drops the text of a turn)
        states = original(self, domain, omit_unset_slots=omit_unset_slots,
                          ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only_data)
        if len(memo) >= 4 or any(k[1:3] != key[1:3] for k in memo):
            memo.clear()  # other events: the old variants are stale
        memo[key] = _copy(states)
        return states

    past_states._signaal = True  # type: ignore[attr-defined]
    DialogueStateTracker.past_states = past_states
    APPLIED.append("past_states")


def quiet_payload_interpolation() -> None:
    """A button payload such as `/inform{"persons": "2"}` is not a text with slot placeholders, but
    Rasa's response interpolator tries to fill `{"persons": "2"}` as one, fails, logs an ERROR with a
    traceback and returns the payload unchanged; for every button of every question. Returned
    unchanged here at once (the same result, without the error and its cost)."""
    from rasa.core.nlg import interpolator

    original = interpolator.interpolate_text
    if getattr(original, "_signaal", False):
        return

    def interpolate_text(response, values):  # noqa: ANN001, ANN202
        if isinstance(response, str) and response.startswith("/") and '{"' in response:
            return response
        return original(response, values)

    interpolate_text._signaal = True  # type: ignore[attr-defined]
    interpolator.interpolate_text = interpolate_text
    APPLIED.append("payload_interpolation")


def _event_validators(spec: Dict[str, Any]) -> Dict[str, Any]:
    """One validator per event name: the event schema's common part with the one `oneOf` branch
    whose `event` const is that name. Branches differ by that const, so an event satisfies the
    `oneOf` exactly when it satisfies its own branch: the same verdict without building an error
    for each of the other 22 branches."""
    from jsonschema.validators import validator_for

    event_schema = spec["properties"]["events"]["items"]
    common = {key: value for key, value in event_schema.items() if key != "oneOf"}
    validators = {}
    for branch in event_schema["oneOf"]:
        name = branch["properties"]["event"]["const"]
        schema = {**common, "allOf": [branch]}
        validators[name] = validator_for(schema)(schema)
    return validators


def validate_action_results_once() -> None:
    """Rasa checks every action server response against a JSON schema with `jsonschema.validate`,
    which checks the schema itself each time first, then tries each event against all 23 event
    types (`oneOf`). Here the validators are made once and each event is checked against its own
    type; anything that does not pass goes to Rasa's own check (same verdict, same message)."""
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    if getattr(original, "_signaal", False):
        return
    made: Dict[str, Any] = {}

    def passes(result: Any) -> bool:
        if "events" not in made:
            made["events"] = _event_validators(RemoteAction.action_response_format_spec())
        if not isinstance(result, dict):
            return False
        responses = result.get("responses", [])
        events = result.get("events", [])
        if not isinstance(responses, list) or not all(isinstance(r, dict) for r in responses):
            return False
        if not isinstance(events, list):
            return False
        for event in events:
            validator = made["events"].get(event.get("event")) if isinstance(event, dict) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True

    def _validate_action_result(self, result):  # noqa: ANN001, ANN202
        return True if passes(result) else original(self, result)

    _validate_action_result._signaal = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = _validate_action_result
    APPLIED.append("action_result_schema")


def no_log_copies() -> None:
    """Rasa's processor, policies and forms pass `copy.deepcopy(...)` of events, states and
    slots as arguments to structlog *debug* calls: the copies are made for every message even
    when nothing is logged at debug level. Structlog renders an event when it is logged, so a
    copy protects nothing; in these modules `copy.deepcopy` hands the value itself (every
    `copy.deepcopy` there is such a log argument: tests/actions/test_rasa_speedups.py checks)."""
    import copy as real_copy
    import importlib

    class LogArgumentCopy:
        def __getattr__(self, name: str) -> Any:
            return getattr(real_copy, name)

        @staticmethod
        def deepcopy(value: Any, memo: Any = None) -> Any:  # noqa: ARG004 (copy's signature)
            return value

    for name in LOG_COPY_MODULES:
        module = importlib.import_module(name)
        if module.copy is real_copy:
            module.copy = LogArgumentCopy()
    APPLIED.append("no_log_copies")


LOG_COPY_MODULES = ("rasa.core.processor", "rasa.core.policies.memoization", "rasa.core.policies.rule_policy",
                    "rasa.core.actions.forms")


def cached_event_types() -> None:
    """`Event.resolve_by_type` walks every subclass of Event for each event read (from the
    tracker store, from each action's answer); the walk is kept per type name (a name not
    found walks again, so events defined later are still found)."""
    import rasa.shared.utils.common as common
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    if getattr(original, "_signaal", False):
        return
    found: Dict[str, Any] = {}

    def resolve_by_type(type_name, default=None):  # noqa: ANN001, ANN202
        cls = found.get(type_name)
        if cls is None:
            for candidate in common.all_subclasses(Event):
                found.setdefault(candidate.type_name, candidate)
            cls = found.get(type_name)
        return cls if cls is not None else original(type_name, default)

    resolve_by_type._signaal = True  # type: ignore[attr-defined]
    Event.resolve_by_type = staticmethod(resolve_by_type)
    APPLIED.append("cached_event_types")


def sqlite_wal() -> None:
    """The SQLite tracker store commits twice per message; in SQLite's default rollback-journal mode
    with full sync each commit waits for the disk several times. Write-ahead logging with
    synchronous=NORMAL keeps the database consistent after a crash of Rasa or the machine (a power
    cut may lose the last messages' events, never corrupt the file), on one connection kept open.
    Other stores are untouched."""
    from rasa.core import tracker_store
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.pool import SingletonThreadPool

    if "sqlite_wal" in APPLIED:
        return
    original_kwargs = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url):  # noqa: ANN001, ANN202
        kwargs = original_kwargs(url)
        drivername = getattr(url, "drivername", str(url))
        if str(drivername).startswith("sqlite"):
            # One connection kept open (Rasa uses it from its event loop's thread only), instead of
            # SQLAlchemy's default for a file: open, set up and close it for every read and write.
            kwargs.setdefault("poolclass", SingletonThreadPool)
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs

    @event.listens_for(Engine, "connect")
    def _pragmas(connection, record):  # noqa: ANN001, ANN202
        if type(connection).__module__.startswith("sqlite3"):
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    APPLIED.append("sqlite_wal")


DOMAIN_ACTIONS_PREFIX = "validate_"


def slim_action_calls() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import EventVerbosity

    if getattr(RemoteAction._action_call_format, "_signaal", False):
        return
    domains: Dict[int, Any] = {}

    def _action_call_format(self, tracker, domain):  # noqa: ANN001, ANN202
        import rasa

        state = tracker.current_state(EventVerbosity.NONE)
        events = list(tracker.events)
        start = 0
        for index in range(len(events) - 1, -1, -1):
            if isinstance(events[index], UserUttered):
                start = index
                break
        state["events"] = [event.as_dict() for event in events[start:]]
        result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
                  "version": rasa.__version__}
        if self._name.startswith(DOMAIN_ACTIONS_PREFIX) or domain.does_custom_action_explicitly_need_domain(self.name()):
            key = id(domain)
            if key not in domains:
                domains.clear()
                domains[key] = domain.as_dict()
            result["domain"] = domains[key]
        return result

    _action_call_format._signaal = True  # type: ignore[attr-defined]
    RemoteAction._action_call_format = _action_call_format
    APPLIED.append("action_calls")


class _Resume:
    """Where an earlier walk through a tracker's history stopped (see incremental_states)."""

    __slots__ = ("events", "marks", "replay", "states", "last_ml_action", "hidden")

    def __init__(self, replay: Any) -> None:
        self.events: List[Any] = []  # the events walked (the objects themselves: compared with `is`)
        self.marks: List[Any] = []  # before each of them: (number of states, last_ml_action, hidden)
        self.replay = replay
        self.states: List[Dict[str, Any]] = []
        self.last_ml_action: Any = None
        self.hidden = False

    def rewind(self, keep: int, fresh: Any) -> None:
        """Back to where the first `keep` events were walked: their states are kept, the replay
        tracker (`fresh`, empty) is brought there by applying them again, which costs little next
        to computing their states."""
        count, self.last_ml_action, self.hidden = self.marks[keep]
        del self.states[count:], self.marks[keep:], self.events[keep:]
        for event in self.events:
            fresh.update(event)
        self.replay = fresh


def incremental_states() -> None:
    """Rasa's `Domain.states_for_tracker_history` replays the whole conversation for every prediction,
    so a turn costs more the longer the conversation (the issue's "turns 111-120: 121 ms"). It walks the
    applied events in order and a state depends only on the events before it, so the walk is kept on
    the tracker and continued from where it stopped while the applied events still begin with the same
    event objects; where they part (a form's turn hides the one before it, a revert removes one), the
    walk goes back to that point, keeping the states before it. The loop is Rasa 3.6's own, step for step; tests/unit/test_tracker_cache.py compares both on the test stories'
    kind of trackers."""
    import rasa.shared.core.constants as core_constants
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted

    original = Domain.states_for_tracker_history
    if getattr(original, "_signaal", False):
        return

    def step(domain, walk, tr, hide_rule_turn, omit_unset_slots, ignore_rule_only_turns, rule_only_data,  # noqa: ANN001
             states):  # noqa: ANN001, ANN202
        if ignore_rule_only_turns:
            if not walk.hidden:
                walk.last_ml_action = domain._get_prev_action_sub_state(tr)
            if not tr.followup_action and not tr.latest_action_name == tr.active_loop_name:
                walk.hidden = hide_rule_turn
            if walk.hidden:
                return
        state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
        if ignore_rule_only_turns:
            domain._remove_rule_only_features(state, rule_only_data)
            if states:
                domain._substitute_rule_only_user_input(state, states[-1])
            if walk.last_ml_action:
                state[core_constants.PREVIOUS_ACTION] = walk.last_ml_action
        states.append(domain._clean_state(state))

    def states_for_tracker_history(self, tracker, omit_unset_slots=False, ignore_rule_only_turns=False,  # noqa: ANN001
                                   rule_only_data=None):  # noqa: ANN001, ANN202
        applied = tracker.applied_events()
        key = (id(self), omit_unset_slots, ignore_rule_only_turns, _freeze(rule_only_data))
        walks = tracker.__dict__.setdefault("_signaal_walks", {})
        walk = walks.get(key)
        if walk is None:
            walk = walks[key] = _Resume(tracker.init_copy())
        else:
            # Where the applied events part from the walk: a form's turn hides the one before it
            # (Rasa's applied_events), a revert removes a turn. Walk on from there, not from the start.
            same = next((i for i, (event, known) in enumerate(zip(applied, walk.events)) if event is not known),
                        min(len(applied), len(walk.events)))
            if same < len(walk.events):
                walk.rewind(same, tracker.init_copy())
        if len(walks) > 4:
            for other in list(walks)[:-4]:
                walks.pop(other, None)
        for event in applied[len(walk.events):]:
            walk.marks.append((len(walk.states), walk.last_ml_action, walk.hidden))
            if isinstance(event, ActionExecuted):
                step(self, walk, walk.replay, event.hide_rule_turn, omit_unset_slots, ignore_rule_only_turns,
                     rule_only_data, walk.states)
            walk.replay.update(event)
            walk.events.append(event)
        # The last state (the tracker as it is now) is not kept: the next event may follow it.
        states = _copy(walk.states)
        saved = (walk.last_ml_action, walk.hidden)
        step(self, walk, walk.replay, False, omit_unset_slots, ignore_rule_only_turns, rule_only_data, states)
        walk.last_ml_action, walk.hidden = saved
        return states

    states_for_tracker_history._signaal = True  # type: ignore[attr-defined]
    Domain.states_for_tracker_history = states_for_tracker_history
    APPLIED.append("incremental_states")


class _Applied:
    """How far an earlier `applied_events` got through a tracker's events (see cached_applied_events)."""

    __slots__ = ("events", "count", "last", "loops", "applied")

    def __init__(self, events: Any) -> None:
        self.events, self.count, self.last = events, 0, None
        self.loops: set = set()
        self.applied: List[Any] = []


def cached_applied_events() -> None:
    """Rasa's `applied_events` folds over every event of the conversation, and undoes a form's
    previous turn by copying the whole list, at every call: several calls per prediction, each
    longer as the check goes on (1.4 ms a call after 260 events, the most part of what the
    policies' states cost late in a check). The fold is a left fold over the events, so it is
    kept on the tracker and continued with the events added since, while the events it went
    through are still there (same deque, same last event) and no new form name appears (Rasa
    treats a form's earlier executions by the names of every form in the conversation: walked
    again from the start). Each caller gets a list of its own, as from Rasa's.
    tests/unit/test_tracker_cache.py compares both on random event sequences."""
    from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop, Restarted, SessionStarted,
                                         UserUttered, UserUtteranceReverted)
    from rasa.shared.core.trackers import DialogueStateTracker

    if getattr(DialogueStateTracker.applied_events, "_signaal", False):
        return

    def applied_events(self):  # noqa: ANN001, ANN202
        events = self.events
        memo = self.__dict__.get("_signaal_applied")
        total = len(events)
        if (memo is None or memo.events is not events or memo.count > total
                or (memo.count and events[memo.count - 1] is not memo.last)):
            memo = None
        new = list(itertools.islice(events, memo.count, None)) if memo is not None else None
        if memo is not None and any(isinstance(e, ActiveLoop) and e.name and e.name not in memo.loops for e in new):
            memo = None
        if memo is None:
            memo = self.__dict__["_signaal_applied"] = _Applied(events)
            new = list(events)
        memo.loops.update(e.name for e in new if isinstance(e, ActiveLoop) and e.name)
        applied = memo.applied
        for event in new:  # Rasa 3.6's loop, step for step
            if isinstance(event, (Restarted, SessionStarted)):
                applied.clear()
            elif isinstance(event, ActionReverted):
                self._undo_till_previous(ActionExecuted, applied)
            elif isinstance(event, UserUtteranceReverted):
                self._undo_till_previous(UserUttered, applied)
                self._undo_till_previous(ActionExecuted, applied)
            elif (isinstance(event, ActionExecuted) and event.action_name in memo.loops
                  and not self._first_loop_execution_or_unhappy_path(event.action_name, applied)):
                self._undo_till_previous_loop_execution(event.action_name, applied)
            else:
                applied.append(event)
        memo.count, memo.last = total, (events[-1] if total else None)
        return list(applied)

    applied_events._signaal = True  # type: ignore[attr-defined]
    DialogueStateTracker.applied_events = applied_events
    APPLIED.append("cached_applied_events")


def _certain_over(prediction: Any, priority: int, rejected: Any) -> bool:
    """Whether `prediction` beats any prediction a policy of `priority` could make that is
    neither end-to-end nor "no user" (TED's kind): Rasa's ensemble lets a "no user" or an
    end-to-end prediction overrule the others, and otherwise compares (max confidence,
    priority); no confidence exceeds 1.0."""
    if prediction.is_no_user_prediction or prediction.is_end_to_end_prediction:
        return True
    probabilities = list(prediction.probabilities)
    if rejected is not None and rejected < len(probabilities):
        probabilities[rejected] = 0.0  # the ensemble zeroes a rejected action in every prediction
    return bool(probabilities) and max(probabilities) >= 1.0 and prediction.policy_priority > priority


@functools.lru_cache(maxsize=1)
def _deferred_class() -> type:
    from rasa.core.policies.policy import PolicyPrediction

    class DeferredPrediction(PolicyPrediction):
        def __init__(self, compute: Any, priority: int) -> None:  # noqa: D107 (attributes appear when read)
            self.__dict__["_signaal_compute"] = compute
            self.__dict__["_signaal_priority"] = priority

        def __getattr__(self, name: str) -> Any:  # only reached for attributes not set yet
            compute = self.__dict__.pop("_signaal_compute", None)
            if compute is None or name.startswith("__"):
                raise AttributeError(name)
            self.__dict__.update(compute().__dict__)
            return object.__getattribute__(self, name)

    return DeferredPrediction


def deferred_prediction(compute: Any, priority: int) -> Any:
    """A PolicyPrediction whose attributes are `compute()`'s, computed when first read."""
    return _deferred_class()(compute, priority)


def is_pending(prediction: Any) -> bool:
    """A deferred prediction not computed yet."""
    return isinstance(prediction, _deferred_class()) and "_signaal_compute" in prediction.__dict__


def defer_ted() -> None:
    """TED (about 15-35 ms per call, two calls per message) is only worth running when no policy
    of higher priority is certain: the Rule and Memoization policies predict with confidence 1.0
    for most steps of a check (the form loop, listening after it, remembered stories), and Rasa's
    ensemble then picks theirs whatever TED says. TED's prediction is made lazily: the ensemble
    computes it only when no other prediction is certain, so the chosen action is the same.
    Not deferred when TED was trained on text (end-to-end), whose predictions can overrule."""
    from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected
    from rasa.shared.nlu.constants import TEXT

    if getattr(TEDPolicy.predict_action_probabilities, "_signaal", False):
        return

    original_predict = TEDPolicy.predict_action_probabilities

    def predict_action_probabilities(self, tracker, domain, rule_only_data=None, precomputations=None,  # noqa: ANN001, ANN202
                                     **kwargs):
        if self.model is None or TEXT in self.fake_features:
            return original_predict(self, tracker, domain, rule_only_data, precomputations, **kwargs)

        def compute():  # noqa: ANN202
            started = time.perf_counter()
            try:
                return original_predict(self, tracker, domain, rule_only_data, precomputations, **kwargs)
            finally:
                timing.add("graph:TEDPolicy (computed when needed)", time.perf_counter() - started)

        return deferred_prediction(compute, self.priority)

    original_combine = DefaultPolicyPredictionEnsemble.combine_predictions

    def combine_predictions(self, predictions, tracker, domain):  # noqa: ANN001, ANN202
        pending = [p for p in predictions if is_pending(p)]
        if pending:
            decided = [p for p in predictions if not any(p is q for q in pending)]
            last = next((e for e in reversed(tracker.events) if isinstance(e, (ActionExecutionRejected, ActionExecuted))),
                        None)
            rejected = domain.index_for_action(last.action_name) if isinstance(last, ActionExecutionRejected) else None
            top = max(p.__dict__["_signaal_priority"] for p in pending)
            if decided and any(_certain_over(p, top, rejected) for p in decided):
                predictions = decided
        return original_combine(self, predictions, tracker, domain)

    predict_action_probabilities._signaal = True  # type: ignore[attr-defined]
    TEDPolicy.predict_action_probabilities = predict_action_probabilities
    DefaultPolicyPredictionEnsemble.combine_predictions = combine_predictions
    APPLIED.append("defer_ted")


def apply(env: Dict[str, str] = os.environ) -> List[str]:  # type: ignore[assignment]
    """Everything that must happen before Rasa is imported, then the patches."""
    if not enabled(env):
        return []
    block_jax()
    set_threads(env)
    memoise_past_states()
    incremental_states()
    cached_applied_events()
    slim_action_calls()
    quiet_payload_interpolation()
    validate_action_results_once()
    sqlite_wal()
    defer_ted()
    if ted_loading.install(env):
        APPLIED.append("ted_background_load")
    places = admission.install(env)
    if places:
        APPLIED.append(f"admission_{places}")
    no_log_copies()
    cached_event_types()
    return APPLIED
