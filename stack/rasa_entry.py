"""`python -m stack.rasa_entry run ...` (in .venv/rasa): Rasa's own CLI, with its API token
taken from the environment (SIGNAAL_RASA_TOKEN) rather than the command line, where
`ps` would show it to every user of the machine.

Before Rasa starts, `rasa_runtime` applies the measured speed-ups (SIGNAAL_RASA_SPEEDUPS=off
to compare), the tracker store cache (SIGNAAL_TRACKER_CACHE=off), connections to the action
server kept open (SIGNAAL_RASA_KEEPALIVE=off), the loaded model frozen for the garbage
collector (SIGNAAL_RASA_GC=off) and, for `make profile` only, the timing of each
message (SIGNAAL_RASA_TIMING=<file>); docs/performance.md."""
from __future__ import annotations

import os
import sys


def main() -> None:
    serving = sys.argv[1:2] == ["run"]
    token = os.environ.get("SIGNAAL_RASA_TOKEN")
    if serving and not token:
        sys.exit("SIGNAAL_RASA_TOKEN ontbreekt / is not set: Rasa's API and officer channel need it")
    from rasa_runtime import gc_tuning, keepalive, speedups, timing, tracker_store

    speedups.apply(os.environ)  # before TensorFlow is imported
    tracker_store.install(os.environ)
    keepalive.apply(os.environ)  # replaces the session, not `request`: any order with the wrappers of it
    timing.install_from_env(os.environ)
    gc_tuning.apply(os.environ)  # the loaded model frozen for the garbage collector
    # `--auth-token=...`: a token may start with "-", which argparse would take for an option.
    # Other commands (`test core` in `make test-stories`) run with the same speed-ups as the server.
    sys.argv = ["rasa", *sys.argv[1:], *([f"--auth-token={token}"] if serving else [])]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
