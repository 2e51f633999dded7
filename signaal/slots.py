"""Every slot name of the assistant but the indicators' own (whose names are the
catalogue ids), in one place. tests/unit/test_slots.py ties this module to
domain_src/core.yml both ways, so a slot cannot be added or renamed in one only.
"""
from __future__ import annotations

from typing import Tuple

# The conversation (outlives a check).
LANGUAGE = "language"

# Context of a check, asked first (contract names).
SETTING = "setting"
PERSONS = "persons"
EXPLOITATION_TYPE = "exploitation_type"
MINOR_INVOLVED = "minor_involved"
CONTEXT_SLOTS: Tuple[str, ...] = (SETTING, PERSONS, EXPLOITATION_TYPE, MINOR_INVOLVED)

# Bookkeeping of one check; cleared with the answers when a new check starts.
ACUTE_DANGER = "acute_danger"
EVIDENCE = "evidence"                      # indicator id -> the officer's own words
ANSWER_SOURCES = "answer_sources"          # indicator id -> checklist | free_text | person
SKIPPED = "skipped"
PENDING_INDICATORS = "pending_indicators"  # recognised in free text, awaiting confirmation
ANSWER_ORDER = "answer_order"
SIGNAL_ID = "signal_id"
SIGNAL_REFERENCE = "signal_reference"
LOCATION = "location"
NOTES = "notes"
LOCATION_TEXT = "location_text"
EXERCISE_SCENARIO = "exercise_scenario"
RECOGNITION = "recognition"
LOCATION_STATUS = "location_status"
# The person answering on the officer's phone: language, answers by question key, the form's two
# requested slots, and where the officer goes when the phone is back (questions or summary).
PERSON_LANGUAGE = "person_language"
PERSON_ANSWERS = "person_answers"
PERSON_REPLY = "person_reply"
PERSON_BACK = "person_back"
PERSON_RETURN = "person_return"
# The indicators shown beside the open question (signaal/checklist_question.py): "no" answers them too.
SHOWN_WITH_QUESTION = "shown_with_question"
CHECK_BOOKKEEPING: Tuple[str, ...] = (
    ACUTE_DANGER, EVIDENCE, ANSWER_SOURCES, SKIPPED, PENDING_INDICATORS, ANSWER_ORDER,
    SIGNAL_ID, SIGNAL_REFERENCE, LOCATION, NOTES, LOCATION_TEXT, EXERCISE_SCENARIO,
    RECOGNITION, LOCATION_STATUS, PERSON_LANGUAGE, PERSON_ANSWERS, PERSON_REPLY, PERSON_BACK, PERSON_RETURN,
    SHOWN_WITH_QUESTION,
)

ALL_BUT_INDICATORS: Tuple[str, ...] = (LANGUAGE,) + CONTEXT_SLOTS + CHECK_BOOKKEEPING
