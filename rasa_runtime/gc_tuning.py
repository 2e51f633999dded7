"""The model's objects kept out of Python's garbage collector (SIGNAAL_RASA_GC=off: Rasa's own).

Rasa's process holds about a gigabyte of long-lived objects once the model is loaded
(graph, policies, domain, spaCy, the recogniser). Each collection of the oldest generation
walks all of them, whatever little the messages left behind: a pause of a few hundred
milliseconds, now and then, in the middle of some officer's turn, and under load in
everyone's queued behind it. `gc.freeze()` once the agent is loaded moves them to a
permanent generation the collector never walks; what the messages allocate is still
collected as before. (A model replaced at run time through Rasa's `PUT /model`, which Signaal
does not use, would leave the frozen old one in memory until the process restarts.)
SIGNAAL_RASA_GC_LOG=<file> writes each collection's generation and
milliseconds (for docs/performance.md; never on in production).
"""
from __future__ import annotations

import gc
import os
import time
from typing import Mapping

FROZEN = "Modelobjecten buiten de garbage collector / model objects frozen for the garbage collector"


def enabled(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("SIGNAAL_RASA_GC", "on").strip().lower() not in ("off", "0", "false", "no")


def freeze() -> int:
    """Collect once, then freeze what is left: the loaded model. Returns how many objects were frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def log_collections(path: str) -> None:
    """Append "generation milliseconds" for every collection to `path`."""
    started = {}

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started["t"] = time.perf_counter()
        elif "t" in started:
            with open(path, "a", encoding="utf-8") as out:
                out.write(f"{info['generation']} {(time.perf_counter() - started.pop('t')) * 1000:.2f}\n")

    gc.callbacks.append(callback)


def apply(env: Mapping[str, str] = os.environ) -> bool:
    """Freeze once Rasa's agent is loaded (its server answers from then on); False when off."""
    if env.get("SIGNAAL_RASA_GC_LOG"):
        log_collections(env["SIGNAAL_RASA_GC_LOG"])
    if not enabled(env):
        return False
    import logging

    import rasa.core.run

    original = rasa.core.run.load_agent_on_start
    if getattr(original, "_signaal", False):
        return True

    async def load_agent_on_start(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        loaded = await original(*args, **kwargs)
        count = freeze()
        logging.getLogger(__name__).info("%s (%d)", FROZEN, count)
        return loaded

    load_agent_on_start._signaal = True  # type: ignore[attr-defined]
    rasa.core.run.load_agent_on_start = load_agent_on_start

    # TED's network is built on a thread after the server answers (ted_loading): frozen again then.
    from rasa_runtime import ted_loading

    original_background = ted_loading.in_background

    def in_background(build):  # noqa: ANN001, ANN202
        def build_then_freeze():  # noqa: ANN202
            model = build()
            freeze()
            return model
        return original_background(build_then_freeze)

    ted_loading.in_background = in_background
    return True
