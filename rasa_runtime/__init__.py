"""Runtime additions to Rasa's own server, applied by `stack.rasa_entry` (Python 3.10 side only):
`speedups` (measured patches, SIGNAAL_RASA_SPEEDUPS=off to compare) and `tracker_store`
(a cache in front of the configured tracker store, SIGNAAL_TRACKER_CACHE=off). See docs/performance.md."""
