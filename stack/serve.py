"""Run a started-to-be Stack in the foreground until Ctrl-C (make run, make run-scale): one loop for both."""
from __future__ import annotations

import signal
import sys
import time
from typing import Iterable

from stack.processes import Stack


def serve(stack: Stack, starting: str, ready_lines: Iterable[str], ready_timeout: float = 300) -> int:
    """Start every part, print where each is, watch them; 0 after Ctrl-C/SIGTERM, 1 when a part dies or never starts."""
    stopping = {"now": False}
    signal.signal(signal.SIGINT, lambda *_: stopping.update(now=True))
    signal.signal(signal.SIGTERM, lambda *_: stopping.update(now=True))
    print(f"==> {starting}", flush=True)
    stack.start()
    try:
        ready = stack.wait_ready(timeout=ready_timeout)
        width = max(len(part.name) for part in stack.parts)
        for part in stack.parts:
            print(f"    {part.name:{width}s} ready after {ready.get(part.name, 0):5.1f} s  {part.where}", flush=True)
        for line in ready_lines:
            print(f"==> {line}", flush=True)
        while not stopping["now"]:
            dead = stack.dead()
            if dead:
                print(f"!!  {dead[0].name} stopped unexpectedly; see {dead[0].log_path}", file=sys.stderr)
                return 1
            time.sleep(1)
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"!!  {error}", file=sys.stderr)
        return 1
    finally:
        print("==> stopping all parts", flush=True)
        stack.stop()
