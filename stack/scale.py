"""The scale-out layout on one machine: what a deployment over several machines runs (stdlib only).

    officers (bot, web chat, load) --> nginx :B+5  --> Rasa 1 :B+6, Rasa 2 :B+7, ...
    Rasa servers                  --> nginx :B+55 --> actions 1 :B+56, actions 2 :B+57, ...
    action servers (outbox)       --> nginx :B+80 --> intake 1 :B+81, intake 2 :B+82, ...
    Rasa: PostgreSQL tracker store, Redis lock store (private redis-server :B+79)
    actions: one PostgreSQL outbox shared by all, rows claimed (SKIP LOCKED, lease)
    intake: PostgreSQL, more than one waitress process

B is SCALE_PORT_BASE (default 25000). Switched by configuration only: the same
code as `make run`, other environment variables (SIGNAAL_TRACKER_STORE_URL,
SIGNAAL_REDIS_URL, SIGNAAL_OUTBOX_URL, SIGNAAL_DATABASE_URL, SIGNAAL_ACTION_URL,
SIGNAAL_INTAKE_URL, SIGNAAL_RASA_URL).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from signaal.secrets import get_secret

from stack.endpoints import write_endpoints
from stack.layout import MANAGE, RASA_PY, WEB_PY
from stack.model_key import model_path
from stack.nginx import nginx_part
from stack.private_redis import redis_part
from stack.processes import ROOT, Part

DEFAULT_PORT_BASE = 25000


@dataclass
class ScalePorts:
    base: int = DEFAULT_PORT_BASE
    rasa_servers: int = 2
    action_servers: int = 2
    intake_servers: int = 2

    @classmethod
    def from_env(cls, env=os.environ) -> "ScalePorts":
        return cls(int(env.get("SCALE_PORT_BASE", DEFAULT_PORT_BASE)), int(env.get("SCALE_RASA_SERVERS", 2)),
                   int(env.get("SCALE_ACTION_SERVERS", 2)), int(env.get("SCALE_INTAKE_SERVERS", 2)))

    @property
    def rasa_front(self) -> int:
        return self.base + 5

    @property
    def rasa(self) -> List[int]:
        return [self.base + 6 + n for n in range(self.rasa_servers)]

    @property
    def actions_front(self) -> int:
        return self.base + 55

    @property
    def actions(self) -> List[int]:
        return [self.base + 56 + n for n in range(self.action_servers)]

    @property
    def redis(self) -> int:
        return self.base + 79

    @property
    def intake_front(self) -> int:
        return self.base + 80

    @property
    def intake(self) -> List[int]:
        return [self.base + 81 + n for n in range(self.intake_servers)]


@dataclass
class ScaleConfig:
    tracker_url: str  # postgresql://.../tracker database
    intake_url: str  # postgresql://.../intake database
    outbox_url: str  # postgresql://.../outbox database (may be the intake's server, another database)
    redis_url: Optional[str] = None  # None: the private redis-server on ports.redis
    extra_env: Dict[str, str] = field(default_factory=dict)
    pin_rasa: Optional[List[int]] = None  # e.g. [0, 1]: `taskset -c` one core per Rasa server


def scale_env(ports: ScalePorts, state: Path, config: ScaleConfig, rasa_token: str, action_token: str) -> Dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SIGNAAL_STATE_DIR": str(state),
        "SIGNAAL_RASA_URL": f"http://127.0.0.1:{ports.rasa_front}",
        "SIGNAAL_ACTION_URL": f"http://127.0.0.1:{ports.actions_front}/webhook",
        "SIGNAAL_INTAKE_URL": f"http://127.0.0.1:{ports.intake_front}",
        "SIGNAAL_TRACKER_STORE_URL": config.tracker_url,
        "SIGNAAL_REDIS_URL": config.redis_url or f"redis://127.0.0.1:{ports.redis}/0",
        "SIGNAAL_OUTBOX_URL": config.outbox_url,
        "SIGNAAL_DATABASE_URL": config.intake_url,
        "SIGNAAL_RASA_TOKEN": rasa_token,
        "SIGNAAL_ACTION_TOKEN": action_token,
        # nginx is the one proxy in front of the intake: it may pass the officer's address on.
        "SIGNAAL_TRUSTED_PROXIES": "127.0.0.1/32",
    })
    env.update(config.extra_env)
    return env


def scale_parts(ports: ScalePorts, state: Path, config: ScaleConfig, rasa_token: str,
                action_token: Optional[str] = None, with_bot: bool = False) -> List[Part]:
    """Every part, each with its name: rasa1.., actions1.., intake1.., redis, nginx (bot if asked)."""
    action_token = action_token or get_secret("SIGNAAL_ACTION_TOKEN")
    env = scale_env(ports, state, config, rasa_token, action_token)
    endpoints = state / "endpoints.yml"
    write_endpoints(endpoints, env)
    result: List[Part] = []
    if config.redis_url is None:
        result.append(redis_part(ports.redis, state / "redis"))
    for n, port in enumerate(ports.actions, 1):
        result.append(Part(f"actions{n}", [str(RASA_PY / "python"), "-m", "actions.server", "--port", str(port)],
                           f"http://127.0.0.1:{port}/health", f"http://127.0.0.1:{port}",
                           env={"SANIC_HOST": "127.0.0.1"}))
    for n, port in enumerate(ports.rasa, 1):
        command = [str(RASA_PY / "python"), "-m", "stack.rasa_entry", "run", "--enable-api",
                   "--interface", "127.0.0.1", "--port", str(port), "--model", str(model_path()),
                   "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml")]
        if config.pin_rasa:
            command = ["taskset", "-c", str(config.pin_rasa[(n - 1) % len(config.pin_rasa)]), *command]
        result.append(Part(f"rasa{n}", command, f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}"))
    for n, port in enumerate(ports.intake, 1):
        result.append(Part(f"intake{n}", [str(WEB_PY / "python"), str(MANAGE), "serve", "--no-migrate",
                                          "--port", str(port)],
                           f"http://127.0.0.1:{port}/chat", f"http://127.0.0.1:{port}",
                           env={"SIGNAAL_WEB_PORT": str(port)}))
    fronts = {"rasa": (ports.rasa_front, ports.rasa, 120), "actions": (ports.actions_front, ports.actions, 60),
              "intake": (ports.intake_front, ports.intake, 60)}
    result.append(nginx_part(state / "nginx", fronts))
    if with_bot:
        result.append(Part("bot", [str(WEB_PY / "python"), str(MANAGE), "runbot"], None, "Telegram (TELEGRAM_BOT_TOKEN)"))
    for part in result:
        part.env = {**env, **part.env}
    return result


def migrate(env: Dict[str, str]) -> None:
    """The intake's schema, once, before its servers start (they start with --no-migrate)."""
    import subprocess

    subprocess.run([str(WEB_PY / "python"), str(MANAGE), "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
