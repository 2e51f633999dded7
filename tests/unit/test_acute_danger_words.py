"""The acute-danger phrases are whole-word matches (run where Rasa is installed)."""
import pytest

guard = pytest.importorskip("rasa_components.acute_danger_guard")


def test_danger_phrases_match_whole_words_only():
    pattern = guard.load_pattern()
    assert pattern.search("er wordt nu geslagen, acuut gevaar!")
    assert pattern.search("she is in danger")
    assert pattern.search("ik bel 112")
    assert not pattern.search("de baas is acuter dan gedacht")
    assert not pattern.search("ze werken in gevaarlijke omstandigheden")
