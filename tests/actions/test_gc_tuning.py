"""The loaded model is frozen for the garbage collector (rasa_runtime/gc_tuning.py)."""
from __future__ import annotations

import asyncio
import gc

import pytest

pytest.importorskip("rasa")

import rasa.core.run  # noqa: E402

from rasa_runtime import gc_tuning, ted_loading  # noqa: E402


@pytest.fixture
def restored(monkeypatch):
    monkeypatch.setattr(rasa.core.run, "load_agent_on_start", rasa.core.run.load_agent_on_start)
    monkeypatch.setattr(ted_loading, "in_background", ted_loading.in_background)
    callbacks = list(gc.callbacks)
    yield
    gc.callbacks[:] = callbacks
    gc.unfreeze()


def test_the_agent_and_teds_network_are_frozen_once_loaded(restored, monkeypatch, tmp_path):
    loaded = object()

    async def load(*args, **kwargs):
        return loaded

    monkeypatch.setattr(rasa.core.run, "load_agent_on_start", load)
    log = tmp_path / "gc.log"
    assert gc_tuning.apply({"SIGNAAL_RASA_GC_LOG": str(log)})
    gc.unfreeze()
    assert asyncio.run(rasa.core.run.load_agent_on_start("model", None, None, None, None)) is loaded
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    network = ted_loading.in_background(lambda: "network")
    assert network.loaded(timeout=30) == "network" and gc.get_freeze_count() > 0
    gc.collect()
    assert any(line.split()[0] == "2" for line in log.read_text().splitlines())  # each collection logged


def test_off_leaves_rasa_as_it_is(restored):
    original = rasa.core.run.load_agent_on_start
    assert not gc_tuning.apply({"SIGNAAL_RASA_GC": "off"})
    assert rasa.core.run.load_agent_on_start is original
