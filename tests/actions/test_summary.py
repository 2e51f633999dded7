"""The end of a live check: the summary, then the next steps that fit the case."""

from rasa_sdk.executor import CollectingDispatcher

from actions.summary import ActionChecklistSummary
from tests.support.trackers import make_tracker


def run(slots, domain):
    dispatcher = CollectingDispatcher()
    ActionChecklistSummary().run(dispatcher, make_tracker(slots, active_loop=None), domain)
    return dispatcher.messages


def test_next_steps_follow_the_summary_for_adult_labour(domain):
    messages = run({"exploitation_type": "labour", "minor_involved": "no", "setting": "workplace",
                    "excessive_hours": "yes"}, domain)
    assert messages[0].get("response") == "utter_summary"
    steps = messages[1]["text"]
    assert steps.startswith("Wat nu?")
    assert "Arbeidsinspectie" in steps and "CoMensha" in steps and "Veilig Thuis" not in steps


def test_next_steps_at_the_border_for_a_minor(domain):
    messages = run({"exploitation_type": "sexual", "minor_involved": "yes", "setting": "border",
                    "deceived_about_job": "yes"}, domain)
    steps = messages[1]["text"]
    assert "KMar" in steps and "Nidos" in steps and "Veilig Thuis" in steps
    assert "CoMensha registreert" not in steps
