"""Benchmark: the latency the bot adds per message, Telegram update in to reply out.

Runs the real bot (`manage.py runbot`) against the fake Bot API and a fake Rasa
that answers at once, in a throwaway state folder, sends messages one after
another as one enrolled officer, and prints the median and 95th percentile of
(reply seen by the fake API) − (update offered to the bot).

    make bench-relay   (.venv/web/bin/python -m scripts.bench_relay [--messages 200] [--pause 0.1])
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from signaal.pseudonym import pseudonymise
from tests.support.bot_process import TEST_PSEUDONYM_KEY, SignaalBotProcess, manage, new_enrolment_code, state_env
from tests.support.fake_rasa import FakeRasa
from tests.support.fake_telegram import FakeTelegram

OFFICER = 31337


def percentile(values, fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run(messages: int, pause: float, warmup: int = 10) -> None:
    with tempfile.TemporaryDirectory(prefix="signaal-bench-") as state, FakeTelegram() as telegram, FakeRasa() as rasa:
        env = state_env(Path(state))
        manage(env, "migrate", "--noinput", "-v0")
        env.update(TELEGRAM_BOT_TOKEN=telegram.token, TELEGRAM_API_BASE_URL=telegram.base_url,
                   SIGNAAL_RASA_URL=rasa.url, SIGNAAL_ACTION_SERVER_URL=rasa.url)
        bot = SignaalBotProcess(env, Path(state) / "bot.log").start()
        try:
            telegram.wait_until(lambda: telegram.calls_of("getUpdates"), timeout=60, what="the bot")
            telegram.send_command(OFFICER, "start", new_enrolment_code(env))
            rasa.wait_for_messages(pseudonymise("telegram", str(OFFICER), TEST_PSEUDONYM_KEY), 1)
            seen = len(telegram.wait_for_bot_messages(OFFICER, 2))
            latencies = []
            for n in range(warmup + messages):
                started = time.perf_counter()
                telegram.send_text(OFFICER, f"bericht {n}")
                telegram.wait_for_bot_messages(OFFICER, seen + 1, timeout=30)
                elapsed = time.perf_counter() - started
                seen += 1
                if n >= warmup:
                    latencies.append(elapsed * 1000)
                time.sleep(pause)
        finally:
            bot.stop()
    print(f"relay latency over {messages} messages, {pause * 1000:.0f} ms apart (fake Bot API, instant fake Rasa):")
    print(f"  median {statistics.median(latencies):.1f} ms")
    print(f"  p95    {percentile(latencies, 0.95):.1f} ms")
    print(f"  max    {max(latencies):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    # Telegram allows about 30 messages a second per bot (AIORateLimiter
    # enforces it); a pause keeps the benchmark about latency, not that limit.
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between messages")
    arguments = parser.parse_args()
    run(arguments.messages, arguments.pause)


if __name__ == "__main__":
    main()
