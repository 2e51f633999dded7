"""A part is one process group with its log in the state folder; the stack
starts them, waits until each answers, and stops every group, so Ctrl-C or
SIGTERM leaves no orphans."""
from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Part:
    name: str
    command: List[str]
    health_url: Optional[str]
    where: str
    env: Dict[str, str] = field(default_factory=dict)
    process: Optional[subprocess.Popen] = None
    log_path: Optional[Path] = None


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (urllib.error.URLError, OSError):
        return False


class Stack:
    def __init__(self, parts: List[Part], log_dir: Path) -> None:
        self.parts = parts
        self.log_dir = log_dir

    def start(self, only: Optional[List[str]] = None) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        busy = [p.health_url for p in self.parts if (not only or p.name in only) and p.health_url
                and not (p.process and p.process.poll() is None) and answers(p.health_url)]
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
                if part.health_url is None or answers(part.health_url):
                    ready[part.name] = round(time.monotonic() - started, 1)
                    waiting.remove(part)
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"not ready after {timeout}s: {[p.name for p in waiting]}")
            time.sleep(0.5)
        return ready

    def wait_for_ted(self, timeout: float = 180) -> Optional[float]:
        """Seconds until Rasa's TED network is built (on a thread, after the server answers:
        rasa_runtime/ted_loading.py); 0 when it is built before Rasa answers (switched off)."""
        from rasa_runtime import speedups, ted_loading

        env = next(p for p in self.parts if p.name == "rasa").env
        if not (speedups.enabled(env) and ted_loading.enabled(env)):
            return 0.0
        return self.wait_for_log("rasa", ted_loading.LOADED, timeout)

    def wait_for_log(self, name: str, text: str, timeout: float = 180) -> Optional[float]:
        """Seconds until part `name`'s log shows `text`; None if it did not within `timeout`."""
        part = next(p for p in self.parts if p.name == name)
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if part.log_path and part.log_path.exists() and text in part.log_path.read_text(errors="replace"):
                return round(time.monotonic() - started, 1)
            time.sleep(0.5)
        return None

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
