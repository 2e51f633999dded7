"""Signaal's Rasa action server (rasa-sdk 3.6, Python 3.10).

Thin adapters: the logic (checklist plan, assessment, signal, summary,
exercises) lives in the pure `signaal` package; these modules read the
tracker, call it, and answer. Where a signal is sent lives in
`actions.delivery`. The server itself (`python -m actions.server`) starts
the outbox sender, so signals kept during an intake outage are delivered
after a restart; importing the package starts nothing.
"""
