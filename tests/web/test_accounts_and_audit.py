"""Accounts: create_account, login with rate limit, logout; the audit log is read-only."""
import io

import pytest
from django.core.management import call_command

from intake.accounts.models import ApiToken
from intake.audit.models import AuditEvent
from tests.support.signals import create_account

pytestmark = pytest.mark.django_db


def test_create_account_prints_the_token_last_and_stores_only_hashes(db):
    out = io.StringIO()
    call_command("create_account", role="supervisor", name="anna", stdout=out)
    lines = out.getvalue().strip().splitlines()
    token = lines[-1]
    assert token.startswith("sgn_") and len(token) > 40
    stored = ApiToken.objects.get()
    assert token not in (stored.token_hash, stored.prefix) and stored.token_hash != token
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="anna")
    assert user.account.role == "supervisor" and not user.is_staff
    password = next(line for line in lines if "password" in line).rsplit(": ", 1)[1]
    assert user.password != password and user.check_password(password)


def test_admin_accounts_may_use_the_django_admin(db):
    user, _, _ = create_account("admin", "beheer")
    assert user.is_staff and user.is_superuser


def test_login_logout_and_failures_are_audited(client, supervisor):
    user, password, _ = supervisor
    assert client.post("/login/", {"username": "sup1", "password": "wrong"}).status_code == 200
    response = client.post("/login/", {"username": "sup1", "password": password})
    assert response.status_code == 302
    assert client.get("/", follow=True).request["PATH_INFO"] == "/review/"
    client.post("/logout/")
    actions = list(AuditEvent.objects.filter(action__startswith="log").order_by("id").values_list("action", flat=True))
    assert actions == ["login.failed", "login", "logout"]


def test_login_is_rate_limited_per_username(client, supervisor):
    _, password, _ = supervisor
    for _ in range(5):
        client.post("/login/", {"username": "sup1", "password": "wrong"})
    response = client.post("/login/", {"username": "sup1", "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login.blocked").exists()


def test_login_is_rate_limited_per_account_and_address(client, supervisor):
    """Failures against other accounts do not lock this one; the lockout ends with the cool-off."""
    from axes.models import AccessAttempt

    _, password, _ = supervisor
    for attempt in range(5):
        client.post("/login/", {"username": f"guess{attempt}", "password": "wrong"})
    assert client.post("/login/", {"username": "sup1", "password": password}).status_code == 302
    client.post("/logout/")
    for _ in range(5):
        client.post("/login/", {"username": "SUP1", "password": "wrong"})  # case does not dodge it
    assert client.post("/login/", {"username": "sup1", "password": password}).status_code == 429
    AccessAttempt.objects.all().delete()  # what the cool-off does after 15 minutes
    assert client.post("/login/", {"username": "sup1", "password": password}).status_code == 302


def test_login_form_needs_csrf(supervisor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/login/", {"username": "sup1", "password": supervisor[1]}).status_code == 403


def test_audit_log_is_read_only_even_for_admins(client):
    admin_user, _, _ = create_account("admin", "beheer")
    client.force_login(admin_user)
    event = AuditEvent.objects.first()
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200  # view only
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "forged"})
    client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    event.refresh_from_db()
    assert event.action != "forged"


def test_supervisors_cannot_open_the_admin(supervisor_client):
    response = supervisor_client.get("/admin/audit/auditevent/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admins_manage_accounts_and_tokens_in_the_admin(client, supervisor):
    admin_user, _, _ = create_account("admin", "beheer")
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/auth/user/", "/admin/accounts/apitoken/", f"/admin/auth/user/{supervisor[0].pk}/change/"):
        assert client.get(url).status_code == 200, url
    token = ApiToken.objects.get(account__user=supervisor[0], revoked_at__isnull=True)
    client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/signals", HTTP_AUTHORIZATION=f"Bearer {supervisor[2]}").status_code == 401
    assert client.get("/review/").status_code == 403
