"""Calls to the action server over connections kept open (SIGNAAL_RASA_KEEPALIVE=off: Rasa's own).

Rasa's `EndpointConfig.request` opens `async with self.session()`: a new aiohttp ClientSession,
hence a new connector and a new TCP connection, for every call to the action server, closed
again after the answer. Under load py-spy put `_create_connection` at about 4 % and the
connector's set-up at about 1 % of Rasa's CPU. Here `EndpointConfig.session()` hands out a
session kept per event loop (and per the endpoint's headers and basic auth, which Rasa's session
carries as its defaults), whose connector keeps its connections open between calls.

Only the session's creation is replaced: Rasa's `request` runs as it is (its headers, token
parameter, timeout, ClientResponseError on a status >= 400, JSON or None as the answer), and so
do the wrappers that rasa_runtime/admission.py and timing.py put around it, in whatever order
they are installed. docs/performance.md has the figures.
"""
from __future__ import annotations

import asyncio
import os
from typing import Any, Dict, Mapping, Tuple

# Below the action server's own (Sanic's KEEP_ALIVE_TIMEOUT, 5 s): an idle connection is given
# up here before the server closes it, so a call is never sent on one the server is closing.
KEEPALIVE_SECONDS = 4.0

# Event loop -> (headers, basic auth) -> session. A session belongs to the loop it was made on.
_sessions: Dict[Any, Dict[Tuple[Any, ...], Any]] = {}


def enabled(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("SIGNAAL_RASA_KEEPALIVE", "on").strip().lower() not in ("off", "0", "false", "no")


class _Kept:
    """What `async with endpoint.session() as session` gets: the kept session, left open on exit."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(self, *exc: Any) -> None:
        return None

    def __getattr__(self, name: str) -> Any:  # used without `async with`: the session itself
        return getattr(self._session, name)


def _for_loop(loop: Any) -> Dict[Tuple[Any, ...], Any]:
    for old in [other for other in _sessions if other is not loop and other.is_closed()]:
        del _sessions[old]  # a closed loop's sessions cannot be used (nor closed) any more
    return _sessions.setdefault(loop, {})


def kept_session(endpoint: Any) -> Any:
    """The session for this endpoint on the running loop, made the first time (as Rasa makes one)."""
    import aiohttp
    from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT

    loop = asyncio.get_running_loop()
    # The same defaults as Rasa's EndpointConfig.session(): headers, basic auth, the total timeout.
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    else:
        auth = None
    headers = endpoint.headers or {}
    key = (tuple(sorted((str(k), str(v)) for k, v in headers.items())), auth)
    sessions = _for_loop(loop)
    session = sessions.get(key)
    if session is None or session.closed:
        session = aiohttp.ClientSession(
            headers=headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            # limit=0: no cap on simultaneous calls, as with Rasa's session per call.
            connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=KEEPALIVE_SECONDS),
            # A new session per call never sent a cookie back; a kept one must not start to.
            cookie_jar=aiohttp.DummyCookieJar(),
        )
        sessions[key] = session
    return session


async def close(loop: Any = None) -> None:
    """Closes the sessions kept for `loop` (the running one by default)."""
    sessions = _sessions.pop(loop or asyncio.get_running_loop(), {})
    for session in sessions.values():
        await session.close()


def apply(env: Mapping[str, str] = os.environ) -> bool:
    """Patch EndpointConfig.session (and close the sessions when Rasa's server stops); False when off."""
    if not enabled(env):
        return False
    import rasa.core.run
    from rasa.utils.endpoints import EndpointConfig

    original_session = EndpointConfig.session
    if getattr(original_session, "_signaal", False):
        return True

    def session(self):  # noqa: ANN001, ANN202
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # outside an event loop there is nothing to keep it on: Rasa's own
            return original_session(self)
        return _Kept(kept_session(self))

    original_close = rasa.core.run.close_resources

    # Rasa registers close_resources (looked up when the server is set up) for "after_server_stop",
    # on the loop its requests ran on: the kept connections are closed there, not left to the GC.
    async def close_resources(app, loop):  # noqa: ANN001, ANN202
        try:
            await original_close(app, loop)
        finally:
            await close()

    session._signaal = True  # type: ignore[attr-defined]
    close_resources._signaal = True  # type: ignore[attr-defined]
    EndpointConfig.session = session  # type: ignore[assignment]
    rasa.core.run.close_resources = close_resources
    return True
