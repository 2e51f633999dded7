"""Runtime additions to Rasa's own server, applied by `stack.rasa_entry` (Python 3.10 side only):
`speedups` (measured patches, SIGNAAL_RASA_SPEEDUPS=off to compare), `tracker_store`
(a cache in front of the configured tracker store, SIGNAAL_TRACKER_CACHE=off) and `keepalive`
(connections to the action server kept open, SIGNAAL_RASA_KEEPALIVE=off). See docs/performance.md."""
