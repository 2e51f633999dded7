"""The stack waits for what Rasa's log says (TED built on its thread), and does not wait for a
line that will never come when TED is built before Rasa answers."""
from __future__ import annotations

from rasa_runtime.ted_loading import LOADED
from stack.processes import Part, Stack


def stack_with_log(tmp_path, text, env=None):
    part = Part("rasa", ["true"], None, "", env=env or {})
    part.log_path = tmp_path / "rasa.log"
    part.log_path.write_text(text, encoding="utf-8")
    return Stack([part], tmp_path)


def test_waits_for_the_line_ted_logs_once_built(tmp_path):
    assert stack_with_log(tmp_path, f"… INFO rasa_runtime.ted_loading - {LOADED}\n").wait_for_ted(5) is not None
    assert stack_with_log(tmp_path, "Rasa server is up and running.\n").wait_for_ted(timeout=1) is None


def test_no_wait_when_ted_is_built_before_rasa_answers(tmp_path):
    for env in ({"SIGNAAL_TED_BACKGROUND": "off"}, {"SIGNAAL_RASA_SPEEDUPS": "off"}):
        assert stack_with_log(tmp_path, "Rasa server is up and running.\n", env).wait_for_ted(timeout=60) == 0.0
