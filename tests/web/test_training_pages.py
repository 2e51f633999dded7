"""Trainers' pages: exercise results per trainee and scenario, CSV; supervisors refused."""
import csv
import io

import pytest

from intake.audit.models import AuditEvent
from tests.support.signals import make_exercise, make_signal, signed_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(client):
    signed_post(client, make_exercise(trainee="web-anna", scenario_id="kas", correct=4, total=8))
    signed_post(client, make_exercise(trainee="web-anna", scenario_id="kas", correct=8, total=8))
    signed_post(client, make_exercise(trainee="web-bram", scenario_id="grens", correct=2, total=4))
    signed_post(client, make_signal(reporter={"pseudonym": "web-live-officer"}))


def test_overview_shows_trainees_and_scenarios_with_mean_scores(trainer_client, results):
    html = trainer_client.get("/training/").content.decode()
    assert "web-anna" in html and "web-bram" in html and "75%" in html and "50%" in html
    assert "web-live-officer" not in html


def test_trainee_page_lists_scores_over_time(trainer_client, results):
    html = trainer_client.get("/training/trainees/web-anna/").content.decode()
    assert html.index("4/8") < html.index("8/8")
    assert AuditEvent.objects.filter(action="exercise.view").exists()
    assert trainer_client.get("/training/trainees/web-live-officer/").status_code == 404


def test_scenario_page_and_csv(trainer_client, results):
    assert "web-bram" in trainer_client.get("/training/scenarios/grens/").content.decode()
    rows = list(csv.DictReader(io.StringIO(trainer_client.get("/training/export.csv?trainee=web-anna").content.decode())))
    assert [(r["correct"], r["total"], r["percent"]) for r in rows] == [("4", "8", "50"), ("8", "8", "100")]
    assert AuditEvent.objects.filter(action="exercise.export").get().details["count"] == 2


def test_supervisors_and_anonymous_are_refused(client, supervisor, results):
    assert client.get("/training/").status_code == 302
    client.force_login(supervisor[0])
    assert client.get("/training/").status_code == 403
    assert client.get("/training/export.csv").status_code == 403
