"""The stack waits for what a part's log says (TED built on its thread), without waiting
for a line that will never come."""
from __future__ import annotations

from stack.processes import Part, Stack


def stack_with_log(tmp_path, text, env=None):
    part = Part("rasa", ["true"], None, "", env=env or {})
    part.log_path = tmp_path / "rasa.log"
    part.log_path.write_text(text, encoding="utf-8")
    return Stack([part], tmp_path)


def test_waits_until_the_log_says_it(tmp_path):
    assert stack_with_log(tmp_path, "… INFO rasa_runtime.ted_loading - TED geladen / TED loaded\n").wait_for_ted(5) == 0.0
    assert stack_with_log(tmp_path, "starting\n").wait_for_log("rasa", "TED loaded", timeout=1) is None


def test_no_wait_when_ted_is_built_before_rasa_answers(tmp_path):
    for env in ({"SIGNAAL_TED_BACKGROUND": "off"}, {"SIGNAAL_RASA_SPEEDUPS": "off"}):
        assert stack_with_log(tmp_path, "starting\n", env).wait_for_ted(timeout=60) == 0.0
