"""Feedback on an exercise: the trainee's checklist answers against the scenario's key.

found            key present, answered yes
missed           key present, not answered yes (no, unknown or not asked); the chat
                 feedback shows "you said no" apart from "not asked: you could have
                 added it" (`answered_missed`, `not_asked`)
wrongly_flagged  key absent, answered yes
correct / total  total = ids in present + absent; correct = found + absent not flagged

Yes answers on ids outside the key are listed (`unkeyed`) but not scored: a
scenario cannot rule on what it does not describe.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional

from signaal.catalogue import load_catalogue
from signaal.labels import label, pick
from signaal.scenarios import Scenario

YES = "yes"


@dataclass(frozen=True)
class FeedbackItem:
    id: str
    answer: Optional[str]  # yes | no | unknown | None (not asked)
    explanation: Mapping[str, str]


@dataclass
class Feedback:
    scenario: Scenario
    found: List[FeedbackItem]
    missed: List[FeedbackItem]
    wrongly_flagged: List[FeedbackItem]
    unkeyed: List[str]
    correct: int
    total: int
    key_assessment: Any = None  # signaal.assessment.Assessment of the key's present indicators
    trainee_assessment: Any = None  # the same for the trainee's answers

    @property
    def answered_missed(self) -> List[FeedbackItem]:
        """Missed although asked: the trainee said no or don't know."""
        return [item for item in self.missed if item.answer is not None]

    @property
    def not_asked(self) -> List[FeedbackItem]:
        """Missed because never asked: the trainee could have described it."""
        return [item for item in self.missed if item.answer is None]

    def to_exercise_dict(self, language: str = "nl") -> Dict[str, Any]:
        """The `exercise` field of a stored exercise signal."""
        return {
            "scenario_id": self.scenario.id,
            "scenario_title": self.scenario.text("title", language),
            "score": {"correct": self.correct, "total": self.total},
            "found": [item.id for item in self.found],
            "missed": [item.id for item in self.missed],
            "wrongly_flagged": [item.id for item in self.wrongly_flagged],
            "not_asked": [item.id for item in self.not_asked],  # a part of missed
        }


def _assess(answers: Mapping[str, str], exploitation_type: str, minor_involved: str) -> Any:
    # Imported here: the assessment is a separate part; the score itself does not need it.
    from signaal.assessment import assess

    return assess(answers, exploitation_type, minor_involved)


def _context_type(exploitation_type: Optional[str]) -> str:
    """Control cases carry type 'none'; the assessment knows 'unknown'."""
    if not exploitation_type or exploitation_type == "none":
        return "unknown"
    return exploitation_type


def score(
    scenario: Scenario,
    answers: Mapping[str, Optional[str]],
    exploitation_type: Optional[str] = None,
    minor_involved: Optional[str] = None,
) -> Feedback:
    """Compare `answers` (indicator id -> yes/no/unknown) with the scenario's key.

    `exploitation_type` and `minor_involved` are the trainee's own context
    answers for the trainee's assessment; the scenario's values when omitted.
    Non-indicator keys in `answers` (other slots) are ignored.
    """
    def item(indicator_id: str) -> FeedbackItem:
        return FeedbackItem(indicator_id, answers.get(indicator_id), scenario.explanations[indicator_id])

    found = [item(i) for i in scenario.present if answers.get(i) == YES]
    missed = [item(i) for i in scenario.present if answers.get(i) != YES]
    wrongly = [item(i) for i in scenario.absent if answers.get(i) == YES]
    known = set(load_catalogue().indicators)
    keyed = set(scenario.keyed_ids)
    unkeyed = [i for i, a in answers.items() if a == YES and i in known and i not in keyed]
    total = len(scenario.present) + len(scenario.absent)
    correct = len(found) + len(scenario.absent) - len(wrongly)
    feedback = Feedback(scenario, found, missed, wrongly, sorted(unkeyed), correct, total)

    key_answers = {i: YES for i in scenario.present}
    trainee_answers = {i: a for i, a in answers.items() if i in known and a}
    feedback.key_assessment = _assess(key_answers, _context_type(scenario.exploitation_type), scenario.minor_involved)
    feedback.trainee_assessment = _assess(
        trainee_answers,
        _context_type(exploitation_type or scenario.exploitation_type),
        minor_involved or scenario.minor_involved,
    )
    return feedback


# --- chat text ---------------------------------------------------------------

TEXTS: Mapping[str, Mapping[str, str]] = {
    "heading": {"nl": "📋 Oefening: {title}", "en": "📋 Exercise: {title}"},
    "score": {"nl": "Score: {correct} van {total} goed", "en": "Score: {correct} of {total} correct"},
    "found": {"nl": "✅ Gevonden", "en": "✅ Found"},
    "missed": {"nl": "❌ Gemist", "en": "❌ Missed"},
    "not_asked": {"nl": "➕ Niet gevraagd: had je zelf kunnen toevoegen (beschrijf het in je eigen woorden)",
                  "en": "➕ Not asked: you could have added it (describe it in your own words)"},
    "wrongly_flagged": {"nl": "⚠️ Ten onrechte aangevinkt", "en": "⚠️ Wrongly flagged"},
    "unkeyed": {"nl": "Ook aangevinkt (niet in de sleutel, telt niet mee): {labels}",
                "en": "Also flagged (not in the key, not scored): {labels}"},
    "answer_no": {"nl": "je zei nee", "en": "you said no"},
    "answer_unknown": {"nl": "je zei: weet ik niet", "en": "you said: don't know"},
    "answer_none": {"nl": "niet gevraagd: had je zelf kunnen toevoegen (beschrijf het in je eigen woorden)",
                    "en": "not asked: you could have added it (describe it in your own words)"},
    "assessment_key": {"nl": "Beoordeling volgens de sleutel: {outcome}", "en": "Assessment with the key: {outcome}"},
    "assessment_yours": {"nl": "Beoordeling met jouw antwoorden: {outcome}", "en": "Assessment with your answers: {outcome}"},
    "likely": {"nl": "waarschijnlijk slachtoffer (ILO), prioriteit {priority}",
               "en": "likely victim (ILO), priority {priority}"},
    "not_likely": {"nl": "geen ILO-uitkomst slachtoffer, prioriteit {priority}",
                   "en": "not an ILO likely victim, priority {priority}"},
    "dimensions": {"nl": "Elementen aanwezig: {names}", "en": "Elements present: {names}"},
    "control": {"nl": "ℹ️ Dit was een controlecasus: geen mensenhandel. In het echt geldt: bij twijfel altijd doorsturen.",
                "en": "ℹ️ This was a control case: not trafficking. In real work: when in doubt, always forward."},
    "trafficking": {"nl": "Dit was een casus van mensenhandel.", "en": "This was a trafficking case."},
    "not_yet_exploited": {"nl": "De uitbuiting was nog niet begonnen: het oogmerk telt al (art. 273f Sr), ook als de ILO-uitkomst dat nog niet laat zien.",
                          "en": "The exploitation had not begun: the intent already counts (art. 273f Criminal Code), even when the ILO outcome cannot show it yet."},
    "teaches": {"nl": "Les: {teaches}", "en": "Lesson: {teaches}"},
}


def _t(key: str, language: str, **values: Any) -> str:
    return pick(TEXTS[key], language).format(**values)


def indicator_label(indicator_id: str, language: str) -> str:
    """Short label from the catalogue (its meaning while no label is written); the id if unknown."""
    indicator = load_catalogue().indicators.get(indicator_id)
    if indicator is None:
        return indicator_id
    return indicator.text("label", language) or indicator_id


def _answer_note(answer: Optional[str], language: str) -> str:
    if answer == "no":
        return _t("answer_no", language)
    if answer == "unknown":
        return _t("answer_unknown", language)
    return _t("answer_none", language)


def _item_lines(items: List[FeedbackItem], language: str, with_answer: bool) -> List[str]:
    lines = []
    for entry in items:
        label = indicator_label(entry.id, language)
        if with_answer:
            label = f"{label} ({_answer_note(entry.answer, language)})"
        lines.append(f"• {label}")
        explanation = pick(entry.explanation, language)
        if explanation:
            lines.append(f"  {explanation}")
    return lines


def _outcome(assessment: Any, language: str) -> List[str]:
    priority = getattr(assessment, "priority", "low")
    key = "likely" if getattr(assessment, "ilo_likely_victim", False) else "not_likely"
    lines = [_t(key, language, priority=label("priorities", priority, language))]
    dimensions = getattr(assessment, "dimensions", {}) or {}
    present = [label("dimensions", d, language) for d, on in dimensions.items() if on]
    if present:
        lines.append(_t("dimensions", language, names=", ".join(present)))
    return lines


def format_feedback(feedback: Feedback, language: str = "nl") -> str:
    """Feedback as chat text: score, found, missed, wrongly flagged, assessment, lesson."""
    scenario = feedback.scenario
    lines = [
        _t("heading", language, title=scenario.text("title", language)),
        _t("score", language, correct=feedback.correct, total=feedback.total),
    ]
    for part, with_answer in (("found", False), ("answered_missed", True), ("not_asked", False),
                              ("wrongly_flagged", False)):
        items = getattr(feedback, part)
        if items:
            heading = "missed" if part == "answered_missed" else part
            lines += ["", _t(heading, language)] + _item_lines(items, language, with_answer)
    if feedback.unkeyed:
        labels = ", ".join(indicator_label(i, language) for i in feedback.unkeyed)
        lines += ["", _t("unkeyed", language, labels=labels)]
    if feedback.key_assessment is not None:
        key_lines = _outcome(feedback.key_assessment, language)
        lines += ["", _t("assessment_key", language, outcome=key_lines[0])] + key_lines[1:]
    if feedback.trainee_assessment is not None:
        yours = _outcome(feedback.trainee_assessment, language)
        lines.append(_t("assessment_yours", language, outcome=yours[0]))
    lines += ["", _t("control" if scenario.is_control else "trafficking", language)]
    if not scenario.is_control and not scenario.exploitation_started:
        lines.append(_t("not_yet_exploited", language))
    lines.append(_t("teaches", language, teaches=scenario.text("teaches", language)))
    return "\n".join(lines)
