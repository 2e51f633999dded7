"""Locust: simulated officers doing whole checks over the REST channel (run by scripts/bench_load.py).

Each task is one check by a new officer conversation: a free-text opening,
confirming what was recognised, button answers to every question until the
summary, then forwarding. Every message is one request named "message"; the
tracker reads the driver sometimes needs are named "tracker (driver)"; a whole
check is reported as "whole check" (its time from opening to forwarded).
Needs SIGNAAL_RASA_TOKEN (the REST channel refuses calls without it).
BENCH_THINK_MIN/MAX: an officer's pause between messages (seconds, 1..3).
"""
from __future__ import annotations

import os
import time
import uuid

from locust import HttpUser, between, task

# stack.officer is stdlib only; the project is installed editable in .venv/bench too (make bench-load).
from stack.officer import FORWARD, OPENINGS, run_check

TOKEN = os.environ["SIGNAAL_RASA_TOKEN"]
THINK = (float(os.environ.get("BENCH_THINK_MIN", "1")), float(os.environ.get("BENCH_THINK_MAX", "3")))


class Officer(HttpUser):
    wait_time = between(*THINK)

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Bearer {TOKEN}"}

    def _say(self, sender: str, message: str):
        with self.client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message},
                              headers=self.headers, name="message", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            time.sleep(self.wait_time())  # the officer reads and taps
            return response.json()

    def _slots(self, sender: str) -> dict:
        response = self.client.get(f"/conversations/{sender}/tracker", params={"token": TOKEN},
                                   name="tracker (driver)")
        return response.json().get("slots", {}) if response.status_code == 200 else {}

    @task
    def whole_check(self) -> None:
        sender = "web-load" + uuid.uuid4().hex[:20]
        started = time.perf_counter()
        error = None
        try:
            run_check(lambda m: self._say(sender, m), lambda: self._slots(sender),
                      opening=OPENINGS[hash(sender) % len(OPENINGS)])
            if self._say(sender, FORWARD) is None:
                error = RuntimeError("forward failed")
        except Exception as failure:  # noqa: BLE001 (counted as a failed check)
            error = failure
        self.environment.events.request.fire(request_type="CHECK", name="whole check",
                                              response_time=(time.perf_counter() - started) * 1000,
                                              response_length=0, exception=error, context={})
