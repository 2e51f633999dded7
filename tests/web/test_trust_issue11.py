"""Issue 11 (web side): audit of access changes, no self-promotion, encrypted chat ids,
secrets handling, HTTPS headers, no-store and one 404."""
import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from intake.accounts.models import Account, ApiToken
from intake.audit.models import AuditEvent
from intake.config.https import https_settings
from intake.officers.models import Officer
from intake.officers.services import create_enrolment_code, officer_for_chat, redeem, revoke
from tests.support.signals import create_account, make_exercise, signed_post

pytestmark = pytest.mark.django_db


def _admin_client(client):
    user, password, _ = create_account("admin", "beheer")
    client.force_login(user)
    return user


def _change_form(client, user):
    """The admin's change form for `user` as the browser would post it back."""
    return {
        "username": user.username, "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on", "is_superuser": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        "account-TOTAL_FORMS": "1", "account-INITIAL_FORMS": "1", "account-MIN_NUM_FORMS": "0",
        "account-MAX_NUM_FORMS": "1", "account-0-id": str(user.account.pk), "account-0-user": str(user.pk),
        "account-0-role": "supervisor", "_save": "Save",
    }


def test_an_admin_cannot_raise_their_own_role_through_the_admin(client):
    me = _admin_client(client)
    response = client.post(f"/admin/auth/user/{me.pk}/change/", _change_form(client, me))
    assert response.status_code in (200, 302)
    assert Account.objects.get(user=me).role == "admin"
    assert not AuditEvent.objects.filter(action="account.role_changed", details__username="beheer",
                                         details__to="supervisor").exists()


def test_a_role_change_by_another_admin_is_audited(client):
    _admin_client(client)
    other, _, _ = create_account("trainer", "trudy")
    form = _change_form(client, other)
    form.pop("is_staff"), form.pop("is_superuser")
    response = client.post(f"/admin/auth/user/{other.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Account.objects.get(user=other).role == "supervisor"
    event = AuditEvent.objects.get(action="account.role_changed", details__username="trudy", details__to="supervisor")
    assert event.actor == "beheer" and event.details["from"] == "trainer"


def test_token_issue_and_revocation_are_audited_from_command_and_admin(client):
    _, _, _ = create_account("supervisor", "sanne")
    create_account("supervisor", "sanne")  # renewing revokes the first token
    assert AuditEvent.objects.filter(action="token.issued", details__username="sanne").count() == 2
    assert AuditEvent.objects.filter(action="token.revoked", details__username="sanne").count() == 1
    _admin_client(client)
    token = ApiToken.objects.get(account__user__username="sanne", revoked_at__isnull=True)
    client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="token.revoked", details__prefix=token.prefix, actor="beheer").exists()


def test_enrolment_and_officer_revocation_are_audited(client):
    code = create_enrolment_code()
    assert redeem(code, "tg-officer-audit", 424242)
    assert AuditEvent.objects.filter(action="enrolment.code_created").exists()
    assert AuditEvent.objects.filter(action="officer.enrolled", details__pseudonym="tg-officer-audit").exists()
    assert revoke("tg-officer-audit")
    assert AuditEvent.objects.filter(action="officer.revoked", details__pseudonym="tg-officer-audit").exists()
    redeem(create_enrolment_code(), "tg-officer-audit", 424242)
    _admin_client(client)
    officer = Officer.objects.get(pseudonym="tg-officer-audit")
    client.post("/admin/officers/officer/", {"action": "revoke_officers", "_selected_action": [officer.pk]})
    assert AuditEvent.objects.filter(action="officer.revoked", details__pseudonym="tg-officer-audit",
                                     actor="beheer").exists()


def test_chat_ids_are_encrypted_at_rest_found_by_hash_and_not_in_the_admin(client):
    from django.db import connection

    assert redeem(create_enrolment_code(), "tg-secret-chat", 987654321)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM officers_officer WHERE pseudonym = %s", ["tg-secret-chat"])
        row = cursor.fetchone()
    assert not any("987654321" in str(value) for value in row)
    officer = Officer.objects.get(pseudonym="tg-secret-chat")
    assert officer.telegram_chat_id == 987654321
    assert officer_for_chat(987654321).pseudonym == "tg-secret-chat" and officer_for_chat(1) is None
    _admin_client(client)
    page = client.get(f"/admin/officers/officer/{officer.pk}/change/").content.decode()
    listing = client.get("/admin/officers/officer/").content.decode()
    for html in (page, listing):
        assert "987654321" not in html and officer.telegram_chat_id_encrypted[:20] not in html
        assert "telegram_chat_id" not in html


def test_the_data_migration_encrypts_existing_rows(transactional_db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("officers", "0001_initial")])
    old_apps = executor.loader.project_state([("officers", "0001_initial")]).apps
    OldOfficer = old_apps.get_model("officers", "Officer")
    OldOfficer.objects.create(pseudonym="tg-before-migration", telegram_chat_id=555000111)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    officer = Officer.objects.get(pseudonym="tg-before-migration")
    assert officer.telegram_chat_id == 555000111 and "555000111" not in officer.telegram_chat_id_encrypted


def test_https_settings_turn_on_hsts_and_secure_cookies(client):
    assert https_settings({}) == {}
    on = https_settings({"SIGNAAL_HTTPS": "1"})
    assert on["SESSION_COOKIE_SECURE"] and on["CSRF_COOKIE_SECURE"] and on["SECURE_HSTS_SECONDS"] >= 31536000
    with override_settings(**on):
        response = client.get("/login/", HTTP_X_FORWARDED_PROTO="https")
        assert "max-age=" in response["Strict-Transport-Security"]
        assert response.cookies["csrftoken"]["secure"]


def test_signal_pages_and_api_are_no_store(client):
    signed_post(client, make_exercise())
    _, _, token = create_account("trainer", "tina")
    api = client.get("/api/signals?mode=exercise", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200 and api["Cache-Control"] == "no-store"
    assert client.get("/login/")["Cache-Control"] == "no-store"
    assert client.get("/review/")["Cache-Control"] == "no-store"


def _run_secrets(state_dir, code="from signaal.secrets import get_secret; print(get_secret('SIGNAAL_RASA_TOKEN'))"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGNAAL_")}
    env["SIGNAAL_STATE_DIR"] = str(state_dir)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def test_secrets_are_made_once_atomically_and_never_remade_over_existing_data(tmp_path):
    first = _run_secrets(tmp_path)
    assert first.returncode == 0 and (tmp_path / "secrets.json").stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob("*.tmp"))
    assert _run_secrets(tmp_path).stdout == first.stdout
    (tmp_path / "intake.sqlite3").write_bytes(b"data")
    (tmp_path / "secrets.json").unlink()
    refused = _run_secrets(tmp_path)
    assert refused.returncode != 0 and "SecretsMissing" in refused.stderr and "secrets.json" in refused.stderr
    assert not (tmp_path / "secrets.json").exists()
