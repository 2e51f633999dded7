"""The tracker store cache (rasa_runtime.tracker_store) and the past-states memo (speedups):
same trackers, same states, and the database stays the source after an error or a restart."""
from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("rasa")  # the Python 3.10 side only

from rasa.core.tracker_store import SQLTrackerStore  # noqa: E402
from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered  # noqa: E402

from rasa_runtime import speedups  # noqa: E402
from rasa_runtime.tracker_store import CachingTrackerStore, enabled, wrap  # noqa: E402

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet, inform]
slots:
  persons: {type: text, mappings: [{type: custom}]}
responses:
  utter_greet: [{text: hoi}]
""")


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def sql_store(tmp_path):
    return SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))


def one_turn(tracker, text, persons):
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 1.0}))
    tracker.update(SlotSet("persons", persons))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(ActionExecuted("action_listen"))


def test_a_handled_message_is_served_from_memory_and_written_through(tmp_path):
    store = CachingTrackerStore(sql_store(tmp_path))
    tracker = run(store.get_or_create_tracker("web-a"))
    one_turn(tracker, "hallo", "1")
    run(store.save(tracker))
    first = run(store.retrieve("web-a"))  # a conversation the database did not have: kept from its creation
    assert first is tracker
    one_turn(first, "nog eens", "2")
    run(store.save(first))
    assert run(store.retrieve("web-a")) is first
    assert store.hits == 2 and store.misses == 1
    from_db = run(sql_store(tmp_path).retrieve("web-a"))  # a restart: nothing lost
    assert [e.as_dict() for e in from_db.events] == [e.as_dict() for e in first.events]
    assert from_db.get_slot("persons") == "2"


def test_a_tracker_retrieved_but_never_saved_is_read_again(tmp_path):
    store = CachingTrackerStore(sql_store(tmp_path))
    tracker = run(store.get_or_create_tracker("web-b"))
    one_turn(tracker, "hallo", "1")
    run(store.save(tracker))
    run(store.save(run(store.retrieve("web-b"))))
    broken = run(store.retrieve("web-b"))
    one_turn(broken, "half verwerkt", "9")  # an error before save: these events never reached the database
    again = run(store.retrieve("web-b"))
    assert again is not broken and again.get_slot("persons") == "1"


def test_another_tracker_saved_for_the_conversation_drops_the_entry(tmp_path):
    store = CachingTrackerStore(sql_store(tmp_path))
    tracker = run(store.get_or_create_tracker("web-c"))
    run(store.save(tracker))
    cached = run(store.retrieve("web-c"))
    run(store.save(cached))
    other = run(sql_store(tmp_path).retrieve("web-c"))
    one_turn(other, "elders", "3")
    run(store.save(other))
    assert run(store.retrieve("web-c")) is not cached


def test_entries_expire_and_the_size_is_bounded(tmp_path):
    store = CachingTrackerStore(sql_store(tmp_path), size=1, seconds=0)
    for sender in ("web-d", "web-e"):
        run(store.save(run(store.get_or_create_tracker(sender))))
        run(store.save(run(store.retrieve(sender))))
    assert len(store._entries) == 1
    run(store.retrieve("web-e"))
    assert store.hits == 0  # expired (seconds=0): read again


def test_off_switch_and_scale_out_default():
    assert enabled({}) and not enabled({"SIGNAAL_TRACKER_CACHE": "off"})
    assert not enabled({"SIGNAAL_REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert enabled({"SIGNAAL_REDIS_URL": "redis://x", "SIGNAAL_TRACKER_CACHE": "on"})
    inner = object.__new__(SQLTrackerStore)
    assert wrap(inner, {"SIGNAAL_TRACKER_CACHE": "off"}) is inner


def test_past_states_are_the_same_with_the_memo(tmp_path):
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker("web-f", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    one_turn(tracker, "hallo", "1")
    plain = tracker.past_states(DOMAIN)
    speedups.memoise_past_states()
    first = tracker.past_states(DOMAIN)
    first[-1].clear()
    first[0].get("prev_action", {}).clear()  # a caller changing the result changes nothing kept
    assert tracker.past_states(DOMAIN) == plain
    one_turn(tracker, "weer", "2")
    assert tracker.past_states(DOMAIN) != plain  # new events: computed again
    assert tracker.past_states(DOMAIN) == DialogueStateTracker.from_events(
        "web-f", list(tracker.events), DOMAIN.slots).past_states(DOMAIN)


def test_sqlite_tracker_store_keeps_one_connection_in_wal_mode(tmp_path):
    speedups.sqlite_wal()
    store = sql_store(tmp_path)
    tracker = run(store.get_or_create_tracker("web-g"))
    one_turn(tracker, "hallo", "1")
    run(store.save(tracker))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert run(sql_store(tmp_path).retrieve("web-g")).get_slot("persons") == "1"


def test_incremental_states_equal_rasas_own_walk_through_reverts_and_rules():
    from rasa.shared.core.events import ActiveLoop, UserUtteranceReverted
    from rasa.shared.core.trackers import DialogueStateTracker

    plain = Domain.states_for_tracker_history
    speedups.incremental_states()
    tracker = DialogueStateTracker("web-h", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    steps = [UserUttered("a", {"name": "greet", "confidence": 1.0}), ActionExecuted("utter_greet", hide_rule_turn=True),
             ActionExecuted("action_listen"), UserUttered("b", {"name": "inform", "confidence": 1.0}),
             SlotSet("persons", "3"), ActiveLoop("some_form"), ActionExecuted("some_form"), UserUtteranceReverted(),
             UserUttered("c", {"name": "inform", "confidence": 1.0}), ActionExecuted("utter_greet"), ActiveLoop(None),
             ActionExecuted("action_listen")]
    for event in steps:
        tracker.update(event)
        for omit, ignore, rule_only in ((False, False, None), (True, True, {"slots": ["persons"], "loops": []})):
            fast = DOMAIN.states_for_tracker_history(tracker, omit, ignore, rule_only)
            assert fast == plain(DOMAIN, tracker, omit, ignore, rule_only), event
            if fast:
                fast[-1].clear()  # the caller's copy


def test_incremental_states_equal_rasas_own_through_a_form_whose_turns_hide_each_other():
    """In a form's happy path Rasa's applied events drop the previous turn each turn; the walk
    goes back to where they part and must still give Rasa's own states."""
    from rasa.shared.core.events import ActiveLoop
    from rasa.shared.core.trackers import DialogueStateTracker

    plain = Domain.states_for_tracker_history
    speedups.incremental_states()
    tracker = DialogueStateTracker("web-form", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    steps = [UserUttered("start", {"name": "inform", "confidence": 1.0}), ActionExecuted("some_form"),
             ActiveLoop("some_form"), SlotSet("requested_slot", "persons")]
    for turn in range(4):
        steps += [ActionExecuted("action_listen"), UserUttered(f"answer {turn}", {"name": "inform", "confidence": 1.0}),
                  ActionExecuted("some_form"), SlotSet("persons", str(turn))]
    steps += [ActiveLoop(None), ActionExecuted("utter_greet"), ActionExecuted("action_listen")]
    hidden_some = False
    for event in steps:
        tracker.update(event)
        hidden_some = hidden_some or len(tracker.applied_events()) < len(tracker.events)
        for omit, ignore, rule_only in ((False, False, None), (True, True, {"slots": ["persons"], "loops": []})):
            fast = DOMAIN.states_for_tracker_history(tracker, omit, ignore, rule_only)
            assert fast == plain(DOMAIN, tracker, omit, ignore, rule_only), event
            if fast:
                fast[-1].clear()  # the caller's copy
    assert hidden_some  # the form's turns did hide each other


def test_cached_applied_events_equal_rasas_own_on_random_conversations():
    """Forms that hide their earlier turns, reverts, restarts, rejected forms and a second form
    appearing late: after every event, the kept fold gives what Rasa's own loop gives."""
    import random

    from rasa.shared.core.events import (ActionExecutionRejected, ActionReverted, ActiveLoop, Restarted,
                                         UserUtteranceReverted)
    from rasa.shared.core.trackers import DialogueStateTracker

    plain = DialogueStateTracker.applied_events
    speedups.cached_applied_events()
    assert DialogueStateTracker.applied_events is not plain
    kinds = [
        lambda: ActionExecuted("action_listen"), lambda: UserUttered("x", {"name": "inform", "confidence": 1.0}),
        lambda: ActionExecuted("form_a"), lambda: ActionExecuted("form_b"), lambda: ActiveLoop("form_a"),
        lambda: ActiveLoop("form_b"), lambda: ActiveLoop(None), lambda: SlotSet("persons", "2"),
        lambda: ActionExecutionRejected("form_a"), lambda: ActionExecuted("utter_greet"),
        lambda: ActionReverted(), lambda: UserUtteranceReverted(), lambda: Restarted(),
    ]
    weights = [6, 6, 6, 2, 2, 1, 2, 4, 1, 3, 1, 1, 0.3]
    rng = random.Random(7)
    for conversation in range(40):
        tracker = DialogueStateTracker(f"web-r{conversation}", DOMAIN.slots)
        for _ in range(rng.randint(5, 80)):
            tracker.update(rng.choices(kinds, weights)[0]())
            fast = tracker.applied_events()
            assert [id(e) for e in fast] == [id(e) for e in plain(tracker)], conversation  # the same objects
            fast.clear()  # the caller's own list
            assert [id(e) for e in tracker.applied_events()] == [id(e) for e in plain(tracker)]


def _rows(store, sender):
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).order_by(store.SQLEvent.id).all()
        return [(r.type_name, r.timestamp, r.intent_name, r.action_name, r.data) for r in rows]


def test_a_cached_tracker_saves_only_its_new_events_as_rasas_own_save_would(tmp_path, monkeypatch):
    """The fast save (no count query) writes exactly the rows Rasa's SQL store writes, turn after turn,
    also across a new session started in memory; SIGNAAL_TRACKER_FAST_SAVE=off is Rasa's own save."""
    from rasa.shared.core.events import ActionExecuted as Executed, SessionStarted

    def conversation(store, sender):
        tracker = run(store.get_or_create_tracker(sender))
        one_turn(tracker, "hallo", "1")
        run(store.save(tracker))
        for turn in range(6):
            tracker = run(store.retrieve(sender))
            if turn == 4:  # as Rasa starts a session: first, then every slot carried over, then the turn
                tracker.update(Executed("action_session_start"))
                tracker.update(SessionStarted())
                for n in range(15):
                    tracker.update(SlotSet("persons", str(n)))
            one_turn(tracker, f"beurt {turn}", str(turn))
            if turn == 2:  # a session started at the end of a turn
                tracker.update(Executed("action_session_start"))
                tracker.update(SessionStarted())
            run(store.save(tracker))
        return tracker

    (tmp_path / "fast").mkdir()
    (tmp_path / "plain").mkdir()
    (tmp_path / "slow").mkdir()
    fast = CachingTrackerStore(sql_store(tmp_path / "fast"))
    assert fast.fast_saves
    conversation(fast, "web-f")
    assert fast.hits == 4 and fast.misses == 3  # read again after each session started in memory
    plain = sql_store(tmp_path / "plain")  # Rasa alone: reads the tracker from the database every turn
    conversation(plain, "web-f")
    monkeypatch.setenv("SIGNAAL_TRACKER_FAST_SAVE", "off")
    slow = CachingTrackerStore(sql_store(tmp_path / "slow"))  # the cache with Rasa's own save
    assert not slow.fast_saves
    conversation(slow, "web-f")
    strip = lambda rows: [(t, i, a, json.loads(d) | {"timestamp": None}) for t, _, i, a, d in rows]  # noqa: E731
    assert strip(_rows(fast.inner, "web-f")) == strip(_rows(plain, "web-f")) == strip(_rows(slow.inner, "web-f"))
    assert len(_rows(plain, "web-f")) == 1 + 4 * 7 + 2 + 2 + 15  # listen, 7 turns, two new sessions


def test_a_new_conversations_first_turn_that_fails_is_not_served_from_memory(tmp_path):
    """Rasa saves a new conversation's tracker before handling the turn; if the turn then fails
    before its own save, the next message reads the database, not the half-handled tracker."""
    store = CachingTrackerStore(sql_store(tmp_path))
    tracker = run(store.get_or_create_tracker("web-h"))
    one_turn(tracker, "half verwerkt", "9")  # the turn fails: no save
    again = run(store.retrieve("web-h"))
    assert again is not tracker and again.get_slot("persons") is None
    one_turn(again, "opnieuw", "1")
    run(store.save(again))
    assert [r[0] for r in _rows(store.inner, "web-h")] == ["action", "user", "slot", "action", "action"]
