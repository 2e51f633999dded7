"""The real Telegram bot against a fake Bot API (real HTTP) and the real Rasa,
action server and intake."""
from __future__ import annotations

import time

import httpx
import pytest

from signaal.pseudonym import pseudonymise
from signaal.secrets import get_secret
from tests.support.fake_telegram import FakeTelegram
from tests.support.bot_process import SignaalBotProcess, wait_for

OFFICER, STRANGER, LATECOMER = 7001, 7002, 7003


@pytest.fixture(scope="module")
def telegram_bot(signaal, tmp_path_factory):
    fake = FakeTelegram().start()
    env = dict(signaal.env)
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=fake.base_url,
               SIGNAAL_LIVE_LOCATION_INTERVAL="0")
    bot = SignaalBotProcess(env, tmp_path_factory.mktemp("bot") / "bot.log").start()
    yield fake, bot
    bot.stop()
    fake.stop()


def pseudonym(user_id: int) -> str:
    return pseudonymise("telegram", str(user_id), get_secret("SIGNAAL_PSEUDONYM_KEY"))


def first_title(message):
    return message["reply_markup"]["inline_keyboard"][0][0]["text"]


def last_texts(fake, user, count):
    return [m.get("text", "") for m in fake.wait_for_bot_messages(user, count, timeout=90)]


def test_unenrolled_users_are_refused_and_reach_no_dialogue(signaal, telegram_bot):
    fake, bot = telegram_bot
    fake.send_text(STRANGER, "ik heb een signaal")
    refusal = last_texts(fake, STRANGER, 1)[-1]
    assert "alleen voor aangemelde agenten" in refusal
    events = signaal.tracker(pseudonym(STRANGER)).get("events") or []
    assert [e for e in events if e.get("event") == "user"] == []


def test_enrolment_works_once(signaal, telegram_bot):
    fake, bot = telegram_bot
    code = signaal.manage("enrolment_code").strip().splitlines()[-1]
    fake.send_command(OFFICER, "start", code)
    assert "aangemeld bij Signaal" in "\n".join(last_texts(fake, OFFICER, 1))
    fake.send_command(LATECOMER, "start", code)  # the same code a second time
    assert "al gebruikt" in last_texts(fake, LATECOMER, 1)[-1]
    fake.send_text(LATECOMER, "hallo")
    time.sleep(2)
    assert not [e for e in signaal.tracker(pseudonym(LATECOMER)).get("events") or [] if e.get("event") == "user"]


def test_a_check_in_telegram_with_buttons_and_a_shared_location(signaal, telegram_bot):
    fake, bot = telegram_bot
    sender = pseudonym(OFFICER)
    before = len(fake.bot_messages(OFFICER))
    fake.send_command(OFFICER, "nieuw")
    question = wait_for(lambda: next((m for m in fake.bot_messages(OFFICER)[before:] if m.get("reply_markup")), None),
                        timeout=90, what="a question with inline buttons")
    assert question["reply_markup"]["inline_keyboard"]
    asked_first = signaal.slots(sender)["requested_slot"]
    query = fake.press_button(OFFICER, question, first_title(question))
    fake.wait_for_answer(query, timeout=30)
    wait_for(lambda: signaal.slots(sender)["requested_slot"] != asked_first, timeout=60, what="the checklist to move on")

    # Answer every further question with its first button until the summary.
    for _ in range(40):
        if signaal.slots(sender)["requested_slot"] is None:
            break
        count = len(fake.bot_messages(OFFICER))
        latest = wait_for(lambda: next((m for m in reversed(fake.bot_messages(OFFICER)) if m.get("reply_markup")), None),
                          timeout=60, what="buttons")
        fake.press_button(OFFICER, latest, first_title(latest))
        fake.wait_for_bot_messages(OFFICER, count + 1, timeout=60)
        time.sleep(0.3)
    fake.send_location(OFFICER, 52.0907, 5.1214)
    wait_for(lambda: (signaal.slots(sender).get("location") or {}).get("lat"), timeout=60, what="the location")
    fake.send_text(OFFICER, "doorsturen")
    wait_for(lambda: signaal.slots(sender).get("signal_reference"), timeout=60, what="forwarding")
    token = signaal.manage("create_account", "--role", "supervisor", "--name", "tg-e2e").strip().splitlines()[-1]
    signal_id = signaal.slots(sender)["signal_id"]
    stored = wait_for(lambda: [s for s in httpx.get(f"{signaal.web_url}/api/signals", timeout=30,
                                                    headers={"Authorization": f"Bearer {token}"}).json()
                               if s["id"] == signal_id], timeout=60, what="the stored signal")[0]
    assert stored["context"]["location"]["lat"] == pytest.approx(52.0907)
    assert stored["reporter"]["pseudonym"] == sender and str(OFFICER) not in str(stored)


def test_rasa_down_gives_a_clear_message_and_the_message_is_answered_later(signaal, telegram_bot):
    fake, bot = telegram_bot
    signaal.stop(["rasa"])
    try:
        count = len(fake.bot_messages(OFFICER))
        fake.send_text(OFFICER, "hallo")
        notice = last_texts(fake, OFFICER, count + 1)[-1]
        assert "bewaard" in notice or "niet bereikbaar" in notice
    finally:
        signaal.start(["rasa"])
    # Rasa's answer to the kept message (here: greeting mid-conversation) arrives after the notice.
    answered = wait_for(lambda: [m for m in fake.bot_messages(OFFICER)[count + 1:] if "bewaard" not in m.get("text", "")],
                        timeout=180, what="the answer once Rasa is back")
    assert answered[0].get("text")
