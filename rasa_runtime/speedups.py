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

import os
from typing import Any, Dict, List, Mapping

APPLIED: List[str] = []


def enabled(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("SIGNAAL_RASA_SPEEDUPS", "on").strip().lower() not in ("off", "0", "false", "no")


def set_threads(env: Dict[str, str] = os.environ) -> None:  # type: ignore[assignment]
    """Before TensorFlow is imported (it reads these once)."""
    threads = env.get("SIGNAAL_TF_THREADS", "1")
    for name in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS"):
        env.setdefault(name, threads)
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


def apply(env: Dict[str, str] = os.environ) -> List[str]:  # type: ignore[assignment]
    """Everything that must happen before Rasa is imported, then the patches."""
    if not enabled(env):
        return []
    set_threads(env)
    memoise_past_states()
    slim_action_calls()
    return APPLIED
