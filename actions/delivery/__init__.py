"""Where a signal is sent: made in signaal.signal_builder, kept here, delivered to the intake.

- `forward`: keep a signal in the outbox, then try to deliver it at once;
- `outbox`: the durable outbox (SQLite by default), written before the officer is answered;
- `sender`: delivery attempts and the background sender that retries with backoff;
- `intake_client`: the signed HTTP calls to the intake point.
"""
