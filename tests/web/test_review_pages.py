"""Supervisors' review pages: access, queue order and filters, detail, workflow, exports, escaping."""
import csv
import io
import json

import pytest

from intake.audit.models import AuditEvent
from intake.signals.models import OfficerNotification, Signal
from tests.support.signals import make_exercise, signed_post

pytestmark = pytest.mark.django_db


def with_priority(priority, **overrides):
    def change(payload):
        payload["assessment"]["priority"] = priority
        return payload

    return change


@pytest.fixture
def queue_of_three(client):
    """A low, an urgent and a high signal, received in that order."""
    from tests.support.signals import make_signal

    made = {}
    for priority in ("low", "urgent", "high"):
        payload = make_signal()
        payload["assessment"]["priority"] = priority
        if priority == "urgent":
            payload["context"]["minor_involved"] = "yes"
            payload["context"]["exploitation_type"] = "sexual"
        assert signed_post(client, payload).status_code == 201
        made[priority] = Signal.objects.get(signal_id=payload["id"])
    return made


def test_anonymous_users_are_sent_to_the_login(client, queue_of_three):
    for url in ("/review/", f"/review/signals/{queue_of_three['high'].reference}/", "/review/export.csv"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")
    response = client.post(f"/review/signals/{queue_of_three['high'].reference}/status", {"status": "in_review"})
    assert response.status_code == 302
    assert Signal.objects.get(pk=queue_of_three["high"].pk).status == "new"


def test_trainers_are_refused_the_review_pages(trainer_client, queue_of_three):
    reference = queue_of_three["high"].reference
    assert trainer_client.get("/review/").status_code == 403
    assert trainer_client.get(f"/review/signals/{reference}/").status_code == 403
    assert trainer_client.get("/review/export.json").status_code == 403
    assert trainer_client.post(f"/review/signals/{reference}/status", {"status": "in_review"}).status_code == 403
    assert Signal.objects.get(reference=reference).status == "new"


def test_queue_puts_urgent_first_then_by_priority(supervisor_client, queue_of_three):
    html = queue_table(supervisor_client)
    positions = [html.index(queue_of_three[p].reference) for p in ("urgent", "high", "low")]
    assert positions == sorted(positions)
    assert 'http-equiv="refresh"' in supervisor_client.get("/review/").content.decode()


def queue_table(client, query=""):
    """The queue table only (the urgent banner above it lists references too)."""
    return client.get(f"/review/{query}").content.decode().split('id="queue"')[1]


def test_queue_filters(supervisor_client, queue_of_three):
    html = queue_table(supervisor_client, "?priority=high")
    assert queue_of_three["high"].reference in html and queue_of_three["low"].reference not in html
    html = queue_table(supervisor_client, "?minor=yes&exploitation_type=sexual")
    assert queue_of_three["urgent"].reference in html and queue_of_three["high"].reference not in html
    html = queue_table(supervisor_client, "?status=new&date_from=2000-01-01&date_to=2000-01-02")
    assert not any(s.reference in html for s in queue_of_three.values())
    html = queue_table(supervisor_client, "?status=in_review")
    assert not any(s.reference in html for s in queue_of_three.values())


def test_exercise_signals_never_reach_the_live_queue(client, supervisor_client):
    exercise = make_exercise()
    signed_post(client, exercise)
    reference = Signal.objects.get(signal_id=exercise["id"]).reference
    assert reference not in supervisor_client.get("/review/").content.decode()
    assert supervisor_client.get(f"/review/signals/{reference}/").status_code == 404


def test_unseen_urgent_signal_shows_a_banner_until_opened(supervisor_client, queue_of_three):
    urgent = queue_of_three["urgent"].reference
    html = supervisor_client.get("/review/").content.decode()
    assert 'id="urgent-banner"' in html and urgent in html.split('id="urgent-banner"')[1].split("</div>")[0]
    supervisor_client.get(f"/review/signals/{urgent}/")
    assert 'id="urgent-banner"' not in supervisor_client.get("/review/").content.decode()


def test_detail_groups_answers_by_dimension_with_labels_and_map_link(supervisor_client, queue_of_three):
    signal = queue_of_three["high"]
    html = supervisor_client.get(f"/review/signals/{signal.reference}/").content.decode()
    assert "Dwang op de bestemming" in html and "Uitbuiting" in html
    assert "werkt 14 uur per dag" in html
    assert "openstreetmap.org/?mlat=52.000000&amp;mlon=4.200000" in html
    assert "sterke indicator: paspoort ingenomen" in html
    assert AuditEvent.objects.filter(action="signal.view", signal_id=str(signal.signal_id), actor="sup1").count() == 1


def test_officer_text_is_escaped(client, supervisor_client):
    from tests.support.signals import make_signal

    payload = make_signal(notes='<script>alert("x")</script> en <b>vet</b>')
    payload["indicators"][1]["evidence"] = "<img src=x onerror=alert(1)>"
    signed_post(client, payload)
    reference = Signal.objects.get(signal_id=payload["id"]).reference
    html = supervisor_client.get(f"/review/signals/{reference}/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "script-src 'self'" in supervisor_client.get(f"/review/signals/{reference}/")["Content-Security-Policy"]


def test_status_workflow_and_officer_notification(supervisor_client, queue_of_three):
    signal = queue_of_three["high"]
    url = f"/review/signals/{signal.reference}/status"
    assert supervisor_client.post(url, {"status": "in_review"}).status_code == 302
    signal.refresh_from_db()
    assert signal.status == "in_review" and not OfficerNotification.objects.exists()

    supervisor_client.post(url, {"status": "new"})  # not a step of the workflow
    signal.refresh_from_db()
    assert signal.status == "in_review"

    supervisor_client.post(url, {"status": "forwarded_to_investigation"})
    signal.refresh_from_db()
    assert signal.status == "forwarded_to_investigation" and signal.closed_at is not None
    note = OfficerNotification.objects.get()
    assert note.pseudonym == signal.reporter_pseudonym and note.delivered_at is None
    assert signal.reference in note.text_nl and signal.reference in note.text_en
    changes = AuditEvent.objects.filter(action="signal.status", signal_id=str(signal.signal_id))
    assert [(e.details["from"], e.details["to"]) for e in changes.order_by("id")] == [
        ("new", "in_review"),
        ("in_review", "forwarded_to_investigation"),
    ]


def test_assignment_and_comment(supervisor_client, supervisor, queue_of_three):
    signal = queue_of_three["low"]
    supervisor_client.post(f"/review/signals/{signal.reference}/assign", {"assignee": "sup1"})
    signal.refresh_from_db()
    assert signal.assigned_to == supervisor[0]
    supervisor_client.post(f"/review/signals/{signal.reference}/comment", {"text": "Bel <de> wijkagent"})
    assert signal.comments.get().text == "Bel <de> wijkagent"
    html = supervisor_client.get(f"/review/signals/{signal.reference}/").content.decode()
    assert "Bel &lt;de&gt; wijkagent" in html
    actions = set(AuditEvent.objects.filter(signal_id=str(signal.signal_id)).values_list("action", flat=True))
    assert {"signal.assign", "signal.comment"} <= actions


def test_exports_follow_the_filters_and_are_audited(supervisor_client, queue_of_three):
    response = supervisor_client.get("/review/export.csv?priority=urgent")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["reference"] for row in rows] == [queue_of_three["urgent"].reference]
    assert rows[0]["yes_indicators"] == "documents_confiscated excessive_hours"

    data = json.loads(supervisor_client.get("/review/export.json").content)
    assert [item["reference"] for item in data] == [queue_of_three[p].reference for p in ("urgent", "high", "low")]
    exports = AuditEvent.objects.filter(action="signal.export").order_by("id")
    assert [(e.details["format"], e.details["count"]) for e in exports] == [("csv", 1), ("json", 3)]
    assert exports[0].details["filters"] == {"priority": "urgent"}


def test_csv_export_defuses_formulas(client, supervisor_client):
    from tests.support.signals import make_signal

    signed_post(client, make_signal(notes="=HYPERLINK(\"http://evil\")"))
    rows = list(csv.DictReader(io.StringIO(supervisor_client.get("/review/export.csv").content.decode())))
    assert rows[0]["notes"].startswith("'=")


def test_detail_shows_what_the_person_answered_themselves_in_dutch(client, supervisor_client):
    from signaal.person_mode import language
    from tests.support.signals import make_signal

    payload = make_signal()
    payload["indicators"].append({"id": "movement_restricted", "answer": "yes", "source": "person"})
    payload["person"] = {"language": "ro", "reviewed_by_native_speaker": False, "answers": [
        {"question": "leave", "answer": "no", "indicators": ["movement_restricted"]},
        {"question": "help", "answer": "yes", "indicators": []}]}
    assert signed_post(client, payload).status_code == 201
    reference = Signal.objects.get(signal_id=payload["id"]).reference
    html = supervisor_client.get(f"/review/signals/{reference}/").content.decode()
    assert "Zelf beantwoord door de persoon" in html and "Roemeens" in html and "nog niet nagekeken" in html
    assert language("nl").text("questions.leave") in html and language("nl").text("questions.help") in html
    assert "de persoon zelf" in html  # the source label of the indicator row


def test_detail_without_person_answers_has_no_such_section(supervisor_client, queue_of_three):
    html = supervisor_client.get(f"/review/signals/{queue_of_three['high'].reference}/").content.decode()
    assert "Zelf beantwoord door de persoon" not in html


def test_detail_shows_the_next_steps_the_signal_carries_with_sources(client, supervisor_client):
    from tests.support.signals import make_signal

    payload = make_signal(next_steps=["forward", "labour_nla", "reflection_kmar"])
    assert signed_post(client, payload).status_code == 201
    reference = Signal.objects.get(signal_id=payload["id"]).reference
    html = supervisor_client.get(f"/review/signals/{reference}/").content.decode()
    assert 'id="next-steps"' in html
    assert 'data-step="labour_nla"' in html and "Nederlandse Arbeidsinspectie (0800 5151)" in html
    assert 'data-step="reflection_kmar"' in html and "stcrt-2023-13577" in html
    assert 'data-step="minor_care"' not in html


def test_a_signal_with_an_unknown_next_step_id_is_refused(client):
    from tests.support.signals import make_signal

    assert signed_post(client, make_signal(next_steps=["Not An Id!"])).status_code == 422
