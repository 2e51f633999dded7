"""Issue 11: schemathesis against the live intake (real HTTP, real database) from its OpenAPI document.

Every request is signed the way its caller signs it, through a requests auth
hook on the prepared request (so the signature covers the exact bytes sent).
Checks: no 5xx, status codes and content types as documented, and no row is
stored by a request the intake refused. Bounded examples; prints the counts.
"""
import time

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, status_code_conformance

from intake.signals.models import Addendum, Signal
from intake.signals.openapi import openapi_document, openapi_json
from signaal.keys import BODY_SIGNING, SERVICE_AUTH, derive_text_key
from signaal.paths import ROOT
from signaal.service_auth import signed_headers
from signaal.signing import timestamped_headers
from tests.support.signals import create_account

MAX_EXAMPLES = 40
schema = schemathesis.openapi.from_dict(openapi_document())
COUNTS = {"tried": 0, "refused": 0, "stored": 0, "by_status": {}}


class SignedByCaller(requests.auth.AuthBase):
    """Sign as the forwarder (POST), the action server (reporter GET) or a supervisor (other GETs)."""

    def __init__(self, bearer: str):
        self.bearer = bearer
        self.sent = 0

    def _timestamp(self) -> float:
        # Hypothesis repeats examples within a second; a distinct timestamp (inside the window) each time
        # keeps every signature new, so the fuzz reaches the body checks instead of the replay guard.
        self.sent += 1
        return time.time() - (self.sent % 200)

    def __call__(self, request):
        path = requests.utils.urlparse(request.url).path
        if request.method == "POST":
            body = request.body if isinstance(request.body, bytes) else (request.body or "").encode("utf-8")
            request.headers.update(timestamped_headers("POST", path, body, derive_text_key(BODY_SIGNING),
                                                       now=self._timestamp()))
        elif path.startswith("/api/reporters/"):
            request.headers.update(signed_headers("GET", path, derive_text_key(SERVICE_AUTH)))
        else:
            request.headers["Authorization"] = f"Bearer {self.bearer}"
        return request


def _rows() -> int:
    """Stored rows of every kind a POST can make: signals and addenda."""
    return Signal.objects.count() + Addendum.objects.count()


@pytest.fixture(scope="module")
def fuzz_session(django_db_blocker, live_server):
    with django_db_blocker.unblock():
        _, _, token = create_account("supervisor", "fuzz-supervisor")
    session = requests.Session()
    session.auth = SignedByCaller(token)
    yield session


def test_the_committed_openapi_file_is_the_served_one(client):
    assert (ROOT / "docs" / "intake-openapi.json").read_text(encoding="utf-8") == openapi_json()
    served = client.get("/api/schema")
    assert served.status_code == 200 and served.json()["paths"].keys() == openapi_document()["paths"].keys()


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@hypothesis_settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=list(HealthCheck))
def test_the_live_intake_survives_fuzzing_and_stores_nothing_it_refuses(case, fuzz_session, live_server):
    before = _rows()
    response = case.call(base_url=live_server.url, session=fuzz_session)
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance, content_type_conformance])
    after = _rows()
    COUNTS["tried"] += 1
    COUNTS["by_status"][response.status_code] = COUNTS["by_status"].get(response.status_code, 0) + 1
    if response.status_code >= 400:
        COUNTS["refused"] += 1
        assert after == before, f"a refused request ({response.status_code}) stored a row"
    if case.method == "POST":
        if response.status_code == 201:
            COUNTS["stored"] += 1
            assert after == before + 1
            stored = Addendum.objects.filter(addendum_id=response.json()["id"]) if "addenda" in case.path \
                else Signal.objects.filter(signal_id=response.json()["id"])
            assert stored.exists()
        else:
            assert after == before
