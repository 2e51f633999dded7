"""Django ORM calls from the bot's event loop.

Each call runs in Django's one sync thread (`thread_sensitive`), with stale
connections closed first so a long-running bot survives a database restart.
"""
from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable, TypeVar

from asgiref.sync import sync_to_async

T = TypeVar("T")


def database_call(function: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """Make a synchronous ORM function awaitable."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> T:
        from django.db import close_old_connections

        close_old_connections()
        return function(*args, **kwargs)

    return sync_to_async(guarded, thread_sensitive=True)
