"""Secrets shared by the parts: taken from the environment, otherwise generated
once into the git-ignored state folder (mode 600) and reused by every part.

New secrets are made only on a fresh state folder: when the secrets file is
gone but data it protects is still there (the intake database, the tracker
store), new keys would silently unenrol every officer and orphan
every pseudonym, so the parts refuse to start instead and say why.
"""
from __future__ import annotations

import json
import os
import threading
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

# Files in the state folder whose rows were made with the secrets (officers, pseudonyms,
# encrypted chat ids); each is created only after its process has read the secrets. The
# outbox is not one: the action server may open it first on a fresh folder.
DATA_FILES = ("intake.sqlite3", "tracker.db")


class SecretsMissing(RuntimeError):
    """The secrets file is gone while data made with its keys is still there."""


def _secrets_file() -> Path:
    return state_dir() / "secrets.json"


def _existing_data(folder: Path) -> list:
    return [name for name in DATA_FILES if (folder / name).exists()]


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` (mode 600) so a crash leaves either the old or the new file, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    # The rename itself is durable only once the folder is synced.
    folder = os.open(str(path.parent), os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


_creating = threading.Lock()  # threads of one process (two outbox senders) create the file once


def _load_or_create() -> Dict[str, str]:
    with _creating:
        return _load_or_create_unlocked()


def _load_or_create_unlocked() -> Dict[str, str]:
    path = _secrets_file()
    data: Dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
    else:
        found = _existing_data(path.parent)
        if found:
            raise SecretsMissing(
                f"{path} ontbreekt, maar er zijn gegevens ({', '.join(found)}) die met de sleutels daaruit zijn "
                "gemaakt. Zet het bestand terug uit de back-up (of zet de SIGNAAL_*-geheimen in de omgeving); "
                "nieuwe sleutels zouden elke agent afmelden. "
                f"/ {path} is missing while data made with its keys exists ({', '.join(found)}). Restore it from "
                "the backup (or set the SIGNAAL_* secrets in the environment); new keys would unenrol every officer."
            )
    missing = [key for key in _KNOWN.values() if key not in data]
    if missing:
        for key in missing:
            data[key] = _random.token_urlsafe(48)  # 64 characters (Django wants 50+)
        write_atomically(path, json.dumps(data))
    return data


def get_secret(env_name: str) -> str:
    """The secret named `env_name`: the environment wins over the state file."""
    if env_name not in _KNOWN:
        raise KeyError(f"unknown secret {env_name}")
    value = os.environ.get(env_name)
    if value:
        return value
    return _load_or_create()[_KNOWN[env_name]]
