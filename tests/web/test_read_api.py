"""GET /api/signals[/<id>]: bearer tokens, role separation, audit of every read."""
import pytest

from intake.audit.models import AuditEvent
from tests.support.signals import create_account, make_exercise, make_signal, signed_post

pytestmark = pytest.mark.django_db


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def one_of_each(client):
    live, exercise = make_signal(), make_exercise()
    assert signed_post(client, live).status_code == 201
    assert signed_post(client, exercise).status_code == 201
    return live, exercise


def test_supervisor_reads_live_signals_as_stored(client, supervisor, one_of_each):
    live, _ = one_of_each
    response = client.get("/api/signals", **bearer(supervisor[2]))
    assert response.status_code == 200
    items = response.json()
    assert [item["id"] for item in items] == [live["id"]]
    item = items[0]
    assert item["reference"].startswith("SIG-") and item["status"] == "new" and item["received_at"]
    assert item["indicators"] == live["indicators"] and item["notes"] == live["notes"]
    assert AuditEvent.objects.filter(action="api.list", actor="sup1").count() == 1


def test_supervisor_reads_one_signal_by_id_and_by_reference(client, supervisor, one_of_each):
    live, _ = one_of_each
    by_id = client.get(f"/api/signals/{live['id']}", **bearer(supervisor[2]))
    assert by_id.status_code == 200
    by_ref = client.get(f"/api/signals/{by_id.json()['reference']}", **bearer(supervisor[2]))
    assert by_ref.json()["id"] == live["id"]
    assert AuditEvent.objects.filter(action="api.read", signal_id=live["id"]).count() == 2


def test_supervisor_is_refused_exercise_results(client, supervisor, one_of_each):
    _, exercise = one_of_each
    assert client.get("/api/signals?mode=exercise", **bearer(supervisor[2])).status_code == 403
    assert client.get(f"/api/signals/{exercise["id"]}", **bearer(supervisor[2])).status_code == 404


def test_trainer_reads_exercise_results_only(client, trainer, one_of_each):
    live, exercise = one_of_each
    response = client.get("/api/signals?mode=exercise", **bearer(trainer[2]))
    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [exercise["id"]]
    assert response.json()[0]["exercise"]["score"] == {"correct": 5, "total": 8}
    assert client.get("/api/signals", **bearer(trainer[2])).status_code == 403
    assert client.get("/api/signals?mode=live", **bearer(trainer[2])).status_code == 403
    assert client.get(f"/api/signals/{live["id"]}", **bearer(trainer[2])).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer sgn_wrong", "Token abc"])
def test_missing_or_wrong_token_is_401(client, supervisor, one_of_each, header):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    assert client.get("/api/signals", **extra).status_code == 401
    assert client.get(f"/api/signals/{one_of_each[0]['id']}", **extra).status_code == 401


def test_renewing_an_account_revokes_its_old_token(client, supervisor, one_of_each):
    old_token = supervisor[2]
    _, _, new_token = create_account("supervisor", "sup1")
    assert client.get("/api/signals", **bearer(old_token)).status_code == 401
    assert client.get("/api/signals", **bearer(new_token)).status_code == 200


def test_unknown_mode_is_400(client, supervisor):
    assert client.get("/api/signals?mode=all", **bearer(supervisor[2])).status_code == 400
