"""A real Signaal stack for tests: Rasa server, action server and web application
as real processes on ports of their own, with a state folder of their own, so
a developer's `make run` and its data are untouched. The model is the one
`make train` keyed by the hash of its inputs."""
from __future__ import annotations

import os
import secrets
import subprocess
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx

from stack.layout import Ports, parts
from stack.processes import ROOT, Stack

PORTS = Ports(rasa=int(os.environ.get("E2E_RASA_PORT", 15005)), actions=int(os.environ.get("E2E_ACTION_PORT", 15055)),
              web=int(os.environ.get("E2E_WEB_PORT", 18000)))


class SignaalStack:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.rasa_token = secrets.token_urlsafe(24)
        os.environ["SIGNAAL_RASA_TOKEN"] = self.rasa_token  # the test process is a trusted caller
        os.environ["SIGNAAL_OUTBOX_POLL_SECONDS"] = "1"
        os.environ["SIGNAAL_DEBUG"] = os.environ.get("SIGNAAL_DEBUG", "0")
        self.stack = Stack(parts(PORTS, state_dir, self.rasa_token, with_bot=False), state_dir / "logs")
        self.rasa_url = f"http://127.0.0.1:{PORTS.rasa}"
        self.web_url = f"http://127.0.0.1:{PORTS.web}"
        self.ready: Dict[str, float] = {}

    @property
    def env(self) -> Dict[str, str]:
        return self.stack.parts[0].env

    def start(self, only: Optional[List[str]] = None) -> None:
        self.stack.start(only)
        self.ready.update(self.stack.wait_ready(timeout=400, only=only))

    def stop(self, only: Optional[List[str]] = None) -> None:
        self.stack.stop(only)

    def manage(self, *args: str) -> str:
        out = subprocess.run([str(ROOT / ".venv/web/bin/python"), "manage.py", *args], cwd=ROOT / "intake",
                             env=self.env, check=True, capture_output=True, text=True)
        return out.stdout

    def say(self, sender: str, message: str, metadata: Optional[dict] = None) -> List[Dict[str, Any]]:
        response = self.post_to_channel({"sender": sender, "message": message, "metadata": metadata or {}})
        response.raise_for_status()
        return response.json()

    def post_to_channel(self, body: Dict[str, Any], token: Optional[str] = "") -> httpx.Response:
        """POST to the officer channel; token "" = the trusted caller's, None = no token at all."""
        headers = {} if token is None else {"Authorization": f"Bearer {token or self.rasa_token}"}
        return httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, headers=headers, timeout=60)

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = httpx.get(f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.rasa_token}, timeout=30)
        response.raise_for_status()
        return response.json()

    def slots(self, sender: str) -> Dict[str, Any]:
        return self.tracker(sender)["slots"]


def texts(replies: List[Dict[str, Any]]) -> str:
    return "\n".join(r.get("text", "") for r in replies if r.get("text"))


def buttons(replies: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    return [b for r in replies for b in (r.get("buttons") or [])]


def officer() -> str:
    """A fresh pseudonymous sender, as the bot or web chat would send."""
    return "web-" + uuid.uuid4().hex[:24]
