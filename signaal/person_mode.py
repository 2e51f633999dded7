"""Questions the person answers on the officer's phone, in their own language. Pure.

The officer hands over the phone ("laat de persoon zelf antwoorden"); the
person sees a short intro, one question at a time with Yes / No / I don't
know buttons in their language, and a closing screen with where to get help.
What the questions mean for the check (catalogue indicators, inverted or not)
is data: catalogue/person_questions.yml; the texts are one file per language:
catalogue/person_languages/<code>.yml, each with exactly the keys of nl.yml.

Safety (catalogue/person_screen_safety.yml): the person's screens carry no
assessment and nothing a controller next to them could read as an accusation;
their answers are never echoed on the phone (`is_private_answer`: the chat
channels show a tap on such a button without its title). The officer gets
the answers in Dutch (or English) once the phone is back.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Tuple

from signaal.catalogue import ANSWERS, load_catalogue
from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.labels import label
from signaal.paths import CATALOGUE_DIR

QUESTIONS_FILE = CATALOGUE_DIR / "person_questions.yml"
LANGUAGES_DIR = CATALOGUE_DIR / "person_languages"
SAFETY_FILE = CATALOGUE_DIR / "person_screen_safety.yml"
REFERENCE = "nl"  # the keys every language file must have

# Intents of the person mode; the buttons' payloads are set here, so no NLU is needed in any language.
PERSON_MODE = "person_mode"
PERSON_START = "person_start"
PERSON_ANSWER = "person_answer"
OFFICER_BACK = "officer_back"
LANGUAGE_ENTITY = "person_language"
REPLY_ENTITY = "person_reply"
PRIVATE_PAYLOAD = "/" + PERSON_ANSWER

# Unicode bidi controls: right-to-left mark, left-to-right isolate, pop directional isolate.
RLM, LRI, PDI = "\u200f", "\u2066", "\u2069"
# A run of Latin letters, digits and the signs of phone numbers and web addresses, inside RTL text.
_LTR_RUN = re.compile(r"[A-Za-z0-9+(][A-Za-z0-9+().:/\-' ]*[A-Za-z0-9)]|[A-Za-z0-9]")


@dataclass(frozen=True)
class PersonQuestion:
    key: str
    indicators: Tuple[str, ...]
    inverted: bool = False

    def indicator_answers(self, answer: str) -> Dict[str, str]:
        """What the person's answer says about each indicator of this question."""
        if answer not in ANSWERS:
            return {}
        if self.inverted and answer != "unknown":
            answer = "no" if answer == "yes" else "yes"
        return {indicator: answer for indicator in self.indicators}


@dataclass(frozen=True)
class PersonLanguage:
    code: str
    name: str
    name_nl: str
    direction: str
    reviewed: bool
    texts: Mapping[str, Any]

    def text(self, key: str, **values: Any) -> str:
        """A text of this language (dotted key: "questions.papers"), its placeholders filled, direction marked."""
        node: Any = self.texts
        for part in key.split("."):
            node = node[part]
        text = str(node).format(**{**help_values(), **values}) if "{" in str(node) else str(node)
        return bidi(text, self.direction)


@lru_cache(maxsize=1)
def _questions_data() -> Dict[str, Any]:
    return load_checked(QUESTIONS_FILE, SCHEMA_DIR / "person_questions.schema.json")


@lru_cache(maxsize=1)
def questions() -> Tuple[PersonQuestion, ...]:
    """The person's questions in asking order; each indicator must be a catalogue id."""
    catalogue = load_catalogue()
    result = []
    for spec in _questions_data()["questions"]:
        unknown = [i for i in spec["indicators"] if i not in catalogue.indicators]
        if unknown:
            raise ValueError(f"{QUESTIONS_FILE.name}: {spec['key']} names unknown indicators {unknown}")
        result.append(PersonQuestion(spec["key"], tuple(spec["indicators"]), bool(spec.get("inverted", False))))
    return tuple(result)


def question(key: str) -> Optional[PersonQuestion]:
    return next((q for q in questions() if q.key == key), None)


def help_values() -> Dict[str, str]:
    """Where the person can get help (placeholders of the closing screen; the pocket card)."""
    return dict(_questions_data()["help"])


def load_language_file(path) -> PersonLanguage:  # noqa: ANN001 (a Path)
    data = load_checked(path, SCHEMA_DIR / "person_language.schema.json")
    if data["code"] != path.stem:
        raise ValueError(f"{path}: code {data['code']!r} is not the file's name")
    return PersonLanguage(data["code"], data["name"], data["name_nl"], data["direction"],
                          bool(data["reviewed_by_native_speaker"]), data["texts"])


@lru_cache(maxsize=1)
def languages() -> Dict[str, PersonLanguage]:
    """Every language file by its code."""
    return {path.stem: load_language_file(path) for path in sorted(LANGUAGES_DIR.glob("*.yml"))}


def language(code: Optional[str]) -> Optional[PersonLanguage]:
    return languages().get(code or "")


def offered() -> List[PersonLanguage]:
    """The languages the officer can choose, by their Dutch name (Dutch itself: the officer asks)."""
    return sorted((lang for code, lang in languages().items() if code != REFERENCE), key=lambda lang: lang.name_nl)


def bidi(text: str, direction: str) -> str:
    """Right-to-left text marked so every client shows it right: each line starts with a
    right-to-left mark (a line may begin with a number or a Latin name) and numbers and
    Latin words are isolated, so a phone number or "CoMensha" keeps its own order."""
    if direction != "rtl":
        return text
    return "\n".join(RLM + _LTR_RUN.sub(lambda m: LRI + m.group(0) + PDI, line) for line in text.split("\n"))


# -- the screens -----------------------------------------------------------------------------------

def answer_payload(key: str, answer: str) -> str:
    """Short enough for Telegram's 64-byte callback data."""
    return f"{PRIVATE_PAYLOAD}{json.dumps({REPLY_ENTITY: f'{key}:{answer}'}, separators=(',', ':'))}"


def parse_reply(value: Optional[str]) -> Optional[Tuple[str, str]]:
    """("papers", "yes") from the reply entity, or None when it is not one of ours."""
    key, _, answer = str(value or "").partition(":")
    return (key, answer) if question(key) and answer in ANSWERS else None


def is_private_answer(payload: Optional[str]) -> bool:
    """A person's answer: the channels never echo its button title on the screen."""
    return bool(payload) and str(payload).startswith(PRIVATE_PAYLOAD)


def back_button(officer_language: str) -> Dict[str, str]:
    return {"title": label("buttons", "back_to_officer", officer_language), "payload": "/" + OFFICER_BACK}


def next_question(answers: Mapping[str, str]) -> Optional[PersonQuestion]:
    return next((q for q in questions() if q.key not in answers), None)


def question_screen(lang: PersonLanguage, key: str, answered: int, officer_language: str = "nl") -> Dict[str, Any]:
    """One question: progress, the question (the intro before the first), its answer buttons and the way back."""
    parts = [lang.text("intro")] if answered == 0 else []
    parts.append(lang.text("progress", number=answered + 1, total=len(questions())))
    parts.append(lang.text(f"questions.{key}"))
    buttons = [{"title": lang.text(f"answers.{answer}"), "payload": answer_payload(key, answer)} for answer in ANSWERS]
    return {"text": "\n\n".join(parts), "buttons": buttons + [back_button(officer_language)]}


def closing_screen(lang: PersonLanguage, officer_language: str = "nl") -> Dict[str, Any]:
    """Thanks and where to get help; the answers are not repeated here."""
    return {"text": lang.text("closing"), "buttons": [back_button(officer_language)]}


def nudge_screen(lang: PersonLanguage) -> Dict[str, Any]:
    return {"text": lang.text("nudge"), "buttons": []}


# -- what the answers mean -------------------------------------------------------------------------

def indicator_updates(current: Mapping[str, Optional[str]], key: str, answer: str) -> Dict[str, str]:
    """Indicator answers the person's answer sets: an open indicator takes it; one already
    answered changes only to `yes` (the slightest indication counts; a person's "no" never
    overrides an officer's "yes")."""
    item = question(key)
    if item is None:
        return {}
    return {indicator: value for indicator, value in item.indicator_answers(answer).items()
            if current.get(indicator) is None or (value == "yes" and current.get(indicator) != "yes")}


def officer_lines(answers: Mapping[str, str], officer_language: str = "nl") -> List[str]:
    """The person's answers for the officer, in the officer's language, in asking order."""
    reference = languages()["en" if officer_language == "en" else REFERENCE]
    catalogue = load_catalogue()
    lines = []
    for item in questions():
        if item.key not in answers:
            continue
        answer = answers[item.key]
        line = f"• {reference.text(f'questions.{item.key}')} → {label('answers', answer, officer_language)}"
        meaning = [f"{catalogue.indicators[i].text('label', officer_language)}: {label('answers', v, officer_language)}"
                   for i, v in item.indicator_answers(answer).items()]
        if meaning:
            line += f" ({'; '.join(meaning)})"
        lines.append(line)
    return lines


def signal_part(answers: Mapping[str, str], code: Optional[str]) -> Optional[Dict[str, Any]]:
    """The signal's `person` part: which language, whether it was reviewed, each answer and its indicators."""
    lang = language(code)
    if not answers or lang is None:
        return None
    return {
        "language": lang.code,
        "reviewed_by_native_speaker": lang.reviewed,
        "answers": [{"question": q.key, "answer": answers[q.key], "indicators": list(q.indicators)}
                    for q in questions() if answers.get(q.key) in ANSWERS],
    }


# -- what must never be on the person's screen -----------------------------------------------------

@lru_cache(maxsize=1)
def forbidden_words() -> Dict[str, Tuple[str, ...]]:
    data = load_checked(SAFETY_FILE, SCHEMA_DIR / "person_screen_safety.schema.json")["words"]
    return {code: tuple(words) for code, words in data.items()}


def unsafe_words(text: str, code: str) -> List[str]:
    """Words of catalogue/person_screen_safety.yml (for every language, and for this one) found in `text`."""
    lowered = text.lower()
    words = forbidden_words()
    return [w for w in words.get("all", ()) + words.get(code, ()) if w.lower() in lowered]


def person_screens(lang: PersonLanguage, officer_language: str = "nl") -> List[Dict[str, Any]]:
    """Every screen the person can see in this language (for the safety checks)."""
    screens = [question_screen(lang, q.key, n, officer_language) for n, q in enumerate(questions())]
    return screens + [closing_screen(lang, officer_language), nudge_screen(lang)]
