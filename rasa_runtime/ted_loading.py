"""TED's network is built in the background, after the server can answer.

Loading TED is most of Rasa's start: Rasa builds the network by training it on one example,
loads the weights, and predicts once to trace TensorFlow's functions (about 10 of 20 s here).
Most turns never need TED (the Rule and Memoization policies are certain, and
`speedups.defer_ted` computes TED only when neither is), so the server starts answering at
once, and a prediction that does need TED waits for the network (`LoadingModel`), never
answers without it. The weights are copied out of Rasa's temporary model directory first, as
that directory is gone once the model is loaded. A failed load is logged at once and raised
to every prediction that needs TED: the message fails loudly, it is not answered by a guess.

SIGNAAL_TED_BACKGROUND=off loads TED in the foreground, as Rasa does (docs/performance.md).
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, Mapping

logger = logging.getLogger(__name__)
LOADED = "TED geladen / TED loaded"  # logged once the network is built; stack.processes waits for it


class LoadingModel:
    """Stands for the TED network while it is being built; any use waits for it."""

    def __init__(self, future: "Future[Any]") -> None:
        self._future = future

    def ready(self) -> bool:
        return self._future.done()

    def loaded(self, timeout: float | None = None) -> Any:
        return self._future.result(timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loaded(), name)


def in_background(build: Callable[[], Any]) -> LoadingModel:
    """Run `build` on a thread of its own; its result (or its error) reaches whoever uses the model."""
    future: "Future[Any]" = Future()

    def run() -> None:
        try:
            future.set_result(build())
            logger.info(LOADED)
        except BaseException as error:  # noqa: BLE001  # handed to every prediction that needs TED
            logger.error("TED kon niet laden / TED failed to load: %s", error, exc_info=True)
            future.set_exception(error)

    # Not a daemon: a process that ends (a `rasa test` run) waits for the build, as TensorFlow
    # aborts the whole process when the interpreter goes away under a thread still inside it.
    threading.Thread(target=run, name="signaal-ted-load", daemon=False).start()
    return LoadingModel(future)


def _copy_weights(tf_model_file: Path) -> Path:
    """The checkpoint files of `tf_model_file` (a prefix) into a directory of our own."""
    target = Path(tempfile.mkdtemp(prefix="signaal-ted-"))
    for path in tf_model_file.parent.iterdir():
        if path.name.startswith(tf_model_file.name) or path.name == "checkpoint":
            shutil.copy2(path, target / path.name)
    return target / tf_model_file.name


def enabled(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("SIGNAAL_TED_BACKGROUND", "on").strip().lower() not in ("off", "0", "false", "no")


def install(env: Mapping[str, str] = os.environ) -> bool:
    """Patch TEDPolicy so that prediction models are built on a background thread."""
    if not enabled(env):
        return False
    from rasa.core.policies.ted_policy import TEDPolicy

    if getattr(TEDPolicy._load_tf_model, "_signaal", False):
        return True
    original = TEDPolicy._load_tf_model.__func__  # type: ignore[attr-defined]

    def _load_tf_model(cls, model_utilities, model_data_example, predict_data_example, featurizer,  # noqa: ANN001
                       should_finetune):  # noqa: ANN001, ANN202
        if should_finetune:  # training goes on from here: Rasa's own order
            return original(cls, model_utilities, model_data_example, predict_data_example, featurizer,
                            should_finetune)
        weights = _copy_weights(Path(model_utilities["tf_model_file"]))
        utilities = {**model_utilities, "tf_model_file": weights}

        def build() -> Any:
            # Rasa's device scope (CPU only when `use_gpu: false`) is per thread and does not reach
            # this one; this machine has no GPU, so the network is built on the CPU either way.
            try:
                return original(cls, utilities, model_data_example, predict_data_example, featurizer, False)
            finally:
                shutil.rmtree(weights.parent, ignore_errors=True)

        return in_background(build)

    _load_tf_model._signaal = True  # type: ignore[attr-defined]
    TEDPolicy._load_tf_model = classmethod(_load_tf_model)  # type: ignore[assignment]
    return True
