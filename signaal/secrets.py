"""Secrets shared by the parts: taken from the environment, otherwise generated
once into the git-ignored state folder (mode 600) and reused by every part."""
from __future__ import annotations

import json
import os
import secrets as _random
from pathlib import Path
from typing import Dict

from signaal.paths import state_dir

# name in the environment -> key in var/secrets.json
_KNOWN = {
    "SIGNAAL_INTAKE_SECRET": "intake_secret",
    "SIGNAAL_RASA_TOKEN": "rasa_token",
    "SIGNAAL_ACTION_TOKEN": "action_token",
    "SIGNAAL_PSEUDONYM_KEY": "pseudonym_key",
    "SIGNAAL_DJANGO_SECRET_KEY": "django_secret_key",
}


def _secrets_file() -> Path:
    return state_dir() / "secrets.json"


def _load_or_create() -> Dict[str, str]:
    path = _secrets_file()
    data: Dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
    missing = [key for key in _KNOWN.values() if key not in data]
    if missing:
        for key in missing:
            data[key] = _random.token_urlsafe(48)  # 64 characters (Django wants 50+)
        tmp = path.with_suffix(".tmp")
        fd = os.open(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, path)
    return data


def get_secret(env_name: str) -> str:
    """The secret named `env_name`: the environment wins over the state file."""
    if env_name not in _KNOWN:
        raise KeyError(f"unknown secret {env_name}")
    value = os.environ.get(env_name)
    if value:
        return value
    return _load_or_create()[_KNOWN[env_name]]
