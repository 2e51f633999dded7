"""A cache in front of the configured tracker store (SQL by default).

Rasa's SQL tracker store reads every event of the conversation's session from
the database on each message and replays them one by one into a new tracker:
the cost grows with the length of a check. This wrapper keeps, per
conversation, the tracker object the processor handed back to `save()`, and
gives that same object out on the next `retrieve()`. Every save still goes to
the wrapped store first (write-through), so the database stays complete and a
restart loses nothing.

When is the cached object trusted? Only when it is exactly the object that was
retrieved from here and then saved again (identity): a message handled
completely. A tracker retrieved and never saved (an error half-way, a
read-only look) is "checked out"; the next retrieve reads the database again.
Any other tracker saved for that conversation (a new one, a full-history one)
drops the entry. Rasa handles one message per conversation at a time (its lock
store), which is what makes this safe in one process; with several Rasa
processes (the scale-out with Redis) another process may have written, so the
entry point leaves the cache off there (SIGNAAL_REDIS_URL set), and
SIGNAAL_TRACKER_CACHE=off turns it off anywhere.

Saving a cached tracker writes only the events added since it was read or last saved
(their number is known here), where Rasa's SQL store first counts the conversation's
stored events with a query that grows with the check: same rows, one query less.

At most SIGNAAL_TRACKER_CACHE_SIZE conversations (default 2000) are held,
least recently used first out, each for at most SIGNAAL_TRACKER_CACHE_SECONDS (default an
hour) after it was read from the database.
"""
from __future__ import annotations

import itertools
import json
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Text

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_SIZE = 2000
# An entry is read from the database again after this long, so data the intake's pruning
# deleted (`manage.py prune`) is not kept alive here.
DEFAULT_SECONDS = 3600


@dataclass
class _Entry:
    tracker: DialogueStateTracker
    checked_out: bool
    loaded_at: float
    stored: Optional[int] = None  # how many of tracker.events the database holds


def _new_session_in(tracker: DialogueStateTracker, start: int = 0) -> bool:
    """A session started in memory: a SessionStarted among tracker.events[start:], past where a
    tracker begins (a new one: action_listen, action_session_start, session_started)."""
    from rasa.shared.core.events import SessionStarted

    return any(isinstance(event, SessionStarted) for event in itertools.islice(tracker.events, max(3, start), None))


def _insert_new_events(store: Any, tracker: DialogueStateTracker, start: int) -> None:
    """What SQLTrackerStore.save writes, for tracker.events[start:] (its rows, exactly)."""
    from rasa.shared.nlu.constants import INTENT_NAME_KEY

    with store.session_scope() as session:
        for event in itertools.islice(tracker.events, start, None):
            data = event.as_dict()
            session.add(store.SQLEvent(
                sender_id=tracker.sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                action_name=data.get("name"), data=json.dumps(data)))
        session.commit()


class CachingTrackerStore(TrackerStore):
    def __init__(self, inner: TrackerStore, size: int = DEFAULT_SIZE, seconds: float = DEFAULT_SECONDS,
                 env=os.environ) -> None:  # noqa: ANN001 (a mapping)
        from rasa.core.tracker_store import SQLTrackerStore

        self._inner = inner
        # Only new events written (no count query): Rasa's SQL store with no event broker (whose
        # diff would read the stored tracker anyway), unless SIGNAAL_TRACKER_FAST_SAVE=off.
        self.fast_saves = (type(inner) is SQLTrackerStore and inner.event_broker is None
                           and env.get("SIGNAAL_TRACKER_FAST_SAVE", "on").strip().lower() not in ("off", "0", "false", "no"))
        self._size = max(1, size)
        self._seconds = seconds
        self._entries: "OrderedDict[str, _Entry]" = OrderedDict()
        self.hits = 0
        self.misses = 0
        # Conversations the database had no tracker for at the last retrieve: the tracker Rasa then
        # creates and saves is the whole conversation, so it is kept from its first save on.
        self._absent: "OrderedDict[str, None]" = OrderedDict()
        super().__init__(inner.domain, inner.event_broker)

    @property
    def domain(self) -> Domain:
        return self._inner.domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        self._inner.domain = domain or Domain.empty()
        self._entries.clear()  # a new model: trackers must be rebuilt with its slots

    @property
    def inner(self) -> TrackerStore:
        return self._inner

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        entry = self._entries.get(sender_id)
        if entry is not None and not entry.checked_out and time.monotonic() - entry.loaded_at < self._seconds:
            entry.checked_out = True
            self._entries.move_to_end(sender_id)
            self.hits += 1
            return entry.tracker
        self.misses += 1
        self._entries.pop(sender_id, None)
        tracker = await self._inner.retrieve(sender_id)
        if tracker is not None:
            stored = len(tracker.events) if self.fast_saves else None
            self._remember(sender_id, _Entry(tracker, True, time.monotonic(), stored))
        else:
            self._absent[sender_id] = None
            while len(self._absent) > self._size:
                self._absent.popitem(last=False)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        entry = self._entries.get(tracker.sender_id)
        new = entry is None and tracker.sender_id in self._absent
        self._absent.pop(tracker.sender_id, None)
        if new:  # Rasa's new tracker for a conversation the database did not have
            entry = _Entry(tracker, True, time.monotonic(), None)
            self._remember(tracker.sender_id, entry)
        ours = entry is not None and entry.tracker is tracker
        try:
            if ours and entry.stored is not None and entry.stored <= len(tracker.events):
                _insert_new_events(self._inner, tracker, entry.stored)
            else:
                await self._inner.save(tracker)
        except BaseException:
            self._entries.pop(tracker.sender_id, None)
            raise
        if ours and _new_session_in(tracker, entry.stored or 0):
            # A session began in memory this turn: read the new session from the database next time,
            # so no cached tracker spans two sessions (Rasa's own save counts from the last session
            # start on, and would write the earlier session again).
            ours = False
        if ours:
            # A new conversation's first save (create_tracker) comes before the turn is handled:
            # it stays checked out until the turn's own save, as a retrieved tracker does.
            entry.checked_out = new
            if entry.stored is not None or (new and self.fast_saves):
                entry.stored = len(tracker.events)
        else:
            self._entries.pop(tracker.sender_id, None)

    def _remember(self, sender_id: str, entry: _Entry) -> None:
        self._entries[sender_id] = entry
        self._entries.move_to_end(sender_id)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def forget(self, sender_id: Text) -> None:
        self._entries.pop(sender_id, None)

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        # All sessions: read from the wrapped store (always complete), never cached.
        return await self._inner.retrieve_full_tracker(conversation_id)

    async def keys(self) -> Iterable[Text]:
        return await self._inner.keys()

    async def exists(self, conversation_id: Text) -> bool:
        if conversation_id in self._entries:
            return True
        return await self._inner.exists(conversation_id)

    def __getattr__(self, name: str) -> Any:  # e.g. SQLTrackerStore.session_scope for our tests and tools
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._inner, name)


def enabled(env=os.environ) -> bool:  # noqa: ANN001 (a mapping)
    value = env.get("SIGNAAL_TRACKER_CACHE", "").strip().lower()
    if value in ("off", "0", "false", "no"):
        return False
    if value in ("on", "1", "true", "yes"):
        return True
    # Default: on for one Rasa process; off when several may share the store (Redis lock store).
    return not env.get("SIGNAAL_REDIS_URL")


def wrap(store: TrackerStore, env=os.environ) -> TrackerStore:  # noqa: ANN001
    if isinstance(store, CachingTrackerStore) or not enabled(env):
        return store
    return CachingTrackerStore(store, int(env.get("SIGNAAL_TRACKER_CACHE_SIZE", DEFAULT_SIZE)),
                               float(env.get("SIGNAAL_TRACKER_CACHE_SECONDS", DEFAULT_SECONDS)), env)


def install(env=os.environ) -> bool:  # noqa: ANN001
    """Wrap whatever tracker store Rasa creates from endpoints.yml (the agent's one)."""
    if not enabled(env):
        return False
    from rasa.core import agent

    original = agent.Agent._create_tracker_store
    if getattr(original, "_signaal_cache", False):
        return True

    def _create_tracker_store(store, domain):  # noqa: ANN001, ANN202
        if store is not None and not isinstance(store, CachingTrackerStore):
            store = wrap(store, env)
        return original(store, domain)

    _create_tracker_store._signaal_cache = True  # type: ignore[attr-defined]
    agent.Agent._create_tracker_store = staticmethod(_create_tracker_store)
    return True
