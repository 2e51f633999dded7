"""Actions run with a CollectingDispatcher against trackers built by hand
(tests/support/trackers.py); the outbox and secrets live in a temporary state folder."""
import os
import tempfile

# Before any action module is imported: they read these at import time.
os.environ.setdefault("SIGNAAL_STATE_DIR", tempfile.mkdtemp(prefix="signaal-actions-"))
os.environ["SIGNAAL_OUTBOX_SENDER"] = "0"  # tests drive delivery themselves

import pytest  # noqa: E402

from tests.support.trackers import DOMAIN  # noqa: E402


@pytest.fixture
def domain():
    return DOMAIN
