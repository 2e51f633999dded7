"""deploy/: the compose file parses, its images come from the two lock files, and every
environment variable it (or the Helm values) sets is one that the code reads."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CODE = ["signaal", "actions", "intake", "bot", "stack", "rasa_channels", "rasa_components", "rasa_runtime"]
# Read by the software we run, not by our code: Rasa (telemetry, its lock lifetime) and the postgres image.
THIRD_PARTY = {"RASA_TELEMETRY_ENABLED", "TICKET_LOCK_LIFETIME", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"}
READ = re.compile(r"""(?:environ\.get|environ\[|getenv|get_secret|env\.get|environ\.setdefault)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")


def read_by_code() -> set:
    names = set()
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            names.update(READ.findall(path.read_text(encoding="utf-8")))
    return names


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def test_the_compose_file_parses_with_every_part():
    services = compose()["services"]
    assert {"rasa", "actions", "intake", "bot", "nginx", "postgres", "redis"} <= set(services)
    assert services["rasa"]["deploy"]["replicas"] >= 2 and services["actions"]["deploy"]["replicas"] >= 2


def test_images_are_built_from_the_two_lock_files():
    services = compose()["services"]
    dockerfiles = {s["build"]["dockerfile"] for s in services.values() if "build" in s}
    assert dockerfiles == {"deploy/Dockerfile.rasa", "deploy/Dockerfile.web"}
    assert "requirements/rasa.lock" in (ROOT / "deploy/Dockerfile.rasa").read_text()
    assert "requirements/web.lock" in (ROOT / "deploy/Dockerfile.web").read_text()


def test_every_variable_compose_sets_is_read_by_the_code():
    known = read_by_code() | THIRD_PARTY
    assert "SIGNAAL_OUTBOX_LEASE_SECONDS" in known and "SIGNAAL_TRACKER_STORE_URL" in known  # the scan works
    unknown = {}
    for name, service in compose()["services"].items():
        unread = set(service.get("environment") or {}) - known
        if unread:
            unknown[name] = sorted(unread)
    assert unknown == {}


def test_every_variable_the_helm_values_set_is_read_by_the_code():
    known = read_by_code() | THIRD_PARTY
    for path in (DEPLOY / "helm").glob("*.yaml"):
        names = {item["name"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["extraEnv"]}
        assert names - known == set(), path.name


def test_the_scan_would_catch_a_variable_nobody_reads():
    assert "SIGNAAL_NOBODY_READS_THIS" not in read_by_code()
