"""Rasa finishes the messages it has begun before it begins new ones (SIGNAAL_RASA_CONCURRENCY).

Rasa works on every message that arrives, interleaved on one event loop: a message whose
turn calls the action server (form validation, the summary, forwarding) waits for the
answer, and then waits again behind the NLU and policy work of every message that arrived
meanwhile. Under load such a turn pays the queue twice or more, which Rasa's starter bot
(no action server) never does. Here a message needs a place to be worked on (one by
default); it gives its place up while it waits for the action server, so Rasa is never idle
and a slow action (an intake that hangs) holds nobody up, and when the answer is there it
gets the next free place before any new message. A message takes a place only once it holds
its conversation's lock, so a conversation's second message never holds one idle.
`off` (or 0) lets every message in, as Rasa does. Figures: docs/performance.md.
"""
from __future__ import annotations

import asyncio
import contextvars
import os
from collections import deque
from typing import Deque, Mapping, Optional

DEFAULT = 1


class Ticket:
    """A message's claim on the pool: whether it holds a place right now."""

    def __init__(self, pool: "Places") -> None:
        self.pool, self.held = pool, False


# The ticket of the message this task works on (a context variable: each message is its own task).
_ticket: contextvars.ContextVar[Optional[Ticket]] = contextvars.ContextVar("signaal_ticket", default=None)


def concurrency(env: Mapping[str, str] = os.environ) -> Optional[int]:
    """Places for messages at once; None: no limit."""
    value = env.get("SIGNAAL_RASA_CONCURRENCY", str(DEFAULT)).strip().lower()
    if value in ("off", "0", "none", "no", "false", ""):
        return None
    places = int(value)
    if places < 1:
        raise ValueError(f"SIGNAAL_RASA_CONCURRENCY must be a number of at least 1, or off: {value!r}")
    return places


class Places:
    """A semaphore with two queues: messages coming back from a wait go before new ones."""

    def __init__(self, places: int) -> None:
        self.places = places
        self.free = places
        self._returning: Deque[asyncio.Future] = deque()
        self._new: Deque[asyncio.Future] = deque()

    async def acquire(self, returning: bool = False) -> None:
        if self.free > 0 and not self._returning and (returning or not self._new):
            self.free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        (self._returning if returning else self._new).append(waiter)
        try:
            await waiter  # release() hands the place over by setting the result
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed a place at the moment it was cancelled: pass it on
            raise

    def release(self) -> None:
        for queue in (self._returning, self._new):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self.free += 1


def install(env: Mapping[str, str] = os.environ) -> Optional[int]:
    """Patch Agent.handle_message and the action-server call; the number of places, None when off."""
    places = concurrency(env)
    if places is None:
        return None
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    if getattr(Agent.handle_message, "_signaal", False):
        return places
    original_handle, original_request = Agent.handle_message, EndpointConfig.request
    pool = Places(places)

    async def handle_message(self, message):  # noqa: ANN001, ANN202
        if not self.is_ready():
            return await original_handle(self, message)
        async with self.lock_store.lock(message.sender_id):
            ticket = Ticket(pool)
            await pool.acquire()
            ticket.held = True
            token = _ticket.set(ticket)
            try:
                return await self.processor.handle_message(message)
            finally:
                _ticket.reset(token)
                if ticket.held:
                    pool.release()

    async def request(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        ticket = _ticket.get()
        if ticket is None or not ticket.held:
            return await original_request(self, *args, **kwargs)
        ticket.held = False
        ticket.pool.release()  # nothing to compute while the other server works
        try:
            return await original_request(self, *args, **kwargs)
        finally:
            await ticket.pool.acquire(returning=True)
            ticket.held = True

    handle_message._signaal = True  # type: ignore[attr-defined]
    Agent.handle_message = handle_message  # type: ignore[assignment]
    EndpointConfig.request = request  # type: ignore[assignment]
    return places
