"""Issue 11: every login is throttled (the admin's too), by account and real client address."""
import pytest
from django.test import override_settings

from intake.accounts.client_address import parse_networks, resolve
from intake.audit.models import AuditEvent
from tests.support.signals import create_account

pytestmark = pytest.mark.django_db
PROXY = parse_networks("127.0.0.1")


def _fail(client, url, username, times, **meta):
    for _ in range(times):
        client.post(url, {"username": username, "password": "wrong-password"}, **meta)


def test_the_admin_login_is_throttled(client):
    _, password, _ = create_account("admin", "beheer")
    _fail(client, "/admin/login/", "beheer", 5)
    response = client.post("/admin/login/", {"username": "beheer", "password": password, "next": "/admin/"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login.blocked", details__username="beheer").exists()


def test_four_failures_still_let_the_right_password_in(client):
    _, password, _ = create_account("trainer", "tina")
    _fail(client, "/login/", "tina", 4)
    assert client.post("/login/", {"username": "tina", "password": password}).status_code == 302


def test_one_address_behind_a_trusted_proxy_does_not_lock_out_its_colleagues(client, supervisor):
    _, password, _ = supervisor
    with override_settings(SIGNAAL_TRUSTED_PROXIES=PROXY):
        _fail(client, "/login/", "sup1", 5, HTTP_X_FORWARDED_FOR="203.0.113.5")
        attacker = client.post("/login/", {"username": "sup1", "password": password}, HTTP_X_FORWARDED_FOR="203.0.113.5")
        colleague = client.post("/login/", {"username": "sup1", "password": password},
                                HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert attacker.status_code == 429 and colleague.status_code == 302
    assert AuditEvent.objects.filter(action="login.blocked", details__ip="203.0.113.5").exists()


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(client, supervisor):
    """Rotating X-Forwarded-For does not dodge the lockout when no proxy is trusted."""
    _, password, _ = supervisor
    for n in range(5):
        client.post("/login/", {"username": "sup1", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    again = client.post("/login/", {"username": "sup1", "password": password}, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert again.status_code == 429


def test_resolve_takes_the_first_untrusted_hop_from_the_right():
    nets = parse_networks("10.0.0.0/8,127.0.0.1")
    assert resolve("127.0.0.1", "198.51.100.7, 10.1.2.3", nets) == "198.51.100.7"
    assert resolve("127.0.0.1", "6.6.6.6, 198.51.100.7", nets) == "198.51.100.7"  # a spoofed left entry is not believed
    assert resolve("203.0.113.9", "198.51.100.7", nets) == "203.0.113.9"
    assert resolve("127.0.0.1", "not-an-ip", nets) == "127.0.0.1"
    assert resolve("127.0.0.1", None, nets) == "127.0.0.1"
