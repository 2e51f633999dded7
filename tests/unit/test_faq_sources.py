"""Every FAQ answer carries its sources and the date they were checked, in the data
(catalogue/faq_sources.yml); this fails when an answer has none."""
from __future__ import annotations

import datetime

import pytest
import yaml

from signaal.data_files import SCHEMA_DIR, load_checked
from signaal.paths import CATALOGUE_DIR, ROOT

FAQ = ROOT / "domain_src" / "faq.yml"
SOURCES = CATALOGUE_DIR / "faq_sources.yml"


def faq_answers():
    responses = yaml.safe_load(FAQ.read_text(encoding="utf-8"))["responses"]
    return sorted(name.split("/", 1)[1] for name in responses if name.startswith("utter_faq/"))


def sources():
    return load_checked(SOURCES, SCHEMA_DIR / "faq_sources.schema.json")["answers"]


def test_there_are_faq_answers():
    assert len(faq_answers()) >= 10


@pytest.mark.parametrize("answer", faq_answers())
def test_every_faq_answer_has_dated_sources(answer):
    entry = sources().get(answer)
    assert entry and entry["sources"], f"utter_faq/{answer}: no sources in catalogue/faq_sources.yml"
    for source in entry["sources"]:
        checked = datetime.date.fromisoformat(source["checked"])
        assert checked <= datetime.date.today() + datetime.timedelta(days=1), source
        if "path" in source:
            assert (ROOT / source["path"]).exists(), source["path"]


def test_no_sources_for_answers_that_do_not_exist():
    assert set(sources()) <= set(faq_answers())


def test_an_answer_without_sources_is_refused(tmp_path):
    data = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    data["answers"]["what_is_trafficking"]["sources"] = []
    broken = tmp_path / "faq_sources.yml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    from signaal.data_files import DataFileError
    with pytest.raises(DataFileError):
        load_checked(broken, SCHEMA_DIR / "faq_sources.schema.json")


def test_facts_the_review_found_wrong_are_right_now():
    text = FAQ.read_text(encoding="utf-8")
    assert "AVIM/EMM" not in text
    assert "0900-8844" in text
    assert "18 mei 2023" in text and "KMar" in text
    assert "Nidos" in text and "Jeugdzorg Nederland" in text and "hetckm.nl" in text
    assert "winstbejag" in text and "fraude" in text
    assert "36547" in text and "nog geen wet" in text
