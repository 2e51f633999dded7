"""Issue 11: a captured signed request cannot be replayed, neither within the window nor after prune."""
import json
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from intake.signals.models import PrunedSignal, Signal
from signaal.keys import BODY_SIGNING, SERVICE_AUTH, derive_text_key
from signaal.signing import sign, timestamped_headers
from tests.support.signals import make_exercise, make_signal, signed_post, timestamped_post

pytestmark = pytest.mark.django_db


def test_timestamped_signature_is_accepted_once(client):
    response, headers = timestamped_post(client, make_signal())
    assert response.status_code == 201
    replay, _ = timestamped_post(client, make_signal(), headers=headers)
    assert replay.status_code == 401 and replay.json()["error"] in ("replayed", "bad_signature")
    # The same body replayed with the captured headers.
    body = json.dumps(make_signal()).encode()
    first, captured = timestamped_post(client, body=body)
    again, _ = timestamped_post(client, body=body, headers=captured)
    assert first.status_code == 201
    assert again.status_code == 401 and again.json()["error"] == "replayed"
    assert Signal.objects.count() == 2


def test_a_redelivery_signed_afresh_is_answered_200(client):
    body = json.dumps(make_signal()).encode()
    assert timestamped_post(client, body=body)[0].status_code == 201
    time.sleep(1.1)  # a new second: a new signature, as the sender makes on every attempt
    assert timestamped_post(client, body=body)[0].status_code == 200


@override_settings(SIGNAAL_SIGNATURE_WINDOW_SECONDS=60)
def test_timestamps_outside_the_window_are_refused(client):
    stale, _ = timestamped_post(client, make_signal(), now=time.time() - 61)
    future, _ = timestamped_post(client, make_signal(), now=time.time() + 61)
    fresh, _ = timestamped_post(client, make_signal(), now=time.time() - 50)
    assert stale.status_code == 401 and stale.json()["error"] == "stale"
    assert future.status_code == 401 and future.json()["error"] == "stale"
    assert fresh.status_code == 201
    assert Signal.objects.count() == 1


def test_the_path_is_signed_and_each_purpose_has_its_own_key(client, settings):
    body = json.dumps(make_signal()).encode()
    assert timestamped_post(client, body=body, path="/api/elsewhere")[0].status_code == 401
    # Signed with the shared secret itself, or with the service-auth key: refused.
    assert timestamped_post(client, body=body, key=settings.SECRET_KEY)[0].status_code == 401
    assert timestamped_post(client, body=body, key=derive_text_key(SERVICE_AUTH))[0].status_code == 401
    # The contract's body-only form with a derived key is refused; with the secret it is accepted.
    assert signed_post(client, body=body, signature=sign(body, derive_text_key(BODY_SIGNING))).status_code == 401
    assert Signal.objects.count() == 0
    assert signed_post(client, body=body).status_code == 201
    keys = {derive_text_key(label) for label in (BODY_SIGNING, SERVICE_AUTH)}
    assert len(keys) == 2


@override_settings(SIGNAAL_INTAKE_BODY_SIGNATURE=False)
def test_the_body_only_form_can_be_switched_off(client):
    assert signed_post(client, make_signal()).status_code == 401
    assert timestamped_post(client, make_signal())[0].status_code == 201


def test_a_replay_after_prune_never_recreates_the_signal(client):
    exercise = make_exercise()
    body = json.dumps(exercise).encode()
    assert signed_post(client, body=body).status_code == 201
    Signal.objects.update(received_at=timezone.now() - timedelta(days=400))
    call_command("prune", days=180, stdout=open("/dev/null", "w"))
    assert Signal.objects.count() == 0
    assert PrunedSignal.objects.filter(signal_id=exercise["id"]).exists()
    replay = signed_post(client, body=body)
    fresh = timestamped_post(client, body=body)[0]
    assert replay.status_code == 410 and fresh.status_code == 410
    assert Signal.objects.count() == 0


def test_timestamped_headers_are_what_the_sender_sends():
    headers = timestamped_headers("POST", "/api/signals", b"{}", "k", now=1000)
    assert headers["X-Signaal-Timestamp"] == "1000" and headers["X-Signature"].startswith("sha256=")
