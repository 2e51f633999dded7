"""pytest-django setup for the intake web application (run: python -m pytest tests/web).

Secrets and state go to a temporary folder, so tests never touch var/.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_STATE = tempfile.mkdtemp(prefix="signaal-web-tests-")
os.environ["SIGNAAL_STATE_DIR"] = _STATE
os.environ.setdefault("SIGNAAL_INTAKE_SECRET", "test-intake-secret")
os.environ.setdefault("SIGNAAL_PSEUDONYM_KEY", "test-pseudonym-key")
os.environ["SIGNAAL_RASA_TOKEN"] = "test-rasa-token"  # tests.support.fake_rasa.TEST_RASA_TOKEN
os.environ.setdefault("SIGNAAL_DJANGO_SECRET_KEY", "test-django-secret-key-" + "x" * 40)
# The suite runs on SQLite; SIGNAAL_TEST_DATABASE_URL=postgresql://... runs it on PostgreSQL.
os.environ.pop("SIGNAAL_DATABASE_URL", None)
if os.environ.get("SIGNAAL_TEST_DATABASE_URL"):
    os.environ["SIGNAAL_DATABASE_URL"] = os.environ["SIGNAAL_TEST_DATABASE_URL"]
os.environ.pop("SIGNAAL_TRACKER_STORE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "intake.config.settings"
# The browser tests talk to 127.0.0.1, never localhost.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Fast hashing in tests only; production uses Django's default (PBKDF2).
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: concurrency tests and the browser's live server need real connections.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(_STATE) / "test-intake.sqlite3")

import pytest  # noqa: E402

from tests.support.signals import create_account, make_signal, signed_post  # noqa: E402


@pytest.fixture
def supervisor(db):
    return create_account("supervisor", "sup1")


@pytest.fixture
def trainer(db):
    return create_account("trainer", "trainer1")


@pytest.fixture
def supervisor_client(client, supervisor):
    client.force_login(supervisor[0])
    return client


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer[0])
    return client


@pytest.fixture
def stored_signal(db, client):
    def _store(**overrides):
        from intake.signals.models import Signal

        payload = make_signal(**overrides)
        response = signed_post(client, payload)
        assert response.status_code == 201, response.content
        return Signal.objects.get(signal_id=payload["id"])

    return _store


def pytest_terminal_summary(terminalreporter):
    """The intake fuzz run's figures (tests/web/test_intake_fuzz.py), when it ran."""
    import sys

    fuzz = sys.modules.get("tests.web.test_intake_fuzz")
    if fuzz is not None and fuzz.COUNTS["tried"]:
        counts = fuzz.COUNTS
        terminalreporter.write_line(
            f"schemathesis intake fuzz: {counts['tried']} requests tried, {counts['refused']} refused, "
            f"{counts['stored']} stored; by status {dict(sorted(counts['by_status'].items()))}"
        )


def pytest_sessionfinish(session, exitstatus):
    """The temporary state folder (secrets, test database) goes with the session."""
    import shutil

    shutil.rmtree(_STATE, ignore_errors=True)
