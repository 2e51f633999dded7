"""A trainee joins a trainer's class from Telegram: "klas <code>", then a display name; neither reaches Rasa."""
from __future__ import annotations

from tests.support.bot_process import django_shell, manage, pseudonym_of


def test_joining_a_class_in_telegram(officer, telegram, rasa, env):
    code = manage(env, "create_class", "--name", "Klas Telegram").strip().splitlines()[-1]
    before = len(telegram.bot_messages(officer))
    sent_before = len(rasa.messages_from(pseudonym_of(officer)))
    telegram.send_text(officer, f"klas {code}")
    asked = telegram.wait_for_bot_messages(officer, before + 1)[before:]
    assert "Welke naam" in asked[0]["text"] and "Klas Telegram" in asked[0]["text"]
    telegram.send_text(officer, "Sanne B.")
    joined = telegram.wait_for_bot_messages(officer, before + 2)[before + 1:]
    assert "Welkom" in joined[0]["text"] and "Sanne B." in joined[0]["text"]
    assert len(rasa.messages_from(pseudonym_of(officer))) == sent_before  # nothing went to Rasa
    out = django_shell(env, (
        "from intake.training.models import ClassMember; from intake.training.classes import member_key; "
        f"m = ClassMember.objects.get(training_class__join_code='{code}'); "
        f"print(m.display_name, m.member_key == member_key('{pseudonym_of(officer)}'))"
    ))
    assert out.strip().splitlines()[-1] == "Sanne B. True"
    telegram.send_text(officer, "gewoon een bericht")
    assert rasa.wait_for_messages(pseudonym_of(officer), sent_before + 1)[-1] == "gewoon een bericht"
