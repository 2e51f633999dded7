"""officers.services in the intake's Django project (run in a subprocess on a temporary database)."""
from __future__ import annotations

import json
import subprocess

from tests.support.bot_process import INTAKE, ROOT, django_shell, python, state_env

_RACE = """
import json, threading
from intake.officers.services import create_enrolment_code, redeem, is_enrolled, revoke
code = create_enrolment_code()
results = []
barrier = threading.Barrier(4)
def attempt(n):
    from django.db import connection
    barrier.wait()
    results.append(redeem(code, f"tg-race-{n}", 100 + n))
    connection.close()
threads = [threading.Thread(target=attempt, args=(n,)) for n in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
winner = [f"tg-race-{n}" for n in range(4) if is_enrolled(f"tg-race-{n}")]
again = redeem(code, "tg-late", 200)
wrong = redeem("AAAA-BBBB-CCCC-DDDD", "tg-guess", 300)
short = redeem("123", "tg-guess", 300)
revoked = revoke(winner[0]) if winner else None
print(json.dumps({"code": code, "results": sorted(results), "winners": winner, "again": again,
                  "wrong": wrong, "short": short, "revoked": revoked, "still": is_enrolled(winner[0])}))
"""


def test_a_code_enrols_exactly_one_of_simultaneous_redeemers(tmp_path):
    env = state_env(tmp_path)
    django_shell(env, "from django.core.management import call_command; call_command('migrate', verbosity=0)")
    outcome = json.loads(django_shell(env, _RACE).strip().splitlines()[-1])
    assert outcome["results"] == [False, False, False, True]
    assert len(outcome["winners"]) == 1
    assert outcome["again"] is False and outcome["wrong"] is False and outcome["short"] is False
    assert outcome["revoked"] is True and outcome["still"] is False
    groups = outcome["code"].split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4]


def test_enrolment_code_command_prints_deep_link_and_code_last(tmp_path):
    env = state_env(tmp_path)
    env["TELEGRAM_BOT_USERNAME"] = "@signaal_test_bot"
    django_shell(env, "from django.core.management import call_command; call_command('migrate', verbosity=0)")
    result = subprocess.run([python(), "manage.py", "enrolment_code"], cwd=ROOT / "intake", env=env,
                            capture_output=True, text=True, check=True)
    lines = result.stdout.strip().splitlines()
    code = lines[-1]
    assert lines[-2] == f"https://t.me/signaal_test_bot?start={code}"
    assert len(code.replace("-", "")) == 16


def test_bot_without_token_stops_with_a_clear_message(tmp_path):
    env = state_env(tmp_path)
    result = subprocess.run([python(), str(INTAKE / "manage.py"), "runbot"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN ontbreekt" in result.stderr


_ADMIN_REVOKE = """
from django.contrib.auth import get_user_model
from django.test import Client
from intake.officers.models import Officer
Officer.objects.create(pseudonym="tg-admin-test", telegram_chat_id=1)
admin = get_user_model().objects.create_superuser("beheer", password="lang-genoeg-wachtwoord-1")
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(admin)
page = client.get("/admin/officers/officer/")
officer = Officer.objects.get(pseudonym="tg-admin-test")
done = client.post("/admin/officers/officer/", {"action": "revoke_officers", "_selected_action": [officer.pk]})
officer.refresh_from_db()
print(page.status_code, done.status_code, officer.revoked_at is not None)
"""


def test_admin_can_revoke_an_officer(tmp_path):
    env = state_env(tmp_path)
    django_shell(env, "from django.core.management import call_command; call_command('migrate', verbosity=0)")
    assert django_shell(env, _ADMIN_REVOKE).strip().splitlines()[-1] == "200 302 True"
