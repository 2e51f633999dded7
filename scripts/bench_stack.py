"""Start the stack once and print start-to-ready times and idle resident memory.

Run with the web environment's Python after `make train`:
    .venv/web/bin/python scripts/bench_stack.py
Uses its own ports and a temporary state folder.
"""
from __future__ import annotations

import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stack import Ports, Stack, parts  # noqa: E402


def rss_mib(pid: int) -> float:
    """Resident memory of a process group's leader and its children (MiB)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        pgid_file = status.parent / "stat"
        try:
            pgid = int(pgid_file.read_text().rsplit(")", 1)[1].split()[2])
        except (OSError, IndexError, ValueError):
            continue
        if pgid == pid and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0])
    return total / 1024


def main() -> None:
    state = Path(tempfile.mkdtemp(prefix="signaal-bench-"))
    stack = Stack(parts(Ports(35005, 35055, 38000), state, secrets.token_urlsafe(16), with_bot=False), state / "logs")
    started = time.monotonic()
    stack.start()
    try:
        ready = stack.wait_ready(timeout=600)
        print(f"all parts ready after {time.monotonic() - started:.1f} s")
        for name, seconds in ready.items():
            print(f"  {name:8s} ready after {seconds:6.1f} s")
        time.sleep(10)  # idle
        for part in stack.parts:
            print(f"  {part.name:8s} idle RSS {rss_mib(part.process.pid):7.1f} MiB")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
