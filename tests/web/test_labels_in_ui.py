"""The review and training pages show every stored code by its label in catalogue/labels.yml.

Stored signals cover every priority, status, answer, strength, source,
exploitation type and setting. Where a page shows one language the label is
the Dutch one (`label(kind, code, "nl")`); where it shows both (the priority
and status tags, the filters and the status choice, built from the model's
choices) it is `bilingual(kind, code)`, which starts with that Dutch label.
"""
import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.html import Element, parse_html

from intake.signals.models import STATUS_CHOICES, Signal
from intake.signals.workflow import change_status
from signaal.catalogue import OBSERVATION, load_catalogue
from signaal.labels import bilingual, label
from signaal.paths import SIGNAL_SCHEMA
from tests.support.signals import make_exercise, make_signal, signed_post

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(SIGNAL_SCHEMA.read_text(encoding="utf-8"))["properties"]
PRIORITIES = SCHEMA["assessment"]["properties"]["priority"]["enum"]
EXPLOITATION_TYPES = SCHEMA["context"]["properties"]["exploitation_type"]["enum"]
ANSWERS = SCHEMA["indicators"]["items"]["properties"]["answer"]["enum"]
SOURCES = SCHEMA["indicators"]["items"]["properties"]["source"]["enum"]
STATUSES = [code for code, _ in STATUS_CHOICES]
SETTING_CODES = [option["value"] for option in load_catalogue().context["setting"]["options"]]
FREE_SETTING = "Parkeerplaats bij de A4"  # the officer's own words: shown as written
SETTINGS = SETTING_CODES + [FREE_SETTING]
# How each status is reached from `new` (intake/signals/workflow.py).
STATUS_PATHS = {
    "new": [],
    "in_review": ["in_review"],
    "forwarded_to_investigation": ["in_review", "forwarded_to_investigation"],
    "no_further_action": ["no_further_action"],
}
# Labels as the pages and choices had them before catalogue/labels.yml was their one source.
STALE = [
    "Werving door misleiding", "Werving door dwang", "tellen niet mee voor ILO)", "Spoed / urgent", "URGENT",
    "Nieuw / new", "In behandeling / in review", "oefening / exercise", "Weet niet / unknown",
    "Seksuele uitbuiting / sexual", "Hoog / high",
]


def _by_strength(strength):
    return next(i.id for i in load_catalogue().indicators.values() if i.strength("default") == strength)


def _observation():
    return next(i.id for i in load_catalogue().indicators.values() if i.dimension == OBSERVATION)


# Every answer, every source and (in the default ILO list) every strength, plus an observation (no strength).
ANSWERED = [
    (_by_strength("strong"), "yes", "checklist"),
    (_by_strength("medium"), "no", "free_text"),
    (_by_strength("weak"), "unknown", "person"),
    (_observation(), "yes", "free_text"),
]


# ---- reading the pages ---------------------------------------------------------

def _classes(element):
    return dict(element.attributes).get("class", "").split()


def find_all(node, tag, id=None, cls=None):
    """Elements under `node` by tag name, and id or class when given."""
    for child in node.children:
        if not isinstance(child, Element):
            continue
        attrs = dict(child.attributes)
        if child.name == tag and (id is None or attrs.get("id") == id) and (cls is None or cls in _classes(child)):
            yield child
        yield from find_all(child, tag, id, cls)


def find(node, tag, id=None, cls=None):
    return next(find_all(node, tag, id, cls))


def text(node):
    if not isinstance(node, Element):
        return str(node)
    return re.sub(r"\s+", " ", " ".join(text(child) for child in node.children)).strip()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    for stale in STALE:
        assert stale not in html, (url, stale)
    return parse_html(html)


def options(select):
    return [(dict(o.attributes).get("value"), text(o)) for o in find_all(select, "option")]


# ---- the stored signals ----------------------------------------------------------

@pytest.fixture
def signals(client, supervisor):
    """One live signal per setting, cycling through priorities, types, minor answers and statuses."""
    stored = []
    for n, setting in enumerate(SETTINGS):
        payload = make_signal()
        payload["assessment"]["priority"] = PRIORITIES[n % len(PRIORITIES)]
        payload["context"].update(
            exploitation_type=EXPLOITATION_TYPES[n % len(EXPLOITATION_TYPES)],
            minor_involved=ANSWERS[n % len(ANSWERS)],
            setting=setting,
        )
        payload["indicators"] = [
            {"id": indicator_id, "answer": answer, "source": source, "evidence": None}
            for indicator_id, answer, source in ANSWERED
        ]
        assert signed_post(client, payload).status_code == 201, payload["context"]
        signal = Signal.objects.get(signal_id=payload["id"])
        for status in STATUS_PATHS[STATUSES[n % len(STATUSES)]]:
            change_status(signal, status, supervisor[0])
        stored.append(Signal.objects.get(pk=signal.pk))
    return stored


def test_the_stored_signals_cover_every_code(signals):
    assert {s.priority for s in signals} == set(PRIORITIES)
    assert {s.status for s in signals} == set(STATUSES)
    assert {s.exploitation_type for s in signals} == set(EXPLOITATION_TYPES)
    assert {s.minor_involved for s in signals} == set(ANSWERS)
    assert {s.payload["context"]["setting"] for s in signals} == set(SETTINGS)
    assert {answer for _, answer, _ in ANSWERED} == set(ANSWERS)
    assert {source for _, _, source in ANSWERED} == set(SOURCES)


def test_queue_rows_and_filters_show_the_labels(supervisor_client, signals):
    doc = page(supervisor_client, "/review/")
    rows = list(find_all(find(doc, "table", id="queue"), "tr"))[1:]  # the head row first
    assert len(rows) == len(signals)
    for row in rows:
        cells = list(find_all(row, "td"))
        signal = Signal.objects.get(reference=text(find(cells[0], "a")))
        assert text(cells[1]) == bilingual("priorities", signal.priority)
        assert text(cells[2]) == bilingual("statuses", signal.status)
        assert text(cells[3]) == label("exploitation_types", signal.exploitation_type, "nl")
        assert text(cells[4]) == label("answers", signal.minor_involved, "nl")

    form = find(doc, "form", id="queue-filters")
    for name, kind, codes in (
        ("status", "statuses", STATUSES),
        ("priority", "priorities", PRIORITIES),
        ("exploitation_type", "exploitation_types", EXPLOITATION_TYPES),
        ("minor", "answers", ANSWERS),
    ):
        select = next(s for s in find_all(form, "select") if dict(s.attributes)["name"] == name)
        assert options(select)[1:] == [(code, bilingual(kind, code)) for code in codes], name


def _facts(doc):
    facts = find(doc, "dl", cls="facts")
    return dict(zip((text(dt) for dt in find_all(facts, "dt")), (text(dd) for dd in find_all(facts, "dd"))))


def _ilo_list(signal):
    # The four ILO lists, as catalogue/ilo_rule.yml chooses them.
    if signal.minor_involved == "yes":
        return "child_sexual" if signal.exploitation_type == "sexual" else "child_labour"
    return "sexual" if signal.exploitation_type == "sexual" else "default"


def test_detail_pages_show_the_labels(supervisor_client, signals):
    catalogue = load_catalogue()
    by_label = {i.text("label", "nl"): i for i in catalogue.indicators.values()}
    dimension_labels = {bilingual("dimensions", d) for d in {i.dimension for i in catalogue.indicators.values()}}
    shown_strengths = set()
    for signal in signals:
        doc = page(supervisor_client, f"/review/signals/{signal.reference}/")
        assert text(find(doc, "span", id="signal-priority")) == bilingual("priorities", signal.priority)
        assert text(find(doc, "strong", id="signal-status")) == bilingual("statuses", signal.status)
        priority_line = next(p for p in find_all(doc, "p") if text(p).startswith("Prioriteit:"))
        assert text(find(priority_line, "strong")) == label("priorities", signal.priority, "nl")

        facts = _facts(doc)
        assert facts["Vorm van uitbuiting"] == label("exploitation_types", signal.exploitation_type, "nl")
        assert facts["Minderjarige betrokken"] == label("answers", signal.minor_involved, "nl")
        setting = signal.payload["context"]["setting"]
        assert facts["Setting"] == (label("settings", setting, "nl") if setting in SETTING_CODES else FREE_SETTING)

        for heading in find_all(doc, "h3"):
            assert any(text(heading).startswith(d) for d in dimension_labels), text(heading)
        answered = {indicator_id: (answer, source) for indicator_id, answer, source in ANSWERED}
        rows = [row for table in find_all(doc, "table", cls="answers") for row in list(find_all(table, "tr"))[1:]]
        assert len(rows) == len(ANSWERED)
        for row in rows:
            cells = [text(cell) for cell in find_all(row, "td")]
            indicator = by_label[cells[0]]
            answer, source = answered[indicator.id]
            assert cells[1] == label("answers", answer, "nl")
            assert cells[2] == label("strengths", indicator.strength(_ilo_list(signal)), "nl")
            assert cells[3] == label("sources", source, "nl")
            shown_strengths.add(cells[2])

        if list(find_all(doc, "select", id="status-select")):
            for code, shown in options(find(doc, "select", id="status-select")):
                assert shown == bilingual("statuses", code)
        for change in signal.status_changes.all():
            assert f"{bilingual('statuses', change.from_status)} → {bilingual('statuses', change.to_status)}" in text(
                find(doc, "ol", cls="history"))
    assert {label("strengths", s, "nl") for s in ("strong", "medium", "weak")} <= shown_strengths


def test_training_pages_show_no_stale_label(trainer):
    # The training pages name trainees, scenarios and indicator ids, no code of a labelled kind.
    client = Client()
    for n, priority in enumerate(PRIORITIES):
        payload = make_exercise(trainee="web-cursist", scenario_id="kas_westland", correct=n, total=4)
        payload["assessment"]["priority"] = priority
        assert signed_post(client, payload).status_code == 201
    client.force_login(trainer[0])
    for url in ("/training/", "/training/trainees/web-cursist/", "/training/scenarios/kas_westland/"):
        page(client, url)


def test_model_choices_are_the_labels_and_migrated():
    for field, kind in (("status", "statuses"), ("priority", "priorities"), ("mode", "modes")):
        for code, shown in Signal._meta.get_field(field).choices:
            assert shown == bilingual(kind, code), (field, code)
    # A label changed in catalogue/labels.yml changes the models' choices: it needs its migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
