"""Start the real bot (`manage.py runbot`, as in production) against the fakes, in a temporary state.

Importable by other tests: `SignaalBotProcess` runs the bot as a subprocess
with `TELEGRAM_API_BASE_URL` pointing at a `FakeTelegram`, its own state
folder and SQLite database, and `manage(...)` runs the intake's management
commands against that same database.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Optional

from tests.support.fake_rasa import TEST_RASA_TOKEN

ROOT = Path(__file__).resolve().parents[2]  # the repository root
INTAKE = ROOT / "intake"
WEB_PYTHON = ROOT / ".venv" / "web" / "bin" / "python"
TEST_PSEUDONYM_KEY = "test-pseudonym-key-not-secret"
SUPERVISOR_CHAT_ID = -100777


def pseudonym_of(telegram_user_id: int) -> str:
    """The pseudonym the bot gives this Telegram user under the test key."""
    from signaal.pseudonym import pseudonymise

    return pseudonymise("telegram", str(telegram_user_id), TEST_PSEUDONYM_KEY)


def python() -> str:
    return str(WEB_PYTHON) if WEB_PYTHON.exists() else sys.executable


def state_env(state_dir: Path) -> Dict[str, str]:
    """Environment for a throwaway Signaal state: nothing touches var/ or real secrets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIGNAAL_", "TELEGRAM_"))}
    env.update(
        SIGNAAL_STATE_DIR=str(state_dir),
        SIGNAAL_DATABASE_URL=f"sqlite:///{state_dir}/intake.sqlite3",
        SIGNAAL_PSEUDONYM_KEY=TEST_PSEUDONYM_KEY,
        SIGNAAL_RASA_TOKEN=TEST_RASA_TOKEN,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env: Dict[str, str], *args: str, timeout: float = 60) -> str:
    """Run `manage.py <args>` in the intake folder; its stdout."""
    result = subprocess.run(
        [python(), "manage.py", *args], cwd=INTAKE, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def new_enrolment_code(env: Dict[str, str]) -> str:
    return manage(env, "enrolment_code").strip().splitlines()[-1]


def django_shell(env: Dict[str, str], code: str) -> str:
    return manage(env, "shell", "-c", code)


class SignaalBotProcess:
    """`manage.py runbot`, logging to a file in the state folder."""

    def __init__(self, env: Dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> "SignaalBotProcess":
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [python(), str(INTAKE / "manage.py"), "runbot"], cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def assert_running(self) -> None:
        if self.process is None or self.process.poll() is not None:
            raise AssertionError("the bot stopped:\n" + self.log()[-4000:])


def wait_for(condition, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
