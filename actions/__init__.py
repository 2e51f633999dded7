"""Signaal's Rasa action server (rasa-sdk 3.6, Python 3.10).

Thin adapters: the logic (checklist plan, assessment, signal, summary,
exercises) lives in the pure `signaal` package; these modules read the
tracker, call it, and answer. Importing the package starts the outbox
sender, so signals kept during an intake outage are delivered after a restart.
"""
import sys
from pathlib import Path

# The shared core lives at the repository root.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from actions.outbox_sender import start_background_sender  # noqa: E402

start_background_sender()
