"""A private redis-server on a port of its own (stdlib only), for the Redis-restart fault.

The shared Redis on 6379 belongs to the machine (other developers, CI): it is
never restarted. This one keeps nothing on disk (`--save '' --appendonly no`),
so a restart loses every lock it held: exactly the fault under test.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from stack.processes import Part


def redis_part(port: int, directory: Path, name: str = "redis") -> Part:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    directory.mkdir(parents=True, exist_ok=True)
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
               "--dir", str(directory), "--protected-mode", "yes"]
    return Part(name, command, None, f"redis://127.0.0.1:{port}/0")


def ping(port: int, timeout: float = 1.0) -> bool:
    """True when a Redis answers PING on 127.0.0.1:port (a raw RESP call, no client library)."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
            conn.sendall(b"*1\r\n$4\r\nPING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False
