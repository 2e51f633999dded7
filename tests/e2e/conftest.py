"""One real Signaal stack (tests/support/real_stack.py) shared by the whole end-to-end session."""
from __future__ import annotations

import os

import pytest

from tests.support.real_stack import SignaalStack


@pytest.fixture(scope="session")
def signaal(tmp_path_factory) -> SignaalStack:
    state = tmp_path_factory.mktemp("signaal-state")
    os.environ["SIGNAAL_STATE_DIR"] = str(state)
    stack = SignaalStack(state)
    stack.manage("migrate", "--noinput")
    try:
        stack.start()
        yield stack
    finally:  # also when a part fails to start: no orphans holding the ports
        stack.stop()
