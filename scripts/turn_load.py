"""Load for `make bench`: officers talking at the same time, each message waiting for its reply.

Stdlib only (threads + urllib), so the same code drives Signaal and Rasa's starter bot.
A *script* says what an officer sends next, given the replies so far; the driver times
each POST to Rasa's REST channel. Figures are printed, never asserted.
"""
from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

# replies so far -> the next message, or None when the conversation is over
Script = Callable[[int, list], Optional[str]]


@dataclass
class Result:
    latencies_ms: List[float] = field(default_factory=list)
    by_turn: Dict[int, List[float]] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0
    conversations: int = 0
    conversation_ms: List[float] = field(default_factory=list)

    def add(self, other: "Result") -> None:
        self.latencies_ms += other.latencies_ms
        self.errors += other.errors
        self.seconds += other.seconds
        self.conversations += other.conversations
        self.conversation_ms += other.conversation_ms
        for turn, values in other.by_turn.items():
            self.by_turn.setdefault(turn, []).extend(values)

    def row(self) -> Dict[str, float]:
        values = self.latencies_ms or [float("nan")]
        return {"p50": percentile(values, 0.50), "p95": percentile(values, 0.95), "p99": percentile(values, 0.99),
                "throughput": len(self.latencies_ms) / self.seconds if self.seconds else float("nan"),
                "n": len(self.latencies_ms), "errors": self.errors}


def percentile(values: List[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def post(url: str, token: Optional[str], sender: str, message: str) -> list:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, json.dumps({"sender": sender, "message": message}).encode(), headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def converse(url: str, token: Optional[str], sender: str, script: Script, result: Result, lock: threading.Lock) -> None:
    replies: list = []
    turn = 0
    started_conversation = time.perf_counter()
    while True:
        message = script(turn, replies)
        if message is None:
            break
        started = time.perf_counter()
        try:
            replies = post(url, token, sender, message)
        except Exception:  # noqa: BLE001 (counted, the load goes on)
            with lock:
                result.errors += 1
            break
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            result.latencies_ms.append(elapsed)
            result.by_turn.setdefault(turn + 1, []).append(elapsed)
        turn += 1
    with lock:
        result.conversations += 1
        result.conversation_ms.append((time.perf_counter() - started_conversation) * 1000)


def load(url: str, token: Optional[str], prefix: str, script_for: Callable[[], Script], officers: int,
         conversations_each: int) -> Result:
    """`officers` threads at once, each running `conversations_each` conversations one after another."""
    result, lock = Result(), threading.Lock()

    def officer(n: int) -> None:
        for c in range(conversations_each):
            converse(url, token, f"{prefix}{n:03d}x{c:02d}{int(time.time() * 1000) % 10**8:08d}", script_for(), result,
                     lock)

    threads = [threading.Thread(target=officer, args=(n,), daemon=True) for n in range(officers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def fixed(messages: List[str]) -> Callable[[], Script]:
    return lambda: (lambda turn, replies: messages[turn] if turn < len(messages) else None)


def median_of(values: List[float]) -> float:
    return statistics.median(values) if values else float("nan")
