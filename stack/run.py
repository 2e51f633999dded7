"""`make run` (`python -m stack.run`): start every part of Signaal on 127.0.0.1 and stop them all together."""
from __future__ import annotations

import os
import signal
import sys
import time

from signaal.paths import state_dir
from signaal.secrets import get_secret
from signaal.web_chat_model import describe
from stack.layout import Ports, parts
from stack.processes import Stack


def main() -> int:
    ports = Ports.from_env()
    state = state_dir()
    with_bot = bool(os.environ.get("TELEGRAM_BOT_TOKEN"))
    stack = Stack(parts(ports, state, get_secret("SIGNAAL_RASA_TOKEN"), with_bot), state / "logs")

    stopping = {"now": False}

    def stop(signum, frame):  # noqa: ANN001
        stopping["now"] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print("==> starting Signaal (logs in var/logs/)", flush=True)
    stack.start()
    try:
        ready = stack.wait_ready()
        for part in stack.parts:
            print(f"    {part.name:8s} ready after {ready.get(part.name, 0):5.1f} s  {part.where}", flush=True)
        if not with_bot:
            print(f"==> no TELEGRAM_BOT_TOKEN: officers chat at http://127.0.0.1:{ports.web}/chat", flush=True)
        print(f"==> {describe(os.environ)}", flush=True)
        print("==> Signaal is running; Ctrl-C stops everything.", flush=True)
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


if __name__ == "__main__":
    sys.exit(main())
