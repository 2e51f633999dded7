"""The person's questions in their own language: every language has every key, the screens
are safe to show next to a controller, right-to-left shows right, and the answers count."""
from __future__ import annotations

import json
import re
import string

import pytest
import yaml

from signaal import person_mode
from signaal.catalogue import load_catalogue
from signaal.data_files import SCHEMA_DIR, DataFileError, read_yaml
from signaal.labels import label, labels
from signaal.signal_builder import CheckState, build_signal
from signaal.signal_schema import schema_errors

# The list, plus Dutch, the reference.
REQUIRED = {"ro", "pl", "bg", "uk", "ru", "es", "pt", "ar", "tr", "hu", "zh", "vi", "en", "nl"}
LANGUAGE_FILES = sorted(person_mode.LANGUAGES_DIR.glob("*.yml"))
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def keys(node, prefix=""):
    """Dotted keys of a nested mapping's leaves."""
    if isinstance(node, dict):
        return {k for key, value in node.items() for k in keys(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


def placeholders(text: str):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def reference():
    return read_yaml(person_mode.LANGUAGES_DIR / "nl.yml")


def test_every_required_language_has_a_file():
    assert REQUIRED <= {path.stem for path in LANGUAGE_FILES}
    assert REQUIRED <= set(person_mode.languages())


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=lambda p: p.stem)
def test_a_language_has_exactly_the_dutch_keys_and_placeholders(path):
    data, dutch = read_yaml(path), reference()
    assert keys(data) == keys(dutch), f"{path.name}: missing {keys(dutch) - keys(data)}, extra {keys(data) - keys(dutch)}"
    assert isinstance(data["reviewed_by_native_speaker"], bool)
    for key in keys(dutch["texts"], "texts."):
        node_nl, node = dutch, data
        for part in key.split("."):
            node_nl, node = node_nl[part], node[part]
        assert placeholders(node) == placeholders(node_nl), f"{path.name}: {key}"


def test_the_schema_requires_exactly_the_dutch_keys():
    schema = json.loads((SCHEMA_DIR / "person_language.schema.json").read_text(encoding="utf-8"))

    def required(node, prefix=""):
        found = set()
        for name in node.get("required", []):
            child = node["properties"][name]
            found |= required(child, f"{prefix}{name}.") if child.get("type") == "object" else {prefix + name}
        return found

    assert required(schema) == keys(reference())


def test_a_language_file_without_a_key_is_refused(tmp_path):
    data = read_yaml(person_mode.LANGUAGES_DIR / "ro.yml")
    del data["texts"]["questions"]["debt"]
    broken = tmp_path / "ro.yml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        person_mode.load_language_file(broken)
    assert "texts/questions" in str(error.value) and "'debt'" in str(error.value)


def test_the_questions_are_the_dutch_keys_and_name_catalogue_indicators():
    catalogue = load_catalogue()
    assert [q.key for q in person_mode.questions()] == list(reference()["texts"]["questions"])
    assert 6 <= len(person_mode.questions()) <= 10
    for item in person_mode.questions():
        assert set(item.indicators) <= set(catalogue.indicators), item.key


def test_only_dutch_is_marked_reviewed_until_a_native_speaker_has_looked():
    # The translations were written by the team; a reviewer flips the flag in the file.
    assert person_mode.language("nl").reviewed
    unreviewed = {code for code, lang in person_mode.languages().items() if not lang.reviewed}
    assert unreviewed == REQUIRED - {"nl"}


# -- safety: what the person (and whoever stands next to them) can see ---------------------------

def screen_text(screen):
    return "\n".join([screen["text"]] + [b["title"] for b in screen["buttons"]])


def assessment_words():
    """Every label of the assessment (priorities, ILO dimensions, indicators) in Dutch and English."""
    words = [label(kind, key, lang) for kind in ("priorities", "dimensions") for key in labels()[kind]
             for lang in ("nl", "en")]
    words += [i.text("label", lang) for i in load_catalogue().indicators.values() for lang in ("nl", "en")]
    return [w for w in words if len(w) > 3]


@pytest.mark.parametrize("code", sorted(REQUIRED))
def test_no_screen_of_the_person_shows_the_assessment_or_an_accusation(code):
    lang = person_mode.language(code)
    screens = person_mode.person_screens(lang, "nl") + person_mode.person_screens(lang, "en")
    forbidden = assessment_words()
    for screen in screens:
        text = screen_text(screen)
        assert person_mode.unsafe_words(text, code) == [], (code, text)
        assert "mensenhandel" not in text.lower()
        assert not re.search(r"\bILO\b", text)
        assert [w for w in forbidden if w.lower() in text.lower()] == [], (code, text)


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=lambda p: p.stem)
def test_no_text_of_a_language_file_uses_a_forbidden_word(path):
    data = read_yaml(path)
    texts = [data["name"]] + [str(v) for v in _leaves(data["texts"])]
    for text in texts:
        assert person_mode.unsafe_words(text, data["code"]) == [], (path.name, text)


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    else:
        yield node


def test_the_safety_check_does_catch_a_forbidden_word():
    assert person_mode.unsafe_words("Sunteți o victimă a traficului?", "ro")
    assert person_mode.unsafe_words("Signalen van mensenhandel", "en")
    assert person_mode.unsafe_words("您是受害者吗", "zh")
    assert person_mode.unsafe_words("Heeft iemand gedreigd?", "nl") == []


def test_the_closing_screen_names_help_and_does_not_repeat_answers():
    for lang in person_mode.languages().values():
        closing = person_mode.closing_screen(lang)
        assert "CoMensha" in closing["text"] and "112" in closing["text"]
        assert person_mode.help_values()["comensha_phone"] in BIDI_CONTROLS.sub("", closing["text"])
        titles = {lang.text(f"answers.{a}") for a in ("yes", "no", "unknown")}
        assert not any(t in closing["text"] for t in titles if len(t) > 2)
        assert [b["payload"] for b in closing["buttons"]] == ["/officer_back"]


def test_questions_have_yes_no_dont_know_in_the_language_and_the_way_back():
    lang = person_mode.language("ro")
    screen = person_mode.question_screen(lang, "papers", 0)
    assert [b["title"] for b in screen["buttons"]] == ["Da", "Nu", "Nu știu", label("buttons", "back_to_officer", "nl")]
    assert screen["text"].startswith(lang.text("intro"))  # the intro comes with the first question only
    later = person_mode.question_screen(lang, "debt", 3)
    assert lang.text("intro") not in later["text"] and "Întrebarea 4 din 8" in later["text"]


def test_answer_payloads_fit_telegram_and_read_back():
    for item in person_mode.questions():
        for answer in ("yes", "no", "unknown"):
            payload = person_mode.answer_payload(item.key, answer)
            assert len(payload.encode("utf-8")) <= 64 and person_mode.is_private_answer(payload)
            value = json.loads(payload[len(person_mode.PRIVATE_PAYLOAD):])[person_mode.REPLY_ENTITY]
            assert person_mode.parse_reply(value) == (item.key, answer)
    assert person_mode.parse_reply("papers:maybe") is None and person_mode.parse_reply("nothing:yes") is None
    assert not person_mode.is_private_answer("/affirm") and not person_mode.is_private_answer("/officer_back")


# -- right to left -------------------------------------------------------------------------------

def test_arabic_lines_are_marked_right_to_left_and_numbers_isolated():
    arabic = person_mode.language("ar")
    assert arabic.direction == "rtl"
    for screen in person_mode.person_screens(arabic):
        for line in screen["text"].split("\n"):
            assert not line or line.startswith(person_mode.RLM), line
    closing = person_mode.closing_screen(arabic)["text"]
    phone = person_mode.help_values()["comensha_phone"]
    assert f"{person_mode.LRI}{phone}{person_mode.PDI}" in closing
    assert f"{person_mode.LRI}112{person_mode.PDI}" in closing
    assert f"{person_mode.LRI}CoMensha{person_mode.PDI}" in closing


def test_left_to_right_languages_carry_no_bidi_controls():
    for code, lang in person_mode.languages().items():
        if lang.direction == "ltr":
            for screen in person_mode.person_screens(lang):
                assert not BIDI_CONTROLS.search(screen["text"]), code


# -- what the answers mean -----------------------------------------------------------------------

def test_an_answer_sets_its_indicators_and_an_inverted_one_turns_round():
    assert person_mode.indicator_updates({}, "papers", "yes") == {"documents_confiscated": "yes"}
    assert person_mode.indicator_updates({}, "leave", "no") == {"movement_restricted": "yes"}
    assert person_mode.indicator_updates({}, "leave", "yes") == {"movement_restricted": "no"}
    assert person_mode.indicator_updates({}, "leave", "unknown") == {"movement_restricted": "unknown"}
    assert person_mode.indicator_updates({}, "help", "yes") == {}


def test_a_persons_no_never_overrides_an_officers_yes_but_a_yes_counts():
    assert person_mode.indicator_updates({"documents_confiscated": "yes"}, "papers", "no") == {}
    assert person_mode.indicator_updates({"documents_confiscated": "no"}, "papers", "yes") == {"documents_confiscated": "yes"}
    assert person_mode.indicator_updates({"documents_confiscated": "unknown"}, "papers", "no") == {}


def test_the_officer_reads_the_answers_in_dutch_or_english():
    lines = person_mode.officer_lines({"papers": "yes", "leave": "no", "help": "yes"}, "nl")
    dutch = person_mode.language("nl")
    assert lines[0].startswith(f"• {dutch.text('questions.papers')} → Ja")
    assert "Bewegingsvrijheid beperkt: Ja" in lines[1]
    assert len(lines) == 3
    passport = load_catalogue().indicators["documents_confiscated"].text("label", "en")
    assert person_mode.officer_lines({"papers": "no"}, "en") == [
        f"• {person_mode.language('en').text('questions.papers')} → No ({passport}: No)"]


def test_the_signal_holds_the_persons_answers_with_source_person():
    state = CheckState(answers={"documents_confiscated": "yes", "movement_restricted": "yes", "violence": "no"},
                       exploitation_type="labour", minor_involved="no",
                       sources={"documents_confiscated": "person", "movement_restricted": "person"},
                       person_answers={"papers": "yes", "leave": "no", "help": "yes"}, person_language="ro")
    signal = build_signal(state, "web-abc")
    assert schema_errors(signal) == []
    sources = {i["id"]: i["source"] for i in signal["indicators"]}
    assert sources == {"documents_confiscated": "person", "movement_restricted": "person", "violence": "checklist"}
    assert signal["person"] == {
        "language": "ro", "reviewed_by_native_speaker": False,
        "answers": [{"question": "papers", "answer": "yes", "indicators": ["documents_confiscated"]},
                    {"question": "leave", "answer": "no", "indicators": ["movement_restricted"]},
                    {"question": "help", "answer": "yes", "indicators": []}],
    }
    # Counted like any answer: two strong coercion indicators make the element present.
    assert signal["assessment"]["dimensions"]["coercion_destination"] is True
    assert "person" not in build_signal(CheckState(answers={"violence": "no"}), "web-abc")
