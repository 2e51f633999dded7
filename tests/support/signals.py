"""Builders shared by the web tests: valid signals, signed posts, accounts."""
from __future__ import annotations

import json
import os
import uuid
from datetime import datetime, timezone


def make_signal(**overrides):
    """A valid live signal per contract/signal.schema.json; keyword arguments replace top-level fields."""
    signal = {
        "id": str(uuid.uuid4()),
        "created_at": datetime.now(timezone.utc).isoformat(),
        "mode": "live",
        "language": "nl",
        "reporter": {"pseudonym": "tg-aaaaaaaaaaaaaaaaaaaaaaaa", "unit": None},
        "context": {
            "exploitation_type": "labour",
            "setting": "workplace inspection",
            "minor_involved": "no",
            "persons": 3,
            "location": {"text": "Westland, kas", "lat": 52.0, "lon": 4.2},
        },
        "indicators": [
            {"id": "documents_confiscated", "answer": "yes", "source": "checklist", "evidence": None},
            {"id": "excessive_hours", "answer": "yes", "source": "free_text", "evidence": "werkt 14 uur per dag"},
            {"id": "low_or_no_pay", "answer": "no", "source": "checklist"},
        ],
        "assessment": {
            "priority": "high",
            "dimensions": {
                "deceptive_recruitment": False,
                "coercive_recruitment": False,
                "vulnerability_recruitment": False,
                "exploitation": False,
                "coercion_destination": False,
                "vulnerability_destination": False,
            },
            "ilo_likely_victim": False,
            "reasons": ["sterke indicator: paspoort ingenomen"],
        },
        "acute_danger": False,
        "notes": "Man in de kas zag er moe uit.",
    }
    signal.update(overrides)
    return signal


def make_exercise(trainee="web-trainee1", scenario_id="kas_westland", correct=5, total=8, **overrides):
    signal = make_signal(mode="exercise", reporter={"pseudonym": trainee}, **overrides)
    signal["exercise"] = {
        "scenario_id": scenario_id,
        "scenario_title": "Kas in het Westland",
        "score": {"correct": correct, "total": total},
        "found": ["documents_confiscated"],
        "missed": ["debt_bondage"],
        "wrongly_flagged": [],
    }
    return signal


def signed_post(client, payload=None, body=None, secret=None, signature=None, path="/api/signals"):
    from signaal.signing import sign

    raw = body if body is not None else json.dumps(payload).encode("utf-8")
    headers = {}
    if signature is not None:
        headers["HTTP_X_SIGNATURE"] = signature
    else:
        headers["HTTP_X_SIGNATURE"] = sign(raw, secret or os.environ["SIGNAAL_INTAKE_SECRET"])
    return client.post(path, data=raw, content_type="application/json", **headers)


def timestamped_post(client, payload=None, body=None, key=None, path="/api/signals", now=None, headers=None):
    """POST as our own forwarder does: timestamped signature over method, path, time and body."""
    from signaal.keys import BODY_SIGNING, derive_text_key
    from signaal.signing import timestamped_headers

    raw = body if body is not None else json.dumps(payload).encode("utf-8")
    signed = headers or timestamped_headers("POST", path, raw, key or derive_text_key(BODY_SIGNING), now=now)
    meta = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in signed.items()}
    return client.post("/api/signals", data=raw, content_type="application/json", **meta), signed


def create_account(role, name):
    """Runs the real create_account command; returns (user, password, token)."""
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    out = io.StringIO()
    call_command("create_account", role=role, name=name, stdout=out)
    lines = out.getvalue().strip().splitlines()
    password = next(line for line in lines if "password" in line).rsplit(": ", 1)[1]
    return get_user_model().objects.get(username=name), password, lines[-1]
