"""Start, watch and stop Signaal's processes (used by `make run` and the tests).

Stdlib only, so it runs on either Python. Each part runs in its own process
group with its log in the state folder; `stop()` ends every group, so Ctrl-C
or SIGTERM leaves no orphans.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
RASA_PY = ROOT / ".venv" / "rasa" / "bin"
WEB_PY = ROOT / ".venv" / "web" / "bin"


@dataclass
class Part:
    name: str
    command: List[str]
    health_url: Optional[str]
    where: str
    env: Dict[str, str] = field(default_factory=dict)
    process: Optional[subprocess.Popen] = None
    log_path: Optional[Path] = None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (urllib.error.URLError, OSError):
        return False


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


def model_path() -> Path:
    out = subprocess.run([str(RASA_PY / "python"), str(ROOT / "scripts" / "model_hash.py"), "--path"],
                         check=True, capture_output=True, text=True)
    return Path(out.stdout.strip())


def parts(ports: Ports, state_dir: Path, rasa_token: str, with_bot: bool) -> List[Part]:
    endpoints = state_dir / "endpoints.yml"
    env = base_env(ports, state_dir)
    subprocess.run([str(WEB_PY / "python"), str(ROOT / "scripts" / "write_endpoints.py"), str(endpoints)],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    result = [
        Part("actions", [str(RASA_PY / "rasa"), "run", "actions", "--actions", "actions", "--port", str(ports.actions)],
             f"http://127.0.0.1:{ports.actions}/health", f"http://127.0.0.1:{ports.actions}",
             env={"SANIC_HOST": "127.0.0.1"}),
        # `--auth-token=...`: a token may start with "-", which argparse would take for an option.
        Part("rasa", [str(RASA_PY / "rasa"), "run", "--enable-api", f"--auth-token={rasa_token}",
                      "--interface", "127.0.0.1", "--port", str(ports.rasa), "--model", str(model_path()),
                      "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml")],
             f"http://127.0.0.1:{ports.rasa}/", f"http://127.0.0.1:{ports.rasa} (REST channel /webhooks/rest/webhook)"),
        Part("web", [str(WEB_PY / "python"), str(ROOT / "intake" / "manage.py"), "serve"],
             f"http://127.0.0.1:{ports.web}/chat", f"http://127.0.0.1:{ports.web}/chat (web chat), /review (supervisors)"),
    ]
    if with_bot:
        result.append(Part("bot", [str(WEB_PY / "python"), "-m", "bot"], None, "Telegram (TELEGRAM_BOT_TOKEN)"))
    for part in result:
        part.env = {**env, **part.env}
    return result


class Stack:
    def __init__(self, parts: List[Part], log_dir: Path) -> None:
        self.parts = parts
        self.log_dir = log_dir

    def start(self, only: Optional[List[str]] = None) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        busy = [p.health_url for p in self.parts if (not only or p.name in only) and p.health_url
                and not (p.process and p.process.poll() is None) and _answers(p.health_url)]
        if busy:  # another Signaal (or an orphan) already answers there: fail loudly, not silently
            raise RuntimeError(f"port already in use: {busy}")
        for part in self.parts:
            if only and part.name not in only:
                continue
            if part.process and part.process.poll() is None:
                continue
            part.log_path = self.log_dir / f"{part.name}.log"
            log = open(part.log_path, "ab")
            part.process = subprocess.Popen(part.command, cwd=ROOT, env=part.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def wait_ready(self, timeout: float = 300, only: Optional[List[str]] = None) -> Dict[str, float]:
        """Seconds each part took to answer; raises if one dies or times out."""
        started = time.monotonic()
        ready: Dict[str, float] = {}
        waiting = [p for p in self.parts if (not only or p.name in only)]
        while waiting:
            for part in list(waiting):
                if part.process is not None and part.process.poll() is not None:
                    raise RuntimeError(f"{part.name} exited with {part.process.returncode}; see {part.log_path}")
                if part.health_url is None or _answers(part.health_url):
                    ready[part.name] = round(time.monotonic() - started, 1)
                    waiting.remove(part)
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"not ready after {timeout}s: {[p.name for p in waiting]}")
            time.sleep(0.5)
        return ready

    def stop(self, only: Optional[List[str]] = None, timeout: float = 20) -> None:
        chosen = [p for p in self.parts if p.process and (not only or p.name in only)]
        for part in chosen:
            if part.process.poll() is None:
                try:
                    os.killpg(part.process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for part in chosen:
            try:
                part.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(part.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                part.process.wait()
            part.process = None

    def dead(self) -> List[Part]:
        return [p for p in self.parts if p.process is not None and p.process.poll() is not None]
