"""Two outbox senders (threads of one action server) asking for a secret on a fresh state
folder get the same one, and neither fails on the other's temporary file."""
from __future__ import annotations

import threading

from signaal import secrets


def test_threads_creating_the_secrets_file_at_once_get_one_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNAAL_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("SIGNAAL_INTAKE_SECRET", raising=False)
    monkeypatch.setattr(secrets, "_secrets_file", lambda: tmp_path / "secrets.json")
    found, errors = [], []

    def ask():
        try:
            found.append(secrets.get_secret("SIGNAAL_INTAKE_SECRET"))
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(found) == 8 and len(set(found)) == 1
