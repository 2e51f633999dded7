"""The scale-out layout under test (stack/scale.py): nginx in front of two Rasa servers,
two action servers and two intake servers; PostgreSQL tracker store, outbox and intake;
a private redis-server for the locks.

Needs PostgreSQL on 127.0.0.1:5432 (SCALE_PG_URL, trust auth) and Debian's nginx
(scripts/ensure_nginx.sh). Each run creates and drops databases of its own (unique
names); the private Redis keeps nothing. Ports: SCALE_PORT_BASE (default 25000).
"""
from __future__ import annotations

import os
import secrets
import subprocess
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

import httpx
import psycopg
import pytest

from stack.processes import ROOT, Stack
from stack.scale import ScaleConfig, ScalePorts, migrate, scale_parts

PG = os.environ.get("SCALE_PG_URL", "postgresql://postgres@127.0.0.1:5432")
PORTS = ScalePorts.from_env()
# Faults are found quickly: a short outbox poll, a short lease and backoff, short Redis locks.
FAST = {
    "SIGNAAL_OUTBOX_POLL_SECONDS": "1",
    "SIGNAAL_OUTBOX_LEASE_SECONDS": "15",
    "SIGNAAL_OUTBOX_MAX_BACKOFF_SECONDS": "4",
    "TICKET_LOCK_LIFETIME": "30",
}


def admin_connection():
    return psycopg.connect(f"{PG}/postgres", autocommit=True)


@pytest.fixture(scope="session")
def databases():
    suffix = uuid.uuid4().hex[:8]
    names = {kind: f"signaal_{kind}_{suffix}" for kind in ("tracker", "intake", "outbox")}
    with admin_connection() as conn:
        for name in names.values():
            conn.execute(f'CREATE DATABASE "{name}"')
    yield names
    with admin_connection() as conn:
        for name in names.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ScaleStack:
    def __init__(self, state: Path, names: Dict[str, str]) -> None:
        self.rasa_token = secrets.token_urlsafe(24)
        os.environ["SIGNAAL_STATE_DIR"] = str(state)
        os.environ["SIGNAAL_RASA_TOKEN"] = self.rasa_token  # the test process is a trusted caller
        self.names = names
        config = ScaleConfig(f"{PG}/{names['tracker']}", f"{PG}/{names['intake']}", f"{PG}/{names['outbox']}",
                             extra_env=FAST)
        self.ports = PORTS
        self.stack = Stack(scale_parts(PORTS, state, config, self.rasa_token), state / "logs")
        self.env = self.stack.parts[0].env
        self.front = f"http://127.0.0.1:{PORTS.rasa_front}"
        self.intake_front = f"http://127.0.0.1:{PORTS.intake_front}"
        self.rasa_urls = [f"http://127.0.0.1:{port}" for port in PORTS.rasa]
        self.client = httpx.Client(timeout=120, headers={"Authorization": f"Bearer {self.rasa_token}"},
                                   limits=httpx.Limits(max_connections=64))

    def part(self, name: str):
        return next(p for p in self.stack.parts if p.name == name)

    def manage(self, *args: str) -> str:
        return subprocess.run([str(ROOT / ".venv/web/bin/python"), "intake/manage.py", *args], cwd=ROOT,
                              env=self.env, check=True, capture_output=True, text=True).stdout

    # -- the officer's side ------------------------------------------------------------------------
    def say(self, sender: str, message: str, url: Optional[str] = None) -> httpx.Response:
        return self.client.post(f"{url or self.front}/webhooks/rest/webhook",
                                json={"sender": sender, "message": message})

    def tracker(self, sender: str, url: Optional[str] = None) -> dict:
        response = self.client.get(f"{url or self.front}/conversations/{sender}/tracker",
                                   params={"token": self.rasa_token})
        response.raise_for_status()
        return response.json()

    def slots(self, sender: str, url: Optional[str] = None) -> dict:
        return self.tracker(sender, url)["slots"]

    # -- the intake's side -------------------------------------------------------------------------
    def stored(self, ids: List[str]) -> Dict[str, int]:
        """How many rows the intake holds per signal id (exactly once: 1)."""
        with psycopg.connect(f"{PG}/{self.names['intake']}") as conn:
            rows = conn.execute("SELECT signal_id::text, count(*) FROM signals_signal WHERE signal_id::text = ANY(%s)"
                                " GROUP BY signal_id", (ids,)).fetchall()
        return {signal_id: count for signal_id, count in rows}

    def wait_stored(self, ids: List[str], timeout: float = 120) -> Dict[str, int]:
        deadline = time.monotonic() + timeout
        stored = self.stored(ids)
        while set(stored) != set(ids) and time.monotonic() < deadline:
            time.sleep(1)
            stored = self.stored(ids)
        return stored

    def restart(self, names: List[str], wait: bool = True) -> None:
        self.stack.start(only=names)
        if wait:
            self.stack.wait_ready(timeout=600, only=names)


@pytest.fixture(scope="session")
def scale(tmp_path_factory, databases):
    stack = ScaleStack(tmp_path_factory.mktemp("scale-state"), databases)
    migrate(stack.env)
    try:
        stack.stack.start()
        stack.stack.wait_ready(timeout=900)
        yield stack
    finally:  # also when a part fails to start: no orphans holding the ports
        stack.client.close()
        stack.stack.stop()
