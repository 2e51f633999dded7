"""GET /api/reporters/<pseudonym>/signals: an officer's own live signals, for the action server."""
import os
import time

import pytest

from intake.audit.models import AuditEvent
from signaal.keys import SERVICE_AUTH, derive_text_key
from signaal.service_auth import signed_headers
from tests.support.signals import make_exercise, make_signal, signed_post

pytestmark = pytest.mark.django_db
ME, OTHER = "tg-me000000000000000000000", "tg-other00000000000000000"


def service_get(client, path, secret=None, now=None):
    headers = signed_headers("GET", path, secret or derive_text_key(SERVICE_AUTH), now=now)
    return client.get(path, HTTP_X_SIGNAAL_TIMESTAMP=headers["X-Signaal-Timestamp"], HTTP_X_SIGNATURE=headers["X-Signature"])


def test_returns_only_the_reporters_own_live_signals(client):
    mine = make_signal(reporter={"pseudonym": ME})
    signed_post(client, mine)
    signed_post(client, make_signal(reporter={"pseudonym": OTHER}))
    signed_post(client, make_exercise(trainee=ME))
    path = f"/api/reporters/{ME}/signals"
    response = service_get(client, path)
    assert response.status_code == 200
    items = response.json()
    assert [item["id"] for item in items] == [mine["id"]]
    assert set(items[0]) == {"id", "reference", "status", "priority", "received_at"}
    assert AuditEvent.objects.filter(action="api.reporter_signals").exists()


def test_refuses_unsigned_wrongly_signed_and_stale_requests(client):
    path = f"/api/reporters/{ME}/signals"
    assert client.get(path).status_code == 401
    assert service_get(client, path, secret="wrong").status_code == 401
    assert service_get(client, path, now=time.time() - 3600).status_code == 401
    # A signature for one officer's path does not open another's.
    headers = signed_headers("GET", path, os.environ["SIGNAAL_INTAKE_SECRET"])
    response = client.get(
        f"/api/reporters/{OTHER}/signals",
        HTTP_X_SIGNAAL_TIMESTAMP=headers["X-Signaal-Timestamp"],
        HTTP_X_SIGNATURE=headers["X-Signature"],
    )
    assert response.status_code == 401


def test_the_shared_secret_itself_no_longer_authenticates_a_service_call(client):
    """Issue 11: service auth has its own derived key, not the body-signing secret."""
    path = f"/api/reporters/{ME}/signals"
    assert service_get(client, path, secret=os.environ["SIGNAAL_INTAKE_SECRET"]).status_code == 401
