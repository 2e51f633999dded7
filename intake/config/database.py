"""Turns SIGNAAL_DATABASE_URL into Django's DATABASES entry.

SQLite in the state folder by default (one machine, nothing to install);
a postgresql:// URL switches to PostgreSQL through psycopg 3.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional
from urllib.parse import parse_qsl, unquote, urlsplit


def sqlite_database(path: Path) -> Dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait
        # instead of failing halfway (reference numbers, idempotent inserts).
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }


def database_from_url(url: Optional[str], default_sqlite: Path) -> Dict[str, Any]:
    if not url:
        return sqlite_database(default_sqlite)
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        # As SQLAlchemy (and Rasa) write it: sqlite:////abs/path, sqlite:///relative/path
        return sqlite_database(Path(unquote(parts.path[1:])))
    if scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ValueError(f"SIGNAAL_DATABASE_URL: unsupported scheme {parts.scheme!r}")
