"""The person answers in their own language, end to end (real Rasa, action server and intake):
in the web chat over HTTP and in Telegram (the real bot against the fake Bot API). The officer
hands over the phone, the person answers three questions in Romanian, the officer gets the
phone back, and the forwarded signal holds those answers with source `person`."""
from __future__ import annotations

import re
import time

import httpx
import pytest

from signaal import person_mode
from signaal.catalogue import load_catalogue
from signaal.pseudonym import pseudonymise
from signaal.secrets import get_secret
from tests.support.bot_process import SignaalBotProcess, wait_for
from tests.support.fake_telegram import FakeTelegram

ROMANIAN = person_mode.language("ro")
THREE = [("papers", "yes"), ("leave", "no"), ("pay", "unknown")]
# What the three answers say about the catalogue's indicators (leave is inverted: not free to leave).
EXPECTED = {"documents_confiscated": "yes", "movement_restricted": "yes", "low_or_no_pay": "unknown"}
CONTEXT = ['/inform{"setting": "workplace"}', '/inform{"persons": "2"}', '/inform{"exploitation_type": "labour"}', "/deny"]
OFFICER = 7101


@pytest.fixture(scope="module")
def supervisor_token(signaal):
    return signaal.manage("create_account", "--role", "supervisor", "--name", "person-e2e").strip().splitlines()[-1]


def stored_signal(signaal, token, match, timeout=90):
    def find():
        signals = httpx.get(f"{signaal.web_url}/api/signals", headers={"Authorization": f"Bearer {token}"},
                            timeout=30).json()
        return next((s for s in signals if match(s)), None)
    return wait_for(find, timeout=timeout, what="the stored signal")


def assert_person_answers(signal):
    indicators = {i["id"]: i for i in signal["indicators"]}
    for indicator, answer in EXPECTED.items():
        assert indicators[indicator]["answer"] == answer and indicators[indicator]["source"] == "person", indicator
    assert signal["person"]["language"] == "ro" and signal["person"]["reviewed_by_native_speaker"] is False
    assert [(a["question"], a["answer"]) for a in signal["person"]["answers"]] == THREE
    assert signal["assessment"]["dimensions"]["coercion_destination"] is True  # counted like any answer


def visible(text: str) -> str:
    return re.sub("[\u200e\u200f\u2066-\u2069]", "", text)


# -- the web chat ---------------------------------------------------------------------------------

class WebChat:
    """The browser's side of /chat: a session cookie, the CSRF token, JSON in and out."""

    def __init__(self, base_url: str, officer: dict) -> None:
        self.client = httpx.Client(base_url=base_url, timeout=90)
        # Live signals come only from signed-in officer accounts (docs/web-chat.md).
        self.client.get("/login/")
        login = self.client.post("/login/", data={"username": officer["name"], "password": officer["password"],
                                                  "csrfmiddlewaretoken": self.client.cookies["csrftoken"]},
                                 headers={"Referer": f"{base_url}/login/"})
        assert login.status_code == 302 and "/login" not in login.headers["location"]
        self.client.get("/chat")
        self.token = self.client.cookies["csrftoken"]
        self.last: dict = {}

    def press(self, payload: str) -> list:
        return self._send({"payload": payload})

    def say(self, text: str) -> list:
        return self._send({"message": text})

    def _send(self, body: dict) -> list:
        response = self.client.post("/chat/send", json=body, headers={"X-CSRFToken": self.token})
        response.raise_for_status()
        self.last = response.json()
        return [m for m in self.last["messages"] if m["who"] == "bot"]

    def page(self) -> str:
        return self.client.get("/chat").text


def payloads(messages) -> list:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


@pytest.fixture(scope="module")
def officer(signaal):
    out = signaal.manage("create_account", "--role", "officer", "--name", "person-e2e-officer")
    return {"name": "person-e2e-officer", "password": re.search(r"password: (\S+)", out).group(1)}


def test_in_the_web_chat_the_person_answers_in_romanian(signaal, supervisor_token, officer):
    chat = WebChat(signaal.web_url, officer)
    assert "/report_signal" in payloads(chat.say("hallo"))  # only buttons the assistant offered can be pressed
    replies = chat.press("/report_signal")
    for payload in CONTEXT:
        replies = chat.press(payload)
    assert "/person_mode" in payloads(replies)  # offered with every question of the checklist

    replies = chat.press("/person_mode")
    assert '/person_mode{"person_language": "ro"}' in payloads(replies)
    replies = chat.press('/person_mode{"person_language": "ro"}')
    assert any("nog niet nagekeken door een moedertaalspreker" in m["text"] for m in replies)
    replies = chat.press("/person_start")
    assert chat.last["person_view"] is True
    assert visible(ROMANIAN.text("questions.papers")) in visible(replies[-1]["text"])
    assert [b["title"] for b in replies[-1]["buttons"]][:3] == ["Da", "Nu", "Nu știu"]

    seen = []
    for key, answer in THREE:
        replies = chat.press(person_mode.answer_payload(key, answer))
        assert chat.last["messages"][0]["text"] == "✓"  # the answer is not echoed
        seen += [m["text"] for m in replies]
        page = chat.page()
        assert "mensenhandel" not in page.lower() and "Samenvatting" not in page and "Prioriteit" not in page
    assert ROMANIAN.text("questions.debt") in seen[-1]  # the fourth question is open

    replies = chat.press("/officer_back")
    assert chat.last["person_view"] is False
    back = "\n".join(m["text"] for m in replies)
    assert "Je hebt de telefoon terug" in back
    assert person_mode.language("nl").text("questions.papers") in back  # shown to the officer in Dutch

    asked = []
    for _ in range(40):  # the rest of the checklist, then forward
        asked += [m["text"] for m in replies]
        if "/forward_signal" in payloads(replies):
            break
        choices = payloads(replies)
        replies = chat.press("/deny" if "/deny" in choices else choices[0])
    catalogue = load_catalogue()
    for indicator in EXPECTED:  # what the person answered is not asked again
        assert catalogue.indicators[indicator].text("question", "nl") not in asked
    replies = chat.press("/forward_signal")
    reference = re.search(r"Referentie: (\S+)\.", "\n".join(m["text"] for m in replies)).group(1)
    assert_person_answers(stored_signal(signaal, supervisor_token, lambda s: s.get("reference") == reference))


# -- Telegram -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def telegram_bot(signaal, tmp_path_factory):
    fake = FakeTelegram().start()
    env = dict(signaal.env)
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=fake.base_url)
    bot = SignaalBotProcess(env, tmp_path_factory.mktemp("bot-person") / "bot.log").start()
    yield fake
    bot.stop()
    fake.stop()


def with_button(fake, payload, after=0, timeout=60):
    """The newest bot message (from index `after`) that carries a button with this payload."""
    def find():
        for message in reversed(fake.bot_messages(OFFICER)[after:]):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                if any(b.get("callback_data") == payload for b in row):
                    return message
        return None
    return wait_for(find, timeout=timeout, what=f"a button {payload}")


def press(fake, message, payload):
    count = len(fake.bot_messages(OFFICER))
    fake.wait_for_answer(fake.press_button(OFFICER, message, callback_data=payload), timeout=30)
    return count


def test_in_telegram_the_person_answers_in_romanian(signaal, telegram_bot, supervisor_token):
    fake = telegram_bot
    sender = pseudonymise("telegram", str(OFFICER), get_secret("SIGNAAL_PSEUDONYM_KEY"))
    code = signaal.manage("enrolment_code").strip().splitlines()[-1]
    fake.send_command(OFFICER, "start", code)
    fake.wait_for_bot_messages(OFFICER, 1, timeout=60)
    fake.send_command(OFFICER, "nieuw")
    for payload in CONTEXT:
        press(fake, with_button(fake, payload), payload)
    count = press(fake, with_button(fake, "/person_mode"), "/person_mode")
    ro = '/person_mode{"person_language": "ro"}'
    count = press(fake, with_button(fake, ro, count), ro)
    count = press(fake, with_button(fake, "/person_start", count), "/person_start")

    for key, answer in THREE:
        payload = person_mode.answer_payload(key, answer)
        question = with_button(fake, payload, count)
        assert ROMANIAN.text(f"questions.{key}") in question["text"]
        count = press(fake, question, payload)
        wait_for(lambda: "reply_markup" not in fake.message(OFFICER, question["message_id"]), what="keyboard gone")
        answered = fake.message(OFFICER, question["message_id"])
        assert answered["text"].endswith("✔")  # a tick, not the answer
    person_screens = [m["text"] for m in fake.bot_messages(OFFICER)[count - 3:]]
    assert not any("mensenhandel" in text.lower() for text in person_screens)

    count = press(fake, with_button(fake, "/officer_back", count), "/officer_back")
    back = wait_for(lambda: next((m for m in fake.bot_messages(OFFICER)[count:] if "telefoon terug" in m.get("text", "")),
                                 None), what="the officer's summary of the answers")
    assert person_mode.language("nl").text("questions.leave") in back["text"]
    assert signaal.slots(sender)["documents_confiscated"] == "yes"

    for _ in range(40):  # the rest of the checklist, with No
        slot = signaal.slots(sender).get("requested_slot")
        if slot is None:
            break
        message = with_button(fake, "/deny", count)
        count = press(fake, message, "/deny")
        wait_for(lambda: signaal.slots(sender).get("requested_slot") != slot, timeout=60, what="the next question")
        time.sleep(0.2)
    fake.send_text(OFFICER, "doorsturen")
    wait_for(lambda: signaal.slots(sender).get("signal_reference"), timeout=60, what="forwarding")
    signal_id = signaal.slots(sender)["signal_id"]
    assert_person_answers(stored_signal(signaal, supervisor_token, lambda s: s["id"] == signal_id))
