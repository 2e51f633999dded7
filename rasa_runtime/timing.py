"""Where one message's time goes inside Rasa (`make profile`; off unless SIGNAAL_RASA_TIMING=<file>).

Wall-clock spans per handled message, written as one JSON line each: every graph node
(NLU components and policies), every call to the action server (count and time), tracker
store reads and writes, and the whole message. Only names and durations are written, never
what an officer said.
"""
from __future__ import annotations

import contextvars
import functools
import json
import os
import time
from collections import defaultdict
from typing import Any, Dict, Optional

_current: contextvars.ContextVar[Optional[Dict[str, Any]]] = contextvars.ContextVar("signaal_timing", default=None)


def add(name: str, seconds: float) -> None:
    """Adds a span to the message being handled (nothing when timing is off)."""
    record = _current.get()
    if record is None:
        return
    record["ms"][name] += seconds * 1000
    record["n"][name] += 1


def _wrap_async(owner: Any, attribute: str, name: str) -> None:
    original = getattr(owner, attribute)

    @functools.wraps(original)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await original(*args, **kwargs)
        finally:
            add(name, time.perf_counter() - started)

    setattr(owner, attribute, timed)


def install(path: str) -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    from rasa_runtime.tracker_store import CachingTrackerStore

    out = open(path, "a", encoding="utf-8", buffering=1)
    original_call = GraphNode.__call__

    def call(self, *inputs):  # noqa: ANN001, ANN202
        started = time.perf_counter()
        try:
            return original_call(self, *inputs)
        finally:
            add(f"graph:{self._node_name}", time.perf_counter() - started)

    GraphNode.__call__ = call

    original_request = EndpointConfig.request

    async def request(self, method="post", subpath=None, *args, **kwargs):  # noqa: ANN001, ANN202
        started = time.perf_counter()
        try:
            return await original_request(self, method, subpath, *args, **kwargs)
        finally:
            payload = kwargs.get("json") or {}
            action = payload.get("next_action", "?") if isinstance(payload, dict) else "?"
            add(f"action_server:{action}", time.perf_counter() - started)

    EndpointConfig.request = request
    _wrap_async(SQLTrackerStore, "retrieve", "tracker_store:sql_read")
    _wrap_async(SQLTrackerStore, "save", "tracker_store:sql_write")
    _wrap_async(CachingTrackerStore, "retrieve", "tracker_store:retrieve")
    _wrap_async(CachingTrackerStore, "save", "tracker_store:save")

    original_handle = MessageProcessor.handle_message

    async def handle_message(self, message):  # noqa: ANN001, ANN202
        record = {"ms": defaultdict(float), "n": defaultdict(int)}
        token = _current.set(record)
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return await original_handle(self, message)
        finally:
            _current.reset(token)
            out.write(json.dumps({"total_ms": (time.perf_counter() - started) * 1000,
                                  "process_cpu_ms": (time.process_time() - cpu) * 1000,
                                  "ms": record["ms"], "n": record["n"]}) + "\n")

    MessageProcessor.handle_message = handle_message


def install_from_env(env=os.environ) -> bool:  # noqa: ANN001
    path = env.get("SIGNAAL_RASA_TIMING")
    if not path:
        return False
    install(path)
    return True
