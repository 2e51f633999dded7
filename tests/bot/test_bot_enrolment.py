"""Only enrolled officers reach Rasa; a code enrols once and expires."""
from __future__ import annotations

from tests.support.bot_process import django_shell, new_enrolment_code, pseudonym_of


def test_unenrolled_user_is_refused_and_nothing_reaches_rasa(signaal_bot, telegram, rasa, user_id):
    telegram.send_text(user_id, "Ik zie een verdachte situatie bij een nagelstudio")
    telegram.send_command(user_id, "nieuw")
    telegram.send_command(user_id, "start")
    replies = telegram.wait_for_bot_messages(user_id, 3)
    for reply in replies:
        assert "alleen voor aangemelde agenten" in reply["text"]
        assert "only for enrolled officers" in reply["text"]
    # Give a wrongly relayed message time to arrive, then check none did.
    telegram.send_photo(user_id)
    telegram.wait_for_bot_messages(user_id, 4)
    assert rasa.messages_from(pseudonym_of(user_id)) == []
    assert all(str(user_id) not in sender for sender, _ in rasa.received)


def test_enrolment_code_works_once(signaal_bot, telegram, rasa, env, user_id):
    code = new_enrolment_code(env)
    telegram.send_command(user_id, "start", code)
    assert rasa.wait_for_messages(pseudonym_of(user_id), 1) == ["/greet"]
    first = telegram.wait_for_bot_messages(user_id, 2)
    assert "aangemeld" in first[0]["text"]

    other = user_id + 50_000
    telegram.send_command(other, "start", code)
    refused = telegram.wait_for_bot_messages(other, 1)[0]
    assert "al gebruikt of verlopen" in refused["text"]
    telegram.send_text(other, "hallo")
    assert "alleen voor aangemelde agenten" in telegram.wait_for_bot_messages(other, 2)[1]["text"]
    assert rasa.messages_from(pseudonym_of(other)) == []

    # The enrolled officer now talks to Rasa.
    telegram.send_text(user_id, "hallo")
    assert rasa.wait_for_messages(pseudonym_of(user_id), 2)[1] == "hallo"


def test_deep_link_code_with_lowercase_and_no_dashes_enrols(signaal_bot, telegram, rasa, env, user_id):
    code = new_enrolment_code(env).replace("-", "").lower()
    telegram.send_command(user_id, "start", code)
    assert rasa.wait_for_messages(pseudonym_of(user_id), 1) == ["/greet"]


def test_expired_code_is_refused(signaal_bot, telegram, rasa, env, user_id):
    code = new_enrolment_code(env)
    django_shell(
        env,
        "from datetime import timedelta; from django.utils import timezone; "
        "from intake.officers.models import EnrolmentCode; from intake.officers.services import hash_code; "
        f"EnrolmentCode.objects.filter(code_hash=hash_code('{code}')).update(expires_at=timezone.now() - timedelta(minutes=1))",
    )
    telegram.send_command(user_id, "start", code)
    assert "al gebruikt of verlopen" in telegram.wait_for_bot_messages(user_id, 1)[0]["text"]
    telegram.send_text(user_id, "hallo")
    telegram.wait_for_bot_messages(user_id, 2)
    assert rasa.messages_from(pseudonym_of(user_id)) == []


def test_revoked_officer_is_refused(officer, telegram, rasa, env):
    django_shell(env, f"from intake.officers.services import revoke; assert revoke('{pseudonym_of(officer)}')")
    before = len(telegram.bot_messages(officer))
    telegram.send_text(officer, "nog een vraag")
    reply = telegram.wait_for_bot_messages(officer, before + 1)[-1]
    assert "alleen voor aangemelde agenten" in reply["text"]
    assert rasa.messages_from(pseudonym_of(officer)) == ["/greet"]


def test_code_is_stored_only_hashed(env):
    code = new_enrolment_code(env)
    out = django_shell(
        env,
        "from intake.officers.models import EnrolmentCode; "
        "print([list(r.values()) for r in EnrolmentCode.objects.values('code_hash', 'used_by')])",
    )
    assert code not in out and code.replace("-", "") not in out
