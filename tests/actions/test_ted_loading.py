"""TED's network is built in the background (rasa_runtime.ted_loading): whoever uses it waits
for it, an error reaches them, and a TED loaded so predicts exactly as one loaded by Rasa."""
from __future__ import annotations

import threading
import time

import pytest

from rasa_runtime.ted_loading import in_background


def test_the_model_is_used_only_once_built():
    release = threading.Event()

    class Network:
        def run_inference(self, data):
            return f"ran {data}"

    def build():
        release.wait(5)
        return Network()

    model = in_background(build)
    assert not model.ready()
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    assert model.run_inference("x") == "ran x"  # waited for the build
    assert time.monotonic() - started >= 0.1 and model.ready()


def test_a_failed_build_reaches_every_use():
    def build():
        raise OSError("weights missing")

    model = in_background(build)
    for _ in range(2):
        with pytest.raises(OSError, match="weights missing"):
            model.run_inference("x")


def test_a_ted_built_in_the_background_predicts_as_rasas_own(tmp_path):
    pytest.importorskip("rasa")
    from rasa.core.featurizers.single_state_featurizer import SingleStateFeaturizer  # noqa: F401
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.generator import TrackerWithCachedStates

    from rasa_runtime import ted_loading
    from rasa_runtime.ted_loading import LoadingModel

    domain = Domain.from_yaml("""
version: "3.1"
intents: [greet, goodbye]
responses:
  utter_hi: [{text: hoi}]
  utter_bye: [{text: doei}]
""")

    def story(intent, action):
        return TrackerWithCachedStates.from_events(
            intent, [ActionExecuted("action_listen"), UserUttered(intent, {"name": intent}), ActionExecuted(action),
                     ActionExecuted("action_listen")], domain=domain)

    trackers = [story("greet", "utter_hi"), story("goodbye", "utter_bye")] * 3
    (tmp_path / "storage").mkdir()
    storage = LocalModelStorage(tmp_path / "storage")
    resource = Resource("ted")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**TEDPolicy.get_default_config(), "epochs": 2, "random_seed": 1}
    TEDPolicy(config, storage, resource, context).train(trackers, domain)

    original = TEDPolicy._load_tf_model
    foreground = TEDPolicy.load(config, storage, resource, context)
    try:
        assert ted_loading.install({})
        background = TEDPolicy.load(config, storage, resource, context)
    finally:
        TEDPolicy._load_tf_model = original
    assert isinstance(background.model, LoadingModel) and not isinstance(foreground.model, LoadingModel)

    for tracker in (story("greet", "utter_hi"), story("goodbye", "utter_bye")):
        expected = foreground.predict_action_probabilities(tracker, domain).probabilities
        assert background.predict_action_probabilities(tracker, domain).probabilities == pytest.approx(expected)
