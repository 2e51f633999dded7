"""Simulated officers running whole checks through nginx while a fault happens.

Each officer is a thread: free-text opening (the first check) or /report_signal
(the next ones), answers until the summary, forward. A failed call (502 from
nginx, a reset connection, a 503 while Redis is away) is counted and the
officer goes on like a person would: it looks at where the check stands (the
tracker's requested_slot) and answers that. A signal is *confirmed* when the
officer got the answer to /forward_signal.
"""
from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import httpx

from stack.officer import FORWARD, OPENINGS, next_answer, payloads


@dataclass
class Confirmed:
    officer: str
    signal_id: str
    at: float


@dataclass
class Load:
    scale: object
    officers: int
    checks_each: int = 2
    pause: float = 0.0
    confirmed: List[Confirmed] = field(default_factory=list)
    errors: int = 0
    in_check: Dict[str, bool] = field(default_factory=dict)
    forwarding: Dict[str, bool] = field(default_factory=dict)
    failures: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.names = ["web-scale" + uuid.uuid4().hex[:20] for _ in range(self.officers)]
        self.threads = [threading.Thread(target=self._officer, args=(name, n), daemon=True)
                        for n, name in enumerate(self.names)]

    # -- calls that survive a fault ----------------------------------------------------------------
    def _say(self, sender: str, message: str) -> Optional[list]:
        try:
            response = self.scale.say(sender, message)
            # 503 (or, from a plain REST channel, 200 with no messages): Rasa could not handle it, e.g. no lock.
            if response.status_code == 200 and response.json():
                return response.json()
        except httpx.HTTPError:
            pass
        with self.lock:
            self.errors += 1
        time.sleep(1)
        return None

    def _slots(self, sender: str) -> dict:
        for _ in range(120):
            try:
                return self.scale.slots(sender)
            except httpx.HTTPError:
                with self.lock:
                    self.errors += 1
                time.sleep(1)
        raise AssertionError(f"tracker of {sender} unreadable for 2 minutes")

    def _officer(self, sender: str, n: int) -> None:
        try:
            for check in range(self.checks_each):
                if self.stop.is_set():
                    return
                self.in_check[sender] = True
                opening = OPENINGS[n % len(OPENINGS)] if check == 0 else "/report_signal"
                before = self._slots(sender).get("signal_id")
                for _ in range(30):  # a check has started once it has a signal id of its own
                    replies = self._say(sender, opening)
                    if replies is not None or self._slots(sender).get("signal_id") not in (None, before):
                        break
                self._answer(sender, replies)
                self.forwarding[sender] = True
                signal_id = self._slots(sender).get("signal_id")
                for _ in range(60):
                    replies = self._say(sender, FORWARD)
                    if replies is not None and self._slots(sender).get("signal_reference"):
                        break
                else:
                    raise AssertionError(f"{sender}: forwarding never confirmed")
                with self.lock:
                    self.confirmed.append(Confirmed(sender, signal_id, time.time()))
                self.forwarding[sender] = False
                self.in_check[sender] = False
        except Exception as error:  # noqa: BLE001 (reported by the test)
            self.failures.append(f"{sender}: {error!r}")
        finally:
            self.in_check[sender] = False
            self.forwarding[sender] = False

    def _answer(self, sender: str, replies: Optional[list]) -> None:
        """Answer until the summary (the opening was sent): from the buttons, else from the tracker."""
        if "/affirm" in payloads(replies):
            replies = self._say(sender, "/affirm")  # confirm what the opening described
        for _ in range(80):
            if self.pause:
                time.sleep(self.pause)
            slots = self._slots(sender) if replies is None else None
            if slots is not None and slots.get("pending_indicators") and not slots.get("requested_slot"):
                replies = self._say(sender, "/affirm")  # the confirmation was lost with a server
                continue
            answer = next_answer(replies, lambda: slots if slots is not None else self._slots(sender))
            if answer is None:
                return
            replies = self._say(sender, answer)
        raise AssertionError(f"{sender}: no summary after 80 turns")

    # -- the test's side ---------------------------------------------------------------------------
    def start(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def running(self) -> int:
        return sum(1 for busy in self.in_check.values() if busy)

    def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.1, deadline - time.monotonic()))
        self.stop.set()
        alive = [t for t in self.threads if t.is_alive()]
        assert not alive, f"{len(alive)} officers still busy after {timeout}s"
        assert not self.failures, self.failures

    def wait_until(self, condition, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "load did not reach the point of the fault"
            assert not self.failures, self.failures
            time.sleep(0.2)

    def ids(self) -> List[str]:
        return [c.signal_id for c in self.confirmed]
