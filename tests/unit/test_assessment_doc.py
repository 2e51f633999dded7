"""docs/assessment.md shows, per ILO list, every indicator with its dimension and
strength, generated from the data; this fails when the committed tables drift."""
from __future__ import annotations

from scripts.assessment_tables import BEGIN, DOC, END, render, tables
from signaal.catalogue import ILO_LISTS, load_catalogue


def test_committed_tables_match_the_data():
    current = DOC.read_text(encoding="utf-8")
    assert BEGIN in current and END in current
    assert render(current) == current, "run: .venv/rasa/bin/python scripts/assessment_tables.py"


def test_every_indicator_appears_once_per_list():
    text = tables()
    ilo = [i for i in load_catalogue().indicators.values() if not i.is_observation]
    for indicator in ilo:
        assert text.count(f"`{indicator.id}`") == len(ILO_LISTS), indicator.id
