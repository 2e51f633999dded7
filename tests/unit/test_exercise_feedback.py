"""Scoring an exercise against the answer key, and the feedback text."""
from __future__ import annotations

import pytest

from signaal.exercise_feedback import format_feedback, score
from signaal.scenarios import Scenario, load_scenarios


@pytest.fixture(scope="module")
def shipped():
    return load_scenarios()


def _explain(text: str) -> dict:
    return {"nl": f"NL {text}", "en": f"EN {text}"}


# Hand-worked case: three present, two absent.
HAND = Scenario(
    id="hand_worked", title={"nl": "Handmatig", "en": "By hand"}, setting="workplace",
    narrative={"nl": "", "en": ""}, exploitation_type="labour", minor_involved="no", persons=1,
    trafficking=True,
    present=("documents_confiscated", "excessive_hours", "low_or_no_pay"),
    absent=("violence", "irregular_status"),
    explanations={i: _explain(i) for i in
                  ("documents_confiscated", "excessive_hours", "low_or_no_pay", "violence", "irregular_status")},
    facts=(), teaches={"nl": "Les.", "en": "Lesson."},
)


def test_hand_worked_score():
    answers = {
        "documents_confiscated": "yes",   # found
        "excessive_hours": "no",          # missed (said no)
        # low_or_no_pay not asked         -> missed
        "violence": "yes",                # wrongly flagged
        "irregular_status": "unknown",    # absent and not flagged: correct
        "signs_of_abuse": "yes",          # not in the key: listed, not scored
        "exploitation_type": "labour",    # another slot: ignored
    }
    feedback = score(HAND, answers)
    assert [i.id for i in feedback.found] == ["documents_confiscated"]
    assert [i.id for i in feedback.missed] == ["excessive_hours", "low_or_no_pay"]
    assert [(i.id, i.answer) for i in feedback.missed] == [("excessive_hours", "no"), ("low_or_no_pay", None)]
    assert [i.id for i in feedback.wrongly_flagged] == ["violence"]
    assert feedback.unkeyed == ["signs_of_abuse"]
    assert (feedback.correct, feedback.total) == (2, 5)  # 1 found + (2 absent - 1 flagged)
    assert feedback.found[0].explanation == _explain("documents_confiscated")
    assert feedback.to_exercise_dict() == {
        "scenario_id": "hand_worked",
        "scenario_title": "Handmatig",
        "score": {"correct": 2, "total": 5},
        "found": ["documents_confiscated"],
        "missed": ["excessive_hours", "low_or_no_pay"],
        "wrongly_flagged": ["violence"],
        "not_asked": ["low_or_no_pay"],
    }
    assert [i.id for i in feedback.answered_missed] == ["excessive_hours"]
    assert [i.id for i in feedback.not_asked] == ["low_or_no_pay"]
    assert feedback.to_exercise_dict("en")["scenario_title"] == "By hand"


def test_perfect_and_empty_answers_bound_the_score():
    perfect = score(HAND, {"documents_confiscated": "yes", "excessive_hours": "yes", "low_or_no_pay": "yes",
                           "violence": "no", "irregular_status": "no"})
    assert (perfect.correct, perfect.total) == (5, 5)
    assert not perfect.missed and not perfect.wrongly_flagged
    nothing = score(HAND, {})
    assert (nothing.correct, nothing.total) == (2, 5)  # only the absent ones are right
    everything = score(HAND, {i: "yes" for i in HAND.keyed_ids})
    assert (everything.correct, everything.total) == (3, 5)


def test_key_assessment_versus_trainee_assessment():
    feedback = score(HAND, {"documents_confiscated": "yes"})
    # key: one strong + one strong + one medium -> exploitation present, but no recruitment: not likely
    assert feedback.key_assessment.dimensions["exploitation"] is True
    assert feedback.key_assessment.ilo_likely_victim is False
    assert feedback.trainee_assessment.dimensions["exploitation"] is False
    assert feedback.key_assessment.priority == "high"


def test_key_assessment_of_a_trafficking_scenario(shipped):
    loverboy = shipped.get("loverboy_minor_hotel")
    feedback = score(loverboy, {i: "yes" for i in loverboy.present})
    assert feedback.key_assessment.ilo_likely_victim
    assert feedback.key_assessment.priority == "urgent"  # a minor with yes answers
    assert feedback.trainee_assessment.ilo_likely_victim
    assert (feedback.correct, feedback.total) == (len(loverboy.keyed_ids), len(loverboy.keyed_ids))
    # the trainee's own context counts for the trainee's assessment
    as_adult = score(loverboy, {i: "yes" for i in loverboy.present}, minor_involved="no")
    assert as_adult.trainee_assessment.priority != "urgent"


@pytest.mark.parametrize("scenario_id, flagged", [
    ("control_busy_restaurant", ["excessive_hours", "documents_confiscated"]),
    ("control_smuggling_de_lutte", ["recruitment_debt", "debt_bondage"]),
])
def test_flagging_a_control_case_is_wrongly_flagged(shipped, scenario_id, flagged):
    control = shipped.get(scenario_id)
    assert not control.trafficking
    answers = {i: "yes" for i in control.present}
    answers.update({i: "yes" for i in flagged})
    feedback = score(control, answers)
    assert sorted(i.id for i in feedback.wrongly_flagged) == sorted(flagged)
    assert feedback.correct == feedback.total - len(flagged)
    assert not feedback.key_assessment.ilo_likely_victim
    text = format_feedback(feedback, "nl")
    assert "controlecasus" in text and "bij twijfel" in text
    for indicator_id in flagged:
        assert control.explanation(indicator_id, "nl") in text


def test_format_feedback_in_both_languages():
    answers = {"documents_confiscated": "yes", "excessive_hours": "no", "violence": "yes"}
    feedback = score(HAND, answers)
    nl = format_feedback(feedback, "nl")
    en = format_feedback(feedback, "en")
    assert "Score: 2 van 5 goed" in nl and "Score: 2 of 5 correct" in en
    assert "NL excessive_hours" in nl and "EN excessive_hours" in en
    assert "EN " not in nl and "NL " not in en
    assert "je zei nee" in nl and "you said no" in en
    assert "Gemist" in nl and "Missed" in en
    assert "Ten onrechte aangevinkt" in nl and "Wrongly flagged" in en
    assert "Les: Les." in nl and "Lesson: Lesson." in en
    # found, then missed although asked, then not asked, then wrongly flagged
    assert nl.index("Gevonden") < nl.index("Gemist") < nl.index("Niet gevraagd") < nl.index("Ten onrechte")
    missed_part = nl[nl.index("Gemist"):nl.index("Niet gevraagd")]
    assert "NL excessive_hours" in missed_part and "NL low_or_no_pay" not in missed_part
    assert "NL low_or_no_pay" in nl[nl.index("Niet gevraagd"):nl.index("Ten onrechte")]
    assert "Not asked: you could have added it" in en
    # chat-sized lines: nothing longer than one explanation
    assert max(len(line) for line in nl.splitlines()) < 300


def test_border_case_before_exploitation_says_intent_counts(shipped):
    schiphol = shipped.get("schiphol_border_check")
    feedback = score(schiphol, {i: "yes" for i in schiphol.present})
    assert not feedback.key_assessment.ilo_likely_victim
    assert "273f" in format_feedback(feedback, "nl")
