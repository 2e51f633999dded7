"""Signaal's Rasa action server (rasa-sdk 3.6, Python 3.10).

Thin adapters: the logic (checklist plan, assessment, signal, summary,
exercises) lives in the pure `signaal` package; these modules read the
tracker, call it, and answer. Where a signal is sent lives in
`actions.delivery`. Importing the package starts the outbox sender, so
signals kept during an intake outage are delivered after a restart.
"""
from actions.delivery.sender import start_background_sender

start_background_sender()

# The checklist's order reads the catalogue's voices once; do it now, not in an officer's first turn.
from signaal.checklist_plan import typical  # noqa: E402

typical(None)
