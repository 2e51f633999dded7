"""Rasa's endpoints.yml for `rasa run`, from the environment.

Embedded defaults (one machine): SQLite tracker store in the state folder and
the in-memory lock store. SIGNAAL_TRACKER_STORE_URL (postgresql://...) and
SIGNAAL_REDIS_URL (redis://...) switch to the scale-out stores: configuration,
not code. Rasa calls the action server with `Authorization: Bearer
${SIGNAAL_ACTION_TOKEN}`: the file names the variable, Rasa reads its value
from its environment, so no secret is written here. Stdlib only.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Mapping, Optional
from urllib.parse import unquote, urlsplit

from signaal.paths import BUILD_DIR, STATE_DIR


def tracker_store(url: Optional[str], state: Path = STATE_DIR, env: Mapping[str, str] = os.environ) -> dict:
    if not url:
        return {"type": "SQL", "dialect": "sqlite", "db": str(state / "tracker.db")}
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        # sqlite:///relative.db or sqlite:////absolute/path.db, as SQLAlchemy spells them
        return {"type": "SQL", "dialect": "sqlite", "db": unquote(parts.path[1:])}
    dialect = "postgresql" if parts.scheme.startswith("postgres") else parts.scheme
    # Rasa reads the SQL host from `url`.
    store = {"type": "SQL", "dialect": dialect, "url": parts.hostname or "127.0.0.1",
             "port": parts.port or 5432, "db": parts.path.lstrip("/") or "rasa"}
    if parts.username:
        store["username"] = unquote(parts.username)
    if parts.password:
        store["password"] = unquote(parts.password)
    store["login_db"] = env.get("SIGNAAL_TRACKER_LOGIN_DB", store["db"])
    return store


def lock_store(url: Optional[str]) -> dict:
    if not url:
        return {"type": "in_memory"}
    parts = urlsplit(url)
    store = {"type": "redis", "url": parts.hostname or "127.0.0.1", "port": parts.port or 6379,
             "db": int(parts.path.lstrip("/") or 0), "key_prefix": "signaal"}
    if parts.password:
        store["password"] = unquote(parts.password)
    return store


class EnvRef(str):
    """A value Rasa takes from its environment (written unquoted: `${NAME}`)."""


ACTION_AUTH = EnvRef("Bearer ${SIGNAAL_ACTION_TOKEN}")


def endpoints(env: Mapping[str, str] = os.environ) -> dict:
    action_url = env.get("SIGNAAL_ACTION_URL", "http://127.0.0.1:5055/webhook")
    state = Path(env.get("SIGNAAL_STATE_DIR", STATE_DIR))
    return {
        "action_endpoint": {"url": action_url, "headers": {"Authorization": ACTION_AUTH}},
        "tracker_store": tracker_store(env.get("SIGNAAL_TRACKER_STORE_URL"), state, env),
        "lock_store": lock_store(env.get("SIGNAAL_REDIS_URL")),
    }


def to_yaml(value: object, indent: int = 0) -> str:
    """Block YAML with JSON-quoted scalars (valid YAML), except EnvRef, which Rasa's
    loader only resolves in a plain (unquoted) scalar. No PyYAML needed here."""
    pad = "  " * indent
    lines = []
    for key, item in value.items():  # type: ignore[attr-defined]
        if isinstance(item, dict):
            lines.append(f"{pad}{json.dumps(key)}:")
            lines.append(to_yaml(item, indent + 1))
        elif isinstance(item, EnvRef):
            lines.append(f"{pad}{json.dumps(key)}: {item}")
        else:
            lines.append(f"{pad}{json.dumps(key)}: {json.dumps(item)}")
    return "\n".join(lines)


def write_endpoints(target: Path, env: Mapping[str, str] = os.environ) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_yaml(endpoints(env)) + "\n", encoding="utf-8")
    return target


def main() -> None:
    print(write_endpoints(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILD_DIR / "endpoints.yml"))


if __name__ == "__main__":
    main()
