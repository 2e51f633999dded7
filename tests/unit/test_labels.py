"""signaal.labels: the one rule for a text's language, and labels of stored codes (catalogue/labels.yml)."""
import json

import pytest

from signaal import labels
from signaal.catalogue import DIMENSIONS, load_catalogue
from signaal.labels import LANGUAGES, bilingual, bilingual_choices, choices, label, pick
from signaal.paths import SIGNAL_SCHEMA

# A labels file of our own, so the fallbacks are tested whatever the real file says.
TABLES = {
    "priorities": {
        "urgent": {"nl": "Spoed", "en": "Urgent"},
        "high": {"nl": "Hoog"},
        "low": {"nl": "Laag", "en": ""},
    },
    "modes": {"live": {"nl": "Live", "en": "Live"}},
}


@pytest.fixture
def written(monkeypatch):
    monkeypatch.setattr(labels, "labels", lambda: TABLES)


# ---- pick --------------------------------------------------------------------

def test_pick_takes_the_language_asked_for():
    assert pick({"nl": "Ja", "en": "Yes"}, "en") == "Yes"
    assert pick({"nl": "Ja", "en": "Yes"}, "nl") == "Ja"


@pytest.mark.parametrize("lang", ["de", None, ""])
def test_pick_falls_back_to_dutch_for_a_language_without_text(lang):
    assert pick({"nl": "Ja", "en": "Yes"}, lang) == "Ja"


def test_pick_falls_back_to_dutch_for_an_empty_text():
    assert pick({"nl": "Ja", "en": ""}, "en") == "Ja"


def test_pick_falls_back_to_the_fallback_without_dutch():
    assert pick({"en": ""}, "en", "id") == "id"
    assert pick({}, "nl", "id") == "id"
    assert pick(None, "nl", "id") == "id"
    assert pick({"en": "Yes"}, "nl") == ""


def test_pick_keeps_the_format_fields_for_the_caller():
    assert pick({"nl": "Score: {correct}"}, "en").format(correct=3) == "Score: 3"


# ---- label, choices, bilingual -------------------------------------------------

def test_label_in_each_language(written):
    assert label("priorities", "urgent", "nl") == "Spoed"
    assert label("priorities", "urgent", "en") == "Urgent"
    assert label("priorities", "urgent") == "Spoed"


def test_label_falls_back_to_dutch(written):
    assert label("priorities", "high", "en") == "Hoog"
    assert label("priorities", "low", "en") == "Laag"
    assert label("priorities", "urgent", "de") == "Spoed"


def test_label_falls_back_to_the_code(written):
    assert label("priorities", "unheard_of", "nl") == "unheard_of"
    assert label("priorities", "unheard_of", "en") == "unheard_of"


def test_no_code_has_no_label(written):
    assert label("priorities", None, "nl") == ""


def test_an_unknown_kind_raises(written):
    with pytest.raises(KeyError, match="no kind of label 'priority'"):
        label("priority", "urgent", "nl")
    with pytest.raises(KeyError):
        label("priority", None, "nl")
    with pytest.raises(KeyError):
        choices("priority")
    with pytest.raises(KeyError):
        bilingual_choices("priority")


def test_choices_in_file_order_with_the_same_fallbacks(written):
    assert choices("priorities", "nl") == [("urgent", "Spoed"), ("high", "Hoog"), ("low", "Laag")]
    assert choices("priorities", "en") == [("urgent", "Urgent"), ("high", "Hoog"), ("low", "Laag")]


def test_bilingual_names_a_text_once_when_both_languages_agree(written):
    assert bilingual("priorities", "urgent") == "Spoed / Urgent"
    assert bilingual("priorities", "high") == "Hoog"
    assert bilingual("modes", "live") == "Live"


def test_bilingual_choices_of_given_codes_or_all(written):
    assert bilingual_choices("priorities", ("high", "urgent")) == [("high", "Hoog"), ("urgent", "Spoed / Urgent")]
    assert [code for code, _ in bilingual_choices("priorities")] == ["urgent", "high", "low"]


# ---- the real file: every code a person can see has a label in both languages -------

def _contract_enum(*path):
    node = json.loads(SIGNAL_SCHEMA.read_text(encoding="utf-8"))
    for key in path:
        node = node["properties"][key]
    return node["enum"]


CODES = {
    "priorities": _contract_enum("assessment", "priority"),
    "answers": _contract_enum("context", "minor_involved"),
    "exploitation_types": _contract_enum("context", "exploitation_type"),
    "modes": _contract_enum("mode"),
    "dimensions": list(DIMENSIONS),
    "strengths": sorted({s for i in load_catalogue().indicators.values() for s in i.strengths.values()}),
    "settings": [o["value"] for o in load_catalogue().context["setting"]["options"]],
}


@pytest.mark.parametrize("kind", sorted(CODES))
def test_every_code_of_the_contract_and_catalogue_has_a_label(kind):
    written = labels.labels()[kind]
    assert [code for code in CODES[kind] if code not in written] == []


def test_the_sources_of_an_answer_have_labels():
    node = json.loads(SIGNAL_SCHEMA.read_text(encoding="utf-8"))["properties"]["indicators"]["items"]
    assert set(node["properties"]["source"]["enum"]) <= set(labels.labels()["sources"])


def test_every_label_is_written_in_both_languages():
    for kind, table in labels.labels().items():
        for code, texts in table.items():
            assert all(isinstance(texts.get(lang), str) and texts[lang].strip() for lang in LANGUAGES), (kind, code)
