"""Which parts make Signaal on one machine, on which ports, with which environment."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from signaal.secrets import get_secret

from stack.endpoints import write_endpoints
from stack.model_key import model_path
from stack.processes import ROOT, Part

RASA_PY = ROOT / ".venv" / "rasa" / "bin"
WEB_PY = ROOT / ".venv" / "web" / "bin"
MANAGE = ROOT / "intake" / "manage.py"


@dataclass
class Ports:
    rasa: int = 5005
    actions: int = 5055
    web: int = 8000

    @classmethod
    def from_env(cls) -> "Ports":
        return cls(int(os.environ.get("SIGNAAL_RASA_PORT", 5005)), int(os.environ.get("SIGNAAL_ACTION_PORT", 5055)),
                   int(os.environ.get("SIGNAAL_WEB_PORT", 8000)))


def base_env(ports: Ports, state_dir: Path) -> Dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false",
        "SIGNAAL_STATE_DIR": str(state_dir),
        "SIGNAAL_RASA_URL": f"http://127.0.0.1:{ports.rasa}",
        "SIGNAAL_ACTION_URL": f"http://127.0.0.1:{ports.actions}/webhook",
        "SIGNAAL_WEB_PORT": str(ports.web),
        "PYTHONUNBUFFERED": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    })
    env.setdefault("SIGNAAL_INTAKE_URL", f"http://127.0.0.1:{ports.web}")
    return env


def parts(ports: Ports, state_dir: Path, rasa_token: str, with_bot: bool, action_token: Optional[str] = None) -> List[Part]:
    """Secrets reach the parts in their environment, never on a command line (`ps` shows those)."""
    endpoints = state_dir / "endpoints.yml"
    env = base_env(ports, state_dir)
    env["SIGNAAL_RASA_TOKEN"] = rasa_token
    env["SIGNAAL_ACTION_TOKEN"] = action_token or get_secret("SIGNAAL_ACTION_TOKEN")
    write_endpoints(endpoints, env)
    result = [
        Part("actions", [str(RASA_PY / "python"), "-m", "actions.server", "--port", str(ports.actions)],
             f"http://127.0.0.1:{ports.actions}/health", f"http://127.0.0.1:{ports.actions}",
             env={"SANIC_HOST": "127.0.0.1"}),
        Part("rasa", [str(RASA_PY / "python"), "-m", "stack.rasa_entry", "run", "--enable-api",
                      "--interface", "127.0.0.1", "--port", str(ports.rasa), "--model", str(model_path()),
                      "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml")],
             f"http://127.0.0.1:{ports.rasa}/", f"http://127.0.0.1:{ports.rasa} (REST channel /webhooks/rest/webhook)"),
        Part("web", [str(WEB_PY / "python"), str(MANAGE), "serve"],
             f"http://127.0.0.1:{ports.web}/chat", f"http://127.0.0.1:{ports.web}/chat (web chat), /review (supervisors)"),
    ]
    if with_bot:
        result.append(Part("bot", [str(WEB_PY / "python"), str(MANAGE), "runbot"], None, "Telegram (TELEGRAM_BOT_TOKEN)"))
    for part in result:
        part.env = {**env, **part.env}
    return result
