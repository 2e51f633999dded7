"""Content checks for catalogue/indicators.yml (the project's indicator texts).

The contract fixes ids, dimensions and strengths; these tests pin what the
assistant needs on top of that: Dutch and English texts for every id, a
checklist core that keeps a typical check short, well-formed training
examples, cited sources that exist, and phrases that an entity ruler over
Dutch lookup lemmas actually recognises without firing on ordinary sentences.

The lemma checks need spaCy with spacy-lookups-data (the Rasa environment);
elsewhere they are skipped and the pure-data checks still run.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from signaal.catalogue import (
    DIMENSIONS,
    EXPLOITATION_TYPES,
    ILO_DIMENSIONS,
    LANGUAGES,
    OBSERVATION,
    contract_ids,
    load_catalogue,
)
from signaal.labels import label

ROOT = Path(__file__).resolve().parents[2]

CATALOGUE_FILE = ROOT / "catalogue" / "indicators.yml"
RAW = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
INDICATORS = RAW["indicators"]
CONTRACT_IDS = contract_ids()

SPAN = re.compile(r"\[([^\[\]]+)\]")
TEXT_FIELDS = ("label", "question", "explanation")
# (min, max) per language, as the catalogue brief asks.
PHRASE_COUNTS = {"nl": (4, 10), "en": (3, 6)}
EXAMPLE_COUNTS = {"nl": (6, 10), "en": (3, 4)}
TYPE_EXAMPLE_COUNTS = (4, 6)
MAX_EXPLANATION = 400
CORE_RANGE = (8, 9)
# The strongest coercion signals an officer can ask on the spot: always core.
REQUIRED_CORE = {"documents_confiscated", "movement_restricted", "violence", "debt_bondage", "earnings_handed_over", "excessive_hours"}
RECRUITMENT_DIMENSIONS = {"deceptive_recruitment", "coercive_recruitment", "vulnerability_recruitment"}
SETTING_VALUES = {"traffic_stop", "workplace", "border", "sex_work_location", "residence", "other"}


def _by_id(indicator_id):
    return load_catalogue().indicators[indicator_id]


def _one_span(sentence):
    """The bracketed span of an example, or None unless there is exactly one."""
    spans = SPAN.findall(sentence)
    stray = sentence.count("[") != 1 or sentence.count("]") != 1
    return spans[0] if len(spans) == 1 and not stray else None


# ---- coverage of the contract ------------------------------------------------

def test_catalogue_covers_exactly_the_contract_ids():
    assert set(INDICATORS) == set(CONTRACT_IDS)


@pytest.mark.parametrize("indicator_id", CONTRACT_IDS)
def test_indicator_has_texts_in_both_languages(indicator_id):
    spec = INDICATORS[indicator_id]
    for field in TEXT_FIELDS:
        for language in LANGUAGES:
            text = (spec.get(field) or {}).get(language, "")
            assert isinstance(text, str) and text.strip(), f"{indicator_id}: {field}.{language} missing"


@pytest.mark.parametrize("indicator_id", CONTRACT_IDS)
def test_question_label_and_explanation_have_the_agreed_shape(indicator_id):
    spec = INDICATORS[indicator_id]
    for language in LANGUAGES:
        assert spec["question"][language].rstrip().endswith("?"), f"{indicator_id}: question.{language}"
        words = len(spec["label"][language].split())
        assert 2 <= words <= 6, f"{indicator_id}: label.{language} has {words} words"
        length = len(spec["explanation"][language])
        assert length <= MAX_EXPLANATION, f"{indicator_id}: explanation.{language} is {length} chars"


@pytest.mark.parametrize("indicator_id", CONTRACT_IDS)
def test_phrases_and_examples_within_counts(indicator_id):
    spec = INDICATORS[indicator_id]
    for language, (low, high) in PHRASE_COUNTS.items():
        phrases = spec["phrases"][language]
        assert low <= len(phrases) <= high, f"{indicator_id}: {len(phrases)} {language} phrases"
        assert all(isinstance(p, str) and p.strip() for p in phrases)
        assert len({p.lower() for p in phrases}) == len(phrases), f"{indicator_id}: repeated {language} phrase"
    for language, (low, high) in EXAMPLE_COUNTS.items():
        examples = spec["examples"][language]
        assert low <= len(examples) <= high, f"{indicator_id}: {len(examples)} {language} examples"


def test_every_example_has_exactly_one_bracketed_span():
    bad = []
    sentences = [ex for spec in INDICATORS.values() for lang in LANGUAGES for ex in spec["examples"][lang]]
    sentences += [ex for spec in RAW["exploitation_types"].values() for lang in LANGUAGES for ex in spec["examples"][lang]]
    for sentence in sentences:
        span = _one_span(sentence)
        # A "(" right after "]" would read as Rasa's [text](entity) markup.
        if span is None or not span.strip() or "](" in sentence:
            bad.append(sentence)
    assert not bad, bad


def test_no_phrase_is_claimed_by_two_indicators():
    owners = defaultdict(set)
    for indicator_id, spec in INDICATORS.items():
        for language in LANGUAGES:
            for phrase in spec["phrases"][language]:
                owners[(language, phrase.lower())].add(indicator_id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared, shared


# ---- checklist design ----------------------------------------------------------

def test_applies_to_uses_known_exploitation_types():
    for indicator_id, spec in INDICATORS.items():
        applies = spec["applies_to"]
        assert applies and set(applies) <= set(EXPLOITATION_TYPES), indicator_id
        assert tuple(applies) == _by_id(indicator_id).applies_to


def test_orders_are_unique_and_put_core_first():
    orders = [spec["order"] for spec in INDICATORS.values()]
    assert len(set(orders)) == len(orders)
    core = [s["order"] for s in INDICATORS.values() if s["core"]]
    rest = [s["order"] for s in INDICATORS.values() if not s["core"]]
    assert max(core) < min(rest)


def test_core_is_short_telling_and_spread_over_dimensions():
    catalogue = load_catalogue()
    core = [i for i in catalogue.indicators.values() if i.core]
    assert CORE_RANGE[0] <= len(core) <= CORE_RANGE[1]
    ids = {i.id for i in core}
    assert REQUIRED_CORE <= ids, REQUIRED_CORE - ids
    dimensions = {i.dimension for i in core}
    # One question for each part of the ILO rule (recruitment, exploitation,
    # coercion or vulnerability at destination), so a yes can open a drill-down.
    assert dimensions & RECRUITMENT_DIMENSIONS, "no recruitment indicator in the core"
    assert "exploitation" in dimensions
    assert dimensions & {"coercion_destination", "vulnerability_destination"}
    assert OBSERVATION in dimensions, "no observation in the core"
    # Core strong indicators are what makes a short check informative.
    assert sum(1 for i in core if i.strength() == "strong") >= 5


def test_drilldown_lists_the_more_telling_indicator_first():
    """Within a dimension, a strong indicator is never asked after a weaker one."""
    rank = {"strong": 0, "medium": 1, "weak": 2}
    catalogue = load_catalogue()
    for dimension in ILO_DIMENSIONS:
        asked = [i for i in catalogue.by_dimension(dimension) if not i.core]
        ranks = [rank[i.strength()] for i in asked]
        assert ranks == sorted(ranks), (dimension, [i.id for i in asked])


def test_checklist_settings():
    # Screening grows with a dimension's size; a drill-down is bounded, but long enough to reach
    # what the answer keys establish (tests/unit/test_checklist_plan.py checks that).
    assert float(RAW["checklist"]["screening_per_indicators"]) > 1
    assert 4 <= int(RAW["checklist"]["drilldown_per_dimension"]) < 16
    assert {i.dimension for i in load_catalogue().indicators.values()} == set(DIMENSIONS)


# ---- context, exploitation types and sources ------------------------------------

def _has_both_languages(mapping):
    return all(isinstance(mapping.get(lang), str) and mapping[lang].strip() for lang in LANGUAGES)


def test_context_questions_and_options():
    context = RAW["context"]
    assert list(context) == ["setting", "persons", "exploitation_type", "minor_involved"]
    for name, spec in context.items():
        assert _has_both_languages(spec["question"]), name
    settings = context["setting"]["options"]
    assert {o["value"] for o in settings} == SETTING_VALUES
    types = context["exploitation_type"]["options"]
    assert [o["value"] for o in types] == list(EXPLOITATION_TYPES) + ["unknown"]
    # Option titles are not typed here: they are the labels of catalogue/labels.yml.
    assert not [o for o in settings + types if set(o) & set(LANGUAGES)]


def test_every_option_has_a_written_title_in_both_languages():
    for name in ("setting", "exploitation_type"):
        for option in load_catalogue().context[name]["options"]:
            assert _has_both_languages(option), (name, option)
            assert option["nl"] != option["value"] and option["en"] != option["value"], (name, option)
    # "Don't know" is an answer to the question, not the label ("Onbekend") of the stored code.
    unknown = load_catalogue().context["exploitation_type"]["options"][-1]
    for language in LANGUAGES:
        assert unknown[language] == label("buttons", "exploitation_type_unknown", language)
        assert unknown[language] != label("exploitation_types", "unknown", language)


@pytest.mark.parametrize("type_id", EXPLOITATION_TYPES)
def test_exploitation_type_entry_is_complete(type_id):
    spec = RAW["exploitation_types"][type_id]
    assert "label" not in spec  # the label lives in catalogue/labels.yml
    for language in LANGUAGES:
        assert label("exploitation_types", type_id, language) != type_id
        assert len(spec["phrases"][language]) >= 3
        low, high = TYPE_EXAMPLE_COUNTS
        assert low <= len(spec["examples"][language]) <= high
    assert set(spec.get("sources", ())) <= set(RAW["sources"])


def test_cited_sources_exist_and_are_described():
    sources = RAW["sources"]
    cited = {key for spec in INDICATORS.values() for key in spec["sources"]}
    assert all(spec["sources"] for spec in INDICATORS.values())
    assert cited <= set(sources), cited - set(sources)
    for key, source in sources.items():
        assert source.get("title") and source.get("publisher"), key
        if "url" in source:
            assert re.match(r"^https?://[^\s]+$", source["url"]), key
    unused = set(sources) - cited - {k for t in RAW["exploitation_types"].values() for k in t.get("sources", ())}
    assert not unused, unused


# ---- recognition on Dutch lemmas (spaCy lookup lemmatiser) -------------------------

# Ordinary sentences an officer might type that carry no trafficking signal.
NEUTRAL_SENTENCES = (
    "verkeerscontrole, bestuurder had zijn rijbewijs niet bij zich",
    "auto was niet verzekerd en de apk was verlopen",
    "hij kreeg een boete voor door rood rijden",
    "buren sloegen alarm vanwege geluidsoverlast",
    "de eigenaar van de zaak was aanwezig en werkte goed mee",
    "de baas van het bedrijf liet de vergunningen zien",
    "werknemers hebben een contract en krijgen loonstroken",
    "winkeldiefstal, verdachte had de spullen in zijn tas",
    "de man verkocht zijn auto aan een vriend",
    "fiets stond op slot bij het station",
    "we hebben de woning doorzocht en niets gevonden",
    "ze werkt in de nagelstudio en gaat om zes uur naar huis",
    "de vrouw was rustig, sprak goed Engels en wist haar adres",
    "melder belt over een fout geparkeerde bus",
    "de jongen had een nieuwe fiets gekregen voor zijn verjaardag",
    "bestuurder raakte gewond bij de aanrijding en ging naar het ziekenhuis",
    "familie kwam op bezoek in het weekend",
    "ik heb de melding in BVH gezet en een pv opgemaakt",
)


@pytest.fixture(scope="module")
def lemma_nlp():
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("spacy_lookups_data")
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _lemmas(nlp, text):
    return tuple(token.lemma_.lower() for token in nlp(text))


@pytest.fixture(scope="module")
def indicator_ruler(lemma_nlp):
    """A copy of the pipeline with an entity ruler over the Dutch phrases."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    patterns = [
        {"label": "indicator", "id": indicator_id, "pattern": [{"LEMMA": lemma} for lemma in _lemmas(lemma_nlp, phrase)]}
        for indicator_id, spec in INDICATORS.items()
        for phrase in spec["phrases"]["nl"]
    ]
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    return nlp


def test_dutch_phrases_lemmatise_to_distinct_patterns(lemma_nlp):
    owners = defaultdict(set)
    for indicator_id, spec in INDICATORS.items():
        for phrase in spec["phrases"]["nl"]:
            owners[_lemmas(lemma_nlp, phrase)].add(indicator_id)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


def _recognise_examples(nlp):
    """(found, total, wrong, per-indicator found) over the Dutch examples."""
    found, total, wrong = 0, 0, []
    per_indicator = defaultdict(int)
    for indicator_id, spec in INDICATORS.items():
        for sentence in spec["examples"]["nl"]:
            span = _one_span(sentence)
            start = sentence.index("[")
            end = start + len(span)
            doc = nlp(sentence.replace("[", "").replace("]", ""))
            total += 1
            hit = False
            for ent in doc.ents:
                inside = ent.start_char >= start and ent.end_char <= end
                if inside and ent.ent_id_ == indicator_id:
                    hit = True
                else:
                    wrong.append((indicator_id, ent.text, ent.ent_id_, sentence))
            if hit:
                found += 1
                per_indicator[indicator_id] += 1
    return found, total, wrong, per_indicator


def test_phrases_recognise_the_dutch_examples(indicator_ruler):
    found, total, wrong, per_indicator = _recognise_examples(indicator_ruler)
    # The ruler need not catch every wording (the recogniser learns the rest from the
    # examples), but most spans must be found and none mislabelled.
    assert found / total >= 0.8, f"only {found}/{total} example spans recognised"
    assert not wrong, wrong
    weak = {i: per_indicator[i] for i in INDICATORS if per_indicator[i] < 3}
    assert not weak, f"indicators recognised in fewer than 3 examples: {weak}"


@pytest.mark.parametrize("sentence", NEUTRAL_SENTENCES)
def test_phrases_do_not_fire_on_ordinary_sentences(indicator_ruler, sentence):
    doc = indicator_ruler(sentence)
    assert not doc.ents, [(e.text, e.ent_id_) for e in doc.ents]
