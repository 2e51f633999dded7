"""`make run` (`python -m stack.run`): start every part of Signaal on 127.0.0.1 and stop them all together."""
from __future__ import annotations

import os
import sys

from signaal.paths import state_dir
from signaal.secrets import get_secret
from signaal.web_chat_model import describe
from stack.layout import Ports, parts
from stack.processes import Stack
from stack.serve import serve


def main() -> int:
    ports = Ports.from_env()
    state = state_dir()
    with_bot = bool(os.environ.get("TELEGRAM_BOT_TOKEN"))
    stack = Stack(parts(ports, state, get_secret("SIGNAAL_RASA_TOKEN"), with_bot), state / "logs")

    lines = [] if with_bot else [f"no TELEGRAM_BOT_TOKEN: officers chat at http://127.0.0.1:{ports.web}/chat"]
    lines += [describe(os.environ), "Signaal is running; Ctrl-C stops everything."]
    return serve(stack, "starting Signaal (logs in var/logs/)", lines)


if __name__ == "__main__":
    sys.exit(main())
